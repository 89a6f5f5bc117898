/** shared/handler.ts: a handler's Lambda entry builds its dependencies on the first invocation, once per container. */
import { describe, expect, it } from 'vitest';
import { lambdaHandler } from '../../src/shared/handler.ts';

describe('lambdaHandler', () => {
  it('builds nothing at creation, then the deps and the handler once across invocations', async () => {
    // Prepare
    let depsBuilt = 0;
    let created = 0;
    const entry = lambdaHandler(
      (deps: { greeting: string }) => {
        created++;
        return async (event: string, context?: unknown) => `${deps.greeting} ${event} ${String(context)}`;
      },
      async () => {
        depsBuilt++;
        return { greeting: 'hello' };
      },
    );
    expect([depsBuilt, created]).toEqual([0, 0]);

    // Act: two concurrent first invocations, then a third.
    const answers = await Promise.all([entry('a', 1), entry('b', 2)]);
    answers.push(await entry('c'));

    // Assess
    expect(answers).toEqual(['hello a 1', 'hello b 2', 'hello c undefined']);
    expect([depsBuilt, created]).toEqual([1, 1]);
  });
});
