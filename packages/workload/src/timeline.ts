/**
 * The timeline (generator → timeline): every module's events merged and sorted by
 * instant. Ties keep the order the modules were given in and, within a module,
 * the order it generated them — a total, deterministic order.
 */
import type { EventInput, Timed } from './types.ts';

/**
 * @example timeline([aid, enrollment, claims]) // events sorted by `at`
 */
export function timeline(sources: readonly (readonly Timed[])[]): EventInput[] {
  const all: { at: number; seq: number; event: EventInput }[] = [];
  for (const source of sources) for (const t of source) all.push({ at: t.at, seq: all.length, event: t.event });
  all.sort((a, b) => a.at - b.at || a.seq - b.seq);
  return all.map((t) => t.event);
}
