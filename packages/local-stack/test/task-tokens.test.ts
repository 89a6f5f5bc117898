/**
 * `.waitForTaskToken` run locally: the token reaches the invoked function, the
 * Task waits for its answer, a success is the Task's result, a failure is caught
 * by its name, heartbeats and timeouts end the Task as Step Functions names them
 * (on the workflow's clock), and a token answers once.
 */
import { describe, expect, it } from 'vitest';
import { type AslDefinition, createWorkflow, InvalidTokenError, type LocalFunction, TaskTimedOutError, TaskTokens } from '../src/index.ts';

const publish: LocalFunction = {
  logicalId: 'PublishFn1234ABCD',
  arn: 'arn:aws:lambda:local:000000000000:function:PublishFn1234ABCD',
  handlerKey: 'review/publish',
  functionName: undefined,
  handler: 'index.handler',
  runtime: 'nodejs22.x',
  timeoutSeconds: 3,
  memoryMb: 128,
  environment: {},
};

/** Await → (answer) Done, or (timeout, heartbeat, released) Escalated. */
const definition = (limits: Record<string, number>): AslDefinition => ({
  StartAt: 'Await',
  States: {
    Await: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: publish.arn, Payload: { 'token.$': '$$.Task.Token', 'claimId.$': '$.claimId' } },
      ResultPath: '$.answer',
      ...limits,
      Catch: [{ ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout', 'ReviewReleased'], ResultPath: '$.error', Next: 'Escalated' }],
      End: true,
    },
    Escalated: { Type: 'Pass', End: true },
  } as never,
});

/** A workflow whose function remembers the tokens it was handed. */
function setup(limits: Record<string, number>, timeScale = 0.001) {
  const tokens = new TaskTokens();
  const seen: { token: string; claimId: string }[] = [];
  let arrived: () => void = () => {};
  const flow = createWorkflow({
    stateMachine: definition(limits),
    functions: { [publish.logicalId]: publish },
    handlers: {
      'review/publish': (e: { token: string; claimId: string }) => {
        seen.push(e);
        arrived();
      },
    },
    taskTokens: tokens,
    timeScale,
  });
  const published = () => new Promise<void>((r) => (arrived = r));
  return { tokens, seen, flow, published };
}

describe('waitForTaskToken on the local stack', () => {
  it('hands the function a token and takes the success as the Task result, once', async () => {
    const { tokens, seen, flow, published } = setup({ TimeoutSeconds: 3600 });
    const waiting = published();
    const run = flow.run({ claimId: 'c1' });
    await waiting;
    expect(seen).toHaveLength(1);
    expect(seen[0]?.claimId).toBe('c1');
    expect(seen[0]?.token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(tokens.open).toBe(1);
    tokens.sendTaskSuccess(seen[0]!.token, JSON.stringify({ decision: 'approve' }));
    expect(await run).toMatchObject({ status: 'SUCCEEDED', output: { claimId: 'c1', answer: { decision: 'approve' } } });
    expect(tokens.open).toBe(0);
    // The same answer again, and a token never issued.
    expect(() => tokens.sendTaskSuccess(seen[0]!.token, '{}')).toThrow(TaskTimedOutError);
    expect(() => tokens.sendTaskSuccess('nope', '{}')).toThrow(InvalidTokenError);
  });

  it('fails the Task with the error a SendTaskFailure names, for its Catch', async () => {
    const { tokens, seen, flow, published } = setup({});
    const waiting = published();
    const run = flow.run({ claimId: 'c2' });
    await waiting;
    tokens.sendTaskFailure(seen[0]!.token, 'ReviewReleased', 'the reviewer handed it back');
    const result = await run;
    expect(result.status).toBe('SUCCEEDED');
    expect(result.states.map((s) => s.name)).toEqual(['Await', 'Escalated']);
    expect(result).toMatchObject({ output: { error: { Error: 'ReviewReleased', Cause: 'the reviewer handed it back' } } });
  });

  it('times out on the workflow clock: States.Timeout, and the token is spent', async () => {
    const { tokens, seen, flow } = setup({ TimeoutSeconds: 20 }, 0.001); // 20 ms
    const started = performance.now();
    const result = await flow.run({ claimId: 'c3' });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { error: { Error: 'States.Timeout' } } });
    expect(() => tokens.sendTaskSuccess(seen[0]!.token, '{}')).toThrow(TaskTimedOutError);
  });

  it('ends a Task without heartbeats (States.HeartbeatTimeout); heartbeats keep it waiting', async () => {
    const quiet = setup({ HeartbeatSeconds: 20, TimeoutSeconds: 3600 });
    expect(await quiet.flow.run({ claimId: 'c4' })).toMatchObject({ output: { error: { Error: 'States.HeartbeatTimeout' } } });

    const busy = setup({ HeartbeatSeconds: 60, TimeoutSeconds: 3600 }); // 60 ms
    const waiting = busy.published();
    const run = busy.flow.run({ claimId: 'c5' });
    await waiting;
    const token = busy.seen[0]!.token;
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 30));
      busy.tokens.sendTaskHeartbeat(token);
    }
    busy.tokens.sendTaskSuccess(token, '"ok"');
    expect(await run).toMatchObject({ status: 'SUCCEEDED', output: { answer: 'ok' } });
  });

  it('ends every waiting Task when aborted', async () => {
    const { tokens, flow, published } = setup({});
    const waiting = published();
    const run = flow.run({ claimId: 'c6' });
    await waiting;
    tokens.abortAll();
    expect(await run).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(tokens.open).toBe(0);
  });
});
