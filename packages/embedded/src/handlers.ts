/**
 * The real handlers, by `medins:handler` key, for the local workflows. Imported
 * lazily: the handlers' logger and metrics read their settings from the
 * environment at import, which the embedded stack prepares first.
 */
import type { LocalHandler } from '@medins/local-stack';

export async function loadHandlers(keys: readonly string[]): Promise<Record<string, LocalHandler>> {
  const out: Record<string, LocalHandler> = {};
  for (const key of keys) {
    const mod = (await import(`@medins/functions/${key}`)) as { handler?: LocalHandler };
    if (typeof mod.handler !== 'function') throw new Error(`functions/src/${key}.ts exports no handler`);
    out[key] = mod.handler;
  }
  return out;
}
