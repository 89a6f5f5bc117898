/**
 * The layers' import rules (.dependency-cruiser.mjs, `npm run deps`) hold on the tree as it is,
 * and fail the build on a deliberate bad import: an AWS client in the engine, a reach from the
 * contract into the store. The bad files live a few seconds in the real source folders (the rules
 * match on paths) and are removed whatever happens.
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');

/** Runs the same check as `npm run deps`; its exit code and report. */
async function cruise(): Promise<{ code: number; report: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'packages/engine/src', 'packages/contract/src', 'functions/src'], {
      cwd: root,
    });
    return { code: 0, report: stdout };
  } catch (e) {
    const failed = e as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, report: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('npm run deps', () => {
  it('passes on the tree as it is: the engine and the contract import only what they may', async () => {
    // Act
    const { code, report } = await cruise();
    // Assess
    expect(report).not.toMatch(/error (engine-stays-pure|contract-stays-pure|resolvable)/);
    expect(code).toBe(0);
  });

  it('fails on an AWS client imported by the engine and on the store reached from the contract', async () => {
    // Prepare
    const tag = `zz-dependency-rule-${process.pid}`;
    const inEngine = join(root, 'packages', 'engine', 'src', `${tag}.ts`);
    const inContract = join(root, 'packages', 'contract', 'src', `${tag}.ts`);
    try {
      writeFileSync(inEngine, "export type { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n");
      writeFileSync(inContract, "export { z } from 'zod';\nexport * from '../../store/src/index.ts';\n");
      // Act
      const { code, report } = await cruise();
      // Assess
      expect(code).not.toBe(0);
      expect(report).toMatch(
        new RegExp(`error engine-stays-pure: packages/engine/src/${tag}\\.ts → node_modules/@aws-sdk/client-dynamodb/`),
      );
      expect(report).toMatch(new RegExp(`error contract-stays-pure: packages/contract/src/${tag}\\.ts → packages/store/src/index\\.ts`));
      // zod is the contract's own allowance.
      expect(report).not.toMatch(new RegExp(`contract-stays-pure: packages/contract/src/${tag}\\.ts → node_modules/zod/`));
    } finally {
      rmSync(inEngine, { force: true });
      rmSync(inContract, { force: true });
    }
  });
});
