/**
 * Powertools for AWS Lambda is released as one set: each package pins its
 * siblings (commons, jmespath) to its own version. Mixing releases installs two
 * copies of commons (two sets of Lambda context helpers, two middleware
 * registries), so every workspace declares the same exact version and the lock
 * file holds one version of each Powertools package.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const SCOPE = '@aws-lambda-powertools/';

interface Manifest {
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}
interface Lock {
  readonly packages: Record<string, Manifest & { readonly version?: string; readonly link?: boolean }>;
}

const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lock;

describe('Powertools for AWS Lambda', () => {
  it('is declared at one exact version in every workspace', () => {
    // Prepare: the workspaces' manifests as the lock file records them ('' is the root)
    const declared = Object.entries(lock.packages)
      .filter(([path, entry]) => !path.includes('node_modules/') && !entry.link)
      .flatMap(([path, m]) =>
        Object.entries({ ...m.dependencies, ...m.devDependencies })
          .filter(([name]) => name.startsWith(SCOPE))
          .map(([name, range]) => ({ where: `${path || '.'}: ${name}`, range })),
      );
    // Assess
    expect(declared.length).toBeGreaterThan(0);
    for (const d of declared) expect(d.range, d.where).toMatch(/^\d+\.\d+\.\d+$/);
    expect(new Set(declared.map((d) => d.range)).size, JSON.stringify(declared)).toBe(1);
  });

  it('is installed at that one version: one copy of commons, one of each package', () => {
    // Prepare
    const installed = Object.entries(lock.packages)
      .filter(([path]) => path.includes(`node_modules/${SCOPE}`))
      .map(([path, entry]) => ({ name: path.slice(path.lastIndexOf(SCOPE)), path, version: entry.version }));
    // Assess
    expect(installed.map((i) => i.name)).toContain(`${SCOPE}commons`);
    expect(new Set(installed.map((i) => i.version)), JSON.stringify(installed)).toHaveProperty('size', 1);
    expect(installed.filter((i) => i.name === `${SCOPE}commons`).map((i) => i.path)).toEqual([`node_modules/${SCOPE}commons`]);
  });
});
