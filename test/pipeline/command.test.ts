/**
 * `npm run --silent pipeline -- FILE` as a command: the same stdout as the
 * scenario command on a public example, and exit 2 with the field named, nothing
 * on stdout, for an invalid document or an unreadable file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipelineCommand } from '../../packages/cli/src/pipeline.ts';
import { runScenarioCommand } from '../../packages/cli/src/scenario.ts';

const example = join(import.meta.dirname, '../../../shared/contract/examples/03-family-mutual-aid.scenario.json');

describe('the pipeline command', () => {
  it('prints what the scenario command prints', async () => {
    const pipeline = await runPipelineCommand([example]);
    expect(pipeline.stderr).toBe('');
    expect(pipeline.code).toBe(0);
    expect(pipeline.stdout).toBe(runScenarioCommand([example]).stdout);
  }, 120_000);

  it('answers an invalid document with exit 2 naming the field, and nothing on stdout', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'medins-pipeline-')), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        regions: [],
        plans: [],
        providers: [],
        members: [{ id: 'm-1' }],
        familyGroups: [],
        policies: [],
        events: [],
      }),
    );
    const r = await runPipelineCommand([file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/members\[0\]/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('answers a missing file with exit 2', async () => {
    expect(await runPipelineCommand(['/no/such/file.json'])).toMatchObject({ code: 2, stdout: '' });
    expect(await runPipelineCommand([])).toMatchObject({ code: 2, stdout: '' });
  });
});
