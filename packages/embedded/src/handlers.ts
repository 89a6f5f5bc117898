/**
 * embedded → handlers: the real handlers, by `medins:handler` key, built by their
 * own factories (`create(deps)`) with the embedded stack's store, notifier, clock
 * and telemetry, as each Lambda's composition root builds them on AWS.
 */

import { ConfigurationError } from '@medins/engine';
import type { HandlerDeps } from '@medins/functions/shared/handler';
import type { LocalHandler } from '@medins/local-stack';

export async function createHandlers(keys: readonly string[], deps: HandlerDeps): Promise<Record<string, LocalHandler>> {
  const out: Record<string, LocalHandler> = {};
  for (const key of keys) {
    const mod = (await import(`@medins/functions/${key}`)) as { create?: (deps: HandlerDeps) => LocalHandler };
    if (typeof mod.create !== 'function')
      throw new ConfigurationError(`functions/src/${key}.ts exports no handler factory`, { entity: key });
    out[key] = mod.create(deps);
  }
  return out;
}
