/**
 * The layers' import rules (.dependency-cruiser.mjs, `npm run lint:layers`) hold on the tree as it is,
 * and fail the build on a deliberate bad import: an AWS client in the engine, a reach from the
 * contract into the store. The bad files live a few seconds in the real source folders (the rules
 * match on paths) and are removed whatever happens.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');

/** Runs the same check as `npm run lint:layers`; its exit code and report. */
async function cruise(cwd = root): Promise<{ code: number; report: string }> {
  try {
    const folders = ['packages/engine/src', 'packages/contract/src', ...(cwd === root ? ['functions/src'] : [])];
    const { stdout } = await promisify(execFile)(process.execPath, [cli, '--config', join(root, '.dependency-cruiser.mjs'), ...folders], {
      cwd,
    });
    return { code: 0, report: stdout };
  } catch (e) {
    const failed = e as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, report: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('npm run lint:layers', () => {
  it('passes on the tree as it is: the engine and the contract import only what they may', async () => {
    // Act
    const { code, report } = await cruise();
    // Assess
    expect(report).not.toMatch(/error (engine-stays-pure|contract-stays-pure|resolvable)/);
    expect(code).toBe(0);
  });

  it('fails on an AWS client imported by the engine and on the store reached from the contract', async () => {
    // Prepare
    // A scratch tree shaped like ours (its node_modules and tsconfig are the repo's): the rules
    // match paths relative to where they run, so the bad imports never touch the real sources.
    const scratch = mkdtempSync(join(tmpdir(), 'medins-dependency-rule-'));
    const tag = 'bad-import';
    try {
      for (const dir of ['packages/engine/src', 'packages/contract/src', 'packages/store/src'])
        mkdirSync(join(scratch, dir), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
      writeFileSync(join(scratch, 'tsconfig.json'), readFileSync(join(root, 'tsconfig.json')));
      writeFileSync(join(scratch, 'packages/store/src/index.ts'), 'export const store = 1;\n');
      writeFileSync(join(scratch, `packages/engine/src/${tag}.ts`), "export type { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n");
      writeFileSync(
        join(scratch, `packages/contract/src/${tag}.ts`),
        "export { z } from 'zod';\nexport * from '../../store/src/index.ts';\n",
      );
      // Act
      const { code, report } = await cruise(scratch);
      // Assess
      expect(code).not.toBe(0);
      expect(report).toMatch(
        new RegExp(`error engine-stays-pure: packages/engine/src/${tag}\\.ts → \\S*node_modules/@aws-sdk/client-dynamodb/`),
      );
      expect(report).toMatch(new RegExp(`error contract-stays-pure: packages/contract/src/${tag}\\.ts → packages/store/src/index\\.ts`));
      // zod is the contract's own allowance.
      expect(report).not.toMatch(new RegExp(`contract-stays-pure: packages/contract/src/${tag}\\.ts → node_modules/zod/`));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
