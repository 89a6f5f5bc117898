/**
 * `npm run --silent pipeline -- FILE` (src/pipeline.ts): what it answers before
 * anything starts — the help, a wrong command line, an unreadable FILE (the
 * replay on the real stack is test/pipeline/command.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { pipelineCommand, runPipelineCommand } from '../src/pipeline.ts';

describe('the pipeline command, before anything starts', () => {
  it('answers --help with the help, exit 0', async () => {
    // Act
    const r = await runPipelineCommand(['-h']);
    // Assess
    expect(r).toEqual({ code: 0, stdout: pipelineCommand.help, stderr: '' });
  });

  it('answers a missing FILE operand and a stray argument with exit 2 and the usage', async () => {
    // Act
    const none = await runPipelineCommand([]);
    const two = await runPipelineCommand(['a.json', 'b.json']);
    // Assess
    expect(none).toEqual({ code: 2, stdout: '', stderr: `missing FILE\n${pipelineCommand.usage}\n(--help for the options)\n` });
    expect(two).toEqual({
      code: 2,
      stdout: '',
      stderr: `unexpected argument 'b.json'\n${pipelineCommand.usage}\n(--help for the options)\n`,
    });
  });

  it('answers an unreadable FILE with exit 2, naming it', async () => {
    // Act
    const r = await runPipelineCommand(['/no/such/scenario.json']);
    // Assess
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'cannot read /no/such/scenario.json: ENOENT\n' });
  });
});
