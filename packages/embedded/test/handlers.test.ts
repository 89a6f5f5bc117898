/**
 * The embedded stack's composition root for the workflow handlers
 * (src/handlers.ts): each handler is built by its module's own `create(deps)`,
 * as on AWS; a key whose module has no factory is a configuration error, not a
 * handler that fails later.
 */
import { ConfigurationError } from '@medins/engine';
import type { HandlerDeps } from '@medins/functions/shared/handler';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../src/handlers.ts';

/** Dependencies whose telemetry records which handlers it wrapped: nothing else is touched while building. */
function recordingDeps() {
  const wrapped: unknown[] = [];
  const telemetry = {
    wrap: (handler: (event: unknown, context: unknown) => Promise<unknown>) => {
      wrapped.push(handler);
      return handler;
    },
  };
  return { deps: { telemetry } as unknown as HandlerDeps, wrapped };
}

describe('createHandlers', () => {
  it("builds each key's handler with its module's factory and the given dependencies", async () => {
    // Prepare
    const { deps, wrapped } = recordingDeps();
    // Act
    const handlers = await createHandlers(['claims/deduct-from-accounts', 'events/decide'], deps);
    // Assess: one handler per key, each the one its factory wrapped with the given telemetry.
    expect(Object.keys(handlers)).toEqual(['claims/deduct-from-accounts', 'events/decide']);
    expect(wrapped).toEqual([handlers['claims/deduct-from-accounts'], handlers['events/decide']]);
    // It is the real committing step: an event it does not settle is refused before any store is touched.
    await expect(handlers['claims/deduct-from-accounts']!({ event: { id: 'e1', type: 'enroll' } }, {} as never)).rejects.toMatchObject({
      name: 'WorkflowInputError',
    });
  });

  it('refuses a key whose module exports no handler factory, naming the module', async () => {
    // Prepare: functions/src/shared/clock.ts is a module of the package, but no handler.
    const { deps } = recordingDeps();
    // Act
    const built = createHandlers(['events/decide', 'shared/clock'], deps);
    // Assess
    await expect(built).rejects.toThrow(ConfigurationError);
    await expect(built).rejects.toMatchObject({
      message: 'functions/src/shared/clock.ts exports no handler factory',
      entity: 'shared/clock',
    });
  });
});
