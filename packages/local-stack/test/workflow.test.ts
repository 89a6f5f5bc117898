import { describe, expect, it, vi } from 'vitest';
import { type AslDefinition, createWorkflow, type LocalFunction, WorkflowBindingError } from '../src/index.ts';

/** A function of a template, as readTemplate describes it. */
function fn(logicalId: string, handlerKey?: string): LocalFunction {
  return {
    logicalId,
    arn: `arn:aws:lambda:local:000000000000:function:${logicalId}`,
    handlerKey,
    functionName: undefined,
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    timeoutSeconds: 3,
    memoryMb: 128,
    environment: {},
  };
}

const functions = { CheckFn1234ABCD: fn('CheckFn1234ABCD', 'claims/check'), SettleFn5678ABCD: fn('SettleFn5678ABCD', 'claims/settle') };
const invoke = (logicalId: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: functions[logicalId as keyof typeof functions].arn, 'Payload.$': '$' },
  ...extra,
});

class TransientError extends Error {
  override readonly name = 'TransientError';
}
class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

describe('createWorkflow: Lambda tasks', () => {
  it('runs the direct-ARN form with the handler bound by its medins:handler key', async () => {
    // Prepare
    const definition: AslDefinition = {
      StartAt: 'Settle',
      States: { Settle: { Type: 'Task', Resource: functions.SettleFn5678ABCD.arn, End: true } },
    };
    const settle = vi.fn(async (event: { amount: number }, context: { functionName: string }) => ({
      paid: event.amount,
      by: context.functionName,
    }));
    // Act
    const result = await createWorkflow({ stateMachine: definition, functions, handlers: { 'claims/settle': settle } }).run({ amount: 7 });
    // Assess
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { paid: 7, by: 'SettleFn5678ABCD' } });
    expect(result.states).toEqual([{ name: 'Settle', type: 'Task' }]);
    expect(result.transitions).toBe(1);
  });

  it('wraps the lambda:invoke form in the Invoke response, with the return value as Payload', async () => {
    const definition: AslDefinition = { StartAt: 'Check', States: { Check: { ...invoke('CheckFn1234ABCD'), End: true } as never } };
    const result = await createWorkflow({
      stateMachine: definition,
      functions,
      handlers: { 'claims/check': async (e: { n: number }) => ({ n: e.n + 1, at: new Date(0) }) },
    }).run({
      n: 1,
    });
    expect(result.status).toBe('SUCCEEDED');
    // Lambda serializes the return value: the Date arrives as its ISO string.
    expect(result.status === 'SUCCEEDED' && result.output).toMatchObject({
      StatusCode: 200,
      ExecutedVersion: '$LATEST',
      Payload: { n: 2, at: '1970-01-01T00:00:00.000Z' },
    });
  });

  it('retries a named error per the definition, then catches it, with the cause Lambda would report', async () => {
    // Prepare: 2 retries with backoff, then a Catch on the error name.
    const definition: AslDefinition = {
      StartAt: 'Check',
      States: {
        Check: invoke('CheckFn1234ABCD', {
          Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
          Catch: [{ ErrorEquals: ['TransientError'], ResultPath: '$.error', Next: 'Parked' }],
          Next: 'Done',
        }) as never,
        Parked: { Type: 'Pass', End: true },
        Done: { Type: 'Succeed' },
      },
    };
    const check = vi.fn(async () => {
      throw new TransientError('DynamoDB throttled');
    });
    const started = performance.now();
    // Act
    const result = await createWorkflow({ stateMachine: definition, functions, handlers: { 'claims/check': check }, timeScale: 0 }).run({
      id: 1,
    });
    // Assess: 1 attempt + 2 retries, no real waiting, then the Catch path.
    expect(check).toHaveBeenCalledTimes(3);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.states.map((s) => s.name)).toEqual(['Check', 'Parked']);
    expect(result.transitions).toBe(4);
    const output = (result as { output: { error: { Error: string; Cause: string } } }).output;
    expect(output.error.Error).toBe('TransientError');
    expect(JSON.parse(output.error.Cause)).toMatchObject({ errorType: 'TransientError', errorMessage: 'DynamoDB throttled' });
  });

  it('scales retry backoff by timeScale instead of skipping it', async () => {
    const definition: AslDefinition = {
      StartAt: 'Check',
      States: {
        Check: invoke('CheckFn1234ABCD', {
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 2, BackoffRate: 2 }],
          End: true,
        }) as never,
      },
    };
    let calls = 0;
    const flow = createWorkflow({
      stateMachine: definition,
      functions,
      handlers: { 'claims/check': async () => (++calls < 3 ? Promise.reject(new TransientError('again')) : 'ok') },
      timeScale: 0.002, // 10 s + 20 s of backoff → 20 ms + 40 ms
    });
    const started = performance.now();
    const result = await flow.run({});
    expect(result.status).toBe('SUCCEEDED');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('fails the execution with the error name and Lambda cause when nothing catches it', async () => {
    const definition: AslDefinition = {
      StartAt: 'Settle',
      States: { Settle: { Type: 'Task', Resource: functions.SettleFn5678ABCD.arn, End: true } },
    };
    const thrown = new ConflictError('version 3 != 4');
    const result = await createWorkflow({
      stateMachine: definition,
      functions,
      handlers: { 'claims/settle': () => Promise.reject(thrown) },
    }).run({});
    expect(result).toMatchObject({ status: 'FAILED', error: 'ConflictError', thrown });
    expect(result.status === 'FAILED' && JSON.parse(result.cause)).toMatchObject({
      errorType: 'ConflictError',
      errorMessage: 'version 3 != 4',
    });
  });

  it('names a non-Error throw by its type, as the Node.js runtime does', async () => {
    const definition: AslDefinition = {
      StartAt: 'Settle',
      States: { Settle: { Type: 'Task', Resource: functions.SettleFn5678ABCD.arn, End: true } },
    };
    const result = await createWorkflow({
      stateMachine: definition,
      functions,
      handlers: { SettleFn5678ABCD: () => Promise.reject('boom') },
    }).run({});
    expect(result).toMatchObject({ status: 'FAILED', error: 'string' });
  });

  it('runs handlers inside a Map, once per item, and counts their transitions', async () => {
    const definition: AslDefinition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Settle',
            States: { Settle: { Type: 'Task', Resource: functions.SettleFn5678ABCD.arn, End: true } },
          },
          End: true,
        } as never,
      },
    };
    const result = await createWorkflow({
      stateMachine: definition,
      functions,
      handlers: { 'claims/settle': async (n: number) => n * 10 },
    }).run({ items: [1, 2, 3] });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: [10, 20, 30] });
    expect(
      result.states
        .filter((s) => s.name === 'Settle')
        .map((s) => s.mapIndex)
        .sort(),
    ).toEqual([0, 1, 2]);
    expect(result.transitions).toBe(4);
  });

  it('reports a dynamic FunctionName that is not in the template as Lambda.ResourceNotFoundException', async () => {
    const definition: AslDefinition = {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { 'FunctionName.$': '$.fn', 'Payload.$': '$' },
          End: true,
        },
      },
    };
    const flow = createWorkflow({ stateMachine: definition, functions, handlers: { 'claims/check': async () => 'checked' } });
    expect(await flow.run({ fn: functions.CheckFn1234ABCD.arn })).toMatchObject({ status: 'SUCCEEDED', output: { Payload: 'checked' } });
    expect(await flow.run({ fn: 'arn:aws:lambda:local:000000000000:function:Nope' })).toMatchObject({
      status: 'FAILED',
      error: 'Lambda.ResourceNotFoundException',
    });
  });
});

describe('createWorkflow: binding', () => {
  it('lists every Task that has no handler before anything runs', () => {
    const definition: AslDefinition = {
      StartAt: 'Check',
      States: {
        Check: invoke('CheckFn1234ABCD', { Next: 'Publish' }) as never,
        Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { Message: 'x' }, End: true },
      },
    };
    const bind = () => createWorkflow({ stateMachine: definition, functions, handlers: {} });
    expect(bind).toThrow(WorkflowBindingError);
    expect(bind).toThrow(
      /Task "Check": no handler for "claims\/check" \(CheckFn1234ABCD\)[\s\S]*Task "Publish" calls arn:aws:states:::sns:publish/,
    );
  });

  it('lets an override run a Task the local stack cannot', async () => {
    const definition: AslDefinition = {
      StartAt: 'Publish',
      States: { Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true } },
    };
    const flow = createWorkflow({ stateMachine: definition, overrides: { Publish: (input) => ({ published: input }) } });
    expect(flow.bindings).toEqual([{ state: 'Publish', kind: 'override', target: 'Publish' }]);
    expect(await flow.run({ a: 1 })).toMatchObject({ status: 'SUCCEEDED', output: { published: { a: 1 } } });
  });

  it('refuses task tokens, service clients it was not given, and JSONata', () => {
    const token: AslDefinition = {
      StartAt: 'Wait',
      States: {
        Wait: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'CheckFn1234ABCD' },
          End: true,
        },
      },
    };
    expect(() => createWorkflow({ stateMachine: token, functions, handlers: { 'claims/check': async () => ({}) } })).toThrow(
      /waits for a task token: pass taskTokens/,
    );
    const put: AslDefinition = {
      StartAt: 'Put',
      States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true } },
    };
    expect(() => createWorkflow({ stateMachine: put })).toThrow(/pass a DynamoDBClient/);
    const jsonata = { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } as unknown as AslDefinition;
    expect(() => createWorkflow({ stateMachine: jsonata })).toThrow(/JSONata/);
  });
});
