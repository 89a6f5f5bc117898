import { describe, expect, it } from 'vitest';
import { type AslDefinition, createWorkflow, STATE_DATA_LIMIT_BYTES, stateDataBytes } from '../../src/index.ts';

/** A string whose JSON (with its two quotes) is `bytes` UTF-8 bytes, in 3-byte characters where it can. */
function jsonOfBytes(bytes: number): string {
  const wide = Math.floor((bytes - 2) / 3);
  return '医'.repeat(wide) + 'x'.repeat(bytes - 2 - wide * 3);
}

describe('the local interpreter bounds each state at 256 KiB, as Step Functions does', () => {
  it('counts UTF-8 bytes of the JSON, not characters', () => {
    expect(stateDataBytes({ id: '医保' })).toBe(15);
    expect(stateDataBytes(jsonOfBytes(1000))).toBe(1000);
  });

  it('passes a state whose output is exactly the limit and fails one byte over with States.DataLimitExceeded, uncaught by States.ALL', async () => {
    // Prepare: a Pass state puts the payload in; a catch-all would hide any ordinary error.
    let after = 0;
    const definition = (bytes: number): AslDefinition => ({
      StartAt: 'Grow',
      States: {
        Grow: { Type: 'Pass', Result: jsonOfBytes(bytes), Next: 'After' },
        After: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'After', 'Payload.$': '$' },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Succeed' },
      },
    });
    const run = (bytes: number) =>
      createWorkflow({
        stateMachine: definition(bytes),
        overrides: {
          After: async (input) => {
            after += 1;
            return (input as { Payload: unknown }).Payload;
          },
        },
      }).run({});

    // Act
    const fits = await run(STATE_DATA_LIMIT_BYTES);
    const over = await run(STATE_DATA_LIMIT_BYTES + 1);

    // Assert
    expect(fits.status).toBe('SUCCEEDED');
    expect(stateDataBytes((fits as { output: unknown }).output)).toBe(STATE_DATA_LIMIT_BYTES);
    expect(over).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect((over as { cause: string }).cause).toContain(`'Grow'`);
    expect(over.states.map((s) => s.name)).toEqual(['Grow']);
    expect(after).toBe(1);
  });

  it('fails a run whose execution input is over the limit before its first state runs', async () => {
    const result = await createWorkflow({ stateMachine: { StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } } }).run({
      big: jsonOfBytes(STATE_DATA_LIMIT_BYTES),
    });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(result.states).toEqual([]);
  });

  it('fails at a Task whose result makes the state too large, without running the next state', async () => {
    let next = 0;
    const result = await createWorkflow({
      stateMachine: {
        StartAt: 'Load',
        States: {
          Load: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'Load' },
            ResultPath: '$.loaded',
            Next: 'Then',
          },
          Then: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'Then' }, End: true },
        },
      },
      overrides: {
        Load: async () => ({ Payload: jsonOfBytes(STATE_DATA_LIMIT_BYTES) }),
        Then: async () => {
          next += 1;
          return {};
        },
      },
    }).run({ event: 'e-1' });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(next).toBe(0);
  });
});
