/**
 * Installed versions of the emulator packages, for the "what ran this" line a
 * report or a cost model prints. Read from each package's own package.json,
 * found from its resolved entry point because their export maps hide
 * `<name>/package.json` from import.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `<name> <version>` of an installed package, e.g. `fauxqs 2.4.1`.
 *
 * @example
 * ```ts
 * packageVersion('aws-local-stepfunctions'); // 'aws-local-stepfunctions 3.0.0'
 * ```
 */
export function packageVersion(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return `${name} ${pkg.version ?? 'unknown'}`;
    }
    const parent = dirname(dir);
    if (parent === dir) return `${name} unknown`;
    dir = parent;
  }
}
