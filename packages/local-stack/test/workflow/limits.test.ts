import { describe, expect, it } from 'vitest';
import { type AslDefinition, createWorkflow, type LocalFunction, STATE_DATA_LIMIT_BYTES, stateDataBytes } from '../../src/index.ts';

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

  describe('a direct Lambda Task, measured on the text its result was serialized to', () => {
    const fn: LocalFunction = {
      logicalId: 'GrowFn1234ABCD',
      arn: 'arn:aws:lambda:local:000000000000:function:GrowFn1234ABCD',
      handlerKey: 'claims/grow',
      functionName: undefined,
      handler: 'index.handler',
      runtime: 'nodejs24.x',
      timeoutSeconds: 3,
      memoryMb: 128,
      environment: {},
    };
    /** Grow (a real handler, whose result is `{ big, n }` of `bytes` bytes), then a Choice on it, then a Pass. */
    const definition = (grow: Record<string, unknown> = {}): AslDefinition => ({
      StartAt: 'Grow',
      States: {
        Grow: { Type: 'Task', Resource: fn.arn, Next: 'Which?', ...grow },
        'Which?': { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'Done' }], Default: 'Done' },
        Done: { Type: 'Pass', End: true },
      },
    });
    /** `{ big: '…', n: 1 }` in exactly `bytes` bytes of JSON. */
    const resultOf = (bytes: number) => ({ big: jsonOfBytes(bytes - '{"big":,"n":1}'.length), n: 1 });
    const run = (bytes: number, grow?: Record<string, unknown>, input: unknown = {}) =>
      createWorkflow({
        stateMachine: definition(grow),
        functions: { [fn.logicalId]: fn },
        handlers: { 'claims/grow': async () => resultOf(bytes) },
      }).run(input);

    it('passes a result of exactly the limit through the Task, the Choice and the Pass, and fails one byte over at the Task', async () => {
      // Act
      const fits = await run(STATE_DATA_LIMIT_BYTES);
      const over = await run(STATE_DATA_LIMIT_BYTES + 1);
      // Assess
      expect(stateDataBytes(resultOf(STATE_DATA_LIMIT_BYTES))).toBe(STATE_DATA_LIMIT_BYTES);
      expect(fits.status).toBe('SUCCEEDED');
      expect(fits.states.map((s) => s.name)).toEqual(['Grow', 'Which?', 'Done']);
      expect(over).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
      expect((over as { cause: string }).cause).toContain(`'Grow'`);
      expect((over as { cause: string }).cause).toContain(`output is ${STATE_DATA_LIMIT_BYTES + 1} bytes`);
      expect(over.states.map((s) => s.name)).toEqual(['Grow']);
    });

    it("counts UTF-8 bytes of what Lambda serialized (a Date as its ISO text), not of the handler's object", async () => {
      // Prepare: a Date serializes to a 26-byte string; the text left fills the limit exactly.
      const at = new Date('2026-01-01T00:00:00.000Z');
      const pad = STATE_DATA_LIMIT_BYTES - '{"at":"2026-01-01T00:00:00.000Z","big":,"n":1}'.length;
      const flow = (extra: number) =>
        createWorkflow({
          stateMachine: definition(),
          functions: { [fn.logicalId]: fn },
          handlers: { 'claims/grow': async () => ({ at, big: jsonOfBytes(pad + extra), n: 1 }) },
        }).run({});
      // Act / Assess
      expect((await flow(0)).status).toBe('SUCCEEDED');
      expect(await flow(1)).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    });

    it('measures the reshaped output when a ResultPath puts the result into the input', async () => {
      // Prepare: the result alone fits; with the input around it, the state's output does not.
      const input = { claimId: 'c-1', note: jsonOfBytes(200) };
      // Act
      const result = await run(STATE_DATA_LIMIT_BYTES - 50, { ResultPath: '$.grown' }, input);
      // Assess
      expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
      expect((result as { cause: string }).cause).toContain(`'Grow'`);
      expect(result.states.map((s) => s.name)).toEqual(['Grow']);
    });

    it('measures the output of a Pass that reshapes what the Choice passed on', async () => {
      // Prepare: Done copies the result twice; the result fits, the copy does not.
      const flow = createWorkflow({
        stateMachine: {
          ...definition(),
          States: {
            ...definition().States,
            Done: { Type: 'Pass', Parameters: { 'a.$': '$.big', 'b.$': '$.big' }, End: true },
          },
        },
        functions: { [fn.logicalId]: fn },
        handlers: { 'claims/grow': async () => resultOf(STATE_DATA_LIMIT_BYTES / 2 + 100) },
      });
      // Act
      const result = await flow.run({});
      // Assess
      expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
      expect((result as { cause: string }).cause).toContain(`'Done'`);
      expect(result.states.map((s) => s.name)).toEqual(['Grow', 'Which?', 'Done']);
    });
  });
});
