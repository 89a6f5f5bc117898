/**
 * A real synthesis with bundling: esbuild builds every handler locally (no
 * Docker) into one ESM file that loads on Node.js 24 with the AWS SDK left to
 * the runtime. Prints the bundle sizes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/constructs/handler-function.ts';
import { buildApp, type CfnTemplate } from '../src/index.ts';
import { handlerFunctions, props } from './support/synth.ts';

// Inside the repository, so a bundle's `@aws-sdk/*` imports resolve as the Lambda runtime would provide them.
mkdirSync(join(REPO_ROOT, 'cdk.out'), { recursive: true });
const outdir = mkdtempSync(join(REPO_ROOT, 'cdk.out', 'bundling-test-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const { app, stack } = buildApp({ stage: 'dev', bundle: true, nag: false, outdir });
const template = app.synth().getStackArtifact(stack.artifactId).template as CfnTemplate;

/** Each function's bundle: `asset.<hash>/index.mjs`, the hash being the S3 key of its code. */
const bundles = handlerFunctions(template).map(([id, fn]) => {
  const key = String(props(fn).Code.S3Key).replace(/\.zip$/u, '');
  const file = join(outdir, `asset.${key}`, 'index.mjs');
  const label = `${fn.Metadata?.['medins:handler']}${fn.Metadata?.['medins:consumes'] ? ` (${fn.Metadata['medins:consumes']})` : ''}`;
  const usesTables = Object.keys(props(fn).Environment?.Variables ?? {}).some((k) => k.startsWith('MEDINS_TABLE_'));
  return { id, label, file, usesTables };
});

/** Minified, with zod, Powertools and the X-Ray SDK inside; the AWS SDK outside. */
const MAX_BUNDLE_BYTES = 1_000_000;

describe('bundling', () => {
  it('builds one ESM bundle per function, each small', () => {
    const sizes = bundles.map((b) => ({ handler: b.label, kB: existsSync(b.file) ? Math.round(statSync(b.file).size / 1024) : -1 }));
    console.log(`bundle sizes (minified, kB):\n${sizes.map((s) => `  ${s.handler}: ${s.kB}`).join('\n')}`);
    for (const s of sizes) {
      expect(s.kB, s.handler).toBeGreaterThan(0);
      expect(s.kB * 1024, s.handler).toBeLessThan(MAX_BUNDLE_BYTES);
    }
  });

  it('leaves the AWS SDK to the runtime and gives CommonJS dependencies a `require`', () => {
    for (const b of bundles) {
      const code = readFileSync(b.file, 'utf8');
      expect(code.startsWith('import { createRequire as __medinsCreateRequire }'), b.label).toBe(true);
      // The DynamoDB clients stay imports of the runtime's SDK, not bundled copies.
      if (b.usesTables) expect(/from\s*"@aws-sdk\/(lib|client)-dynamodb"/u.test(code), b.label).toBe(true);
    }
  });

  it('every bundle loads on plain Node.js 24 (outside the test runner) and exports `handler`', () => {
    // One child process imports them all natively, as the Lambda runtime would.
    const script = `
      const results = {};
      for (const [label, url] of JSON.parse(process.argv[1])) {
        try { results[label] = typeof (await import(url)).handler; } catch (e) { results[label] = 'failed: ' + e.message; }
      }
      console.log(JSON.stringify(results));`;
    const files = bundles.map((b) => [b.label, pathToFileURL(b.file).href]);
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(files)], {
      encoding: 'utf8',
      env: { ...process.env, AWS_REGION: 'cn-northwest-1' },
    });
    expect(child.stderr).not.toMatch(/Error/u);
    expect(process.versions.node.split('.')[0]).toBe('24');
    const results = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Record<string, string>;
    expect(results).toEqual(Object.fromEntries(bundles.map((b) => [b.label, 'function'])));
  });
});
