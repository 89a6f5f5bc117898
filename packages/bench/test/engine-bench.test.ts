/**
 * The engine bench (src/engine-bench.ts) at a tiny size: what it counts and
 * reports, not how fast this machine is (no timing is asserted beyond "measured").
 */
import type { ScenarioInput } from '@medins/contract';
import { generateWorkload } from '@medins/workload';
import { describe, expect, it } from 'vitest';
import { benchEngine } from '../src/engine-bench.ts';
import { BenchRunError } from '../src/errors.ts';

type EventDoc = ScenarioInput['events'][number];
const claimsOf = (doc: ScenarioInput): EventDoc[] => doc.events.filter((e) => e.type === 'claim');

describe('benchEngine', () => {
  it('settles each claim of the city once, a redelivery not again, and reports both rates and their ratio', () => {
    // Prepare: a small city whose first claim is delivered a second time at the end.
    const city = generateWorkload({ members: 40, claims: 30, seed: 3 });
    const claims = claimsOf(city);
    const doc: ScenarioInput = { ...city, events: [...city.events, claims[0]!] };
    const distinct = new Set(claims.map((c) => c.id));
    const meanBytes =
      [...distinct].map((id) => claims.find((c) => c.id === id)!).reduce((s, c) => s + Buffer.byteLength(JSON.stringify(c)), 0) /
      distinct.size;
    // Act
    const figures = benchEngine(doc, 3);
    // Assess
    expect(figures.claims).toBe(distinct.size);
    expect(figures.rounds).toBe(3);
    expect(figures.docBytes).toBe(Math.round(meanBytes));
    expect(Number.isFinite(figures.claimsPerSec) && figures.claimsPerSec > 0).toBe(true);
    expect(Number.isFinite(figures.serializePerSec) && figures.serializePerSec > 0).toBe(true);
    expect(figures.ratio).toBeGreaterThan(0);
    // The ratio is the median of each round's own ratio, rounded to three places.
    expect(Math.round(figures.ratio * 1000)).toBe(figures.ratio * 1000);
  });

  it('refuses to report a figure when there was no claim to settle', () => {
    // Prepare: the same city without its claims.
    const city = generateWorkload({ members: 40, claims: 30, seed: 3 });
    const doc: ScenarioInput = { ...city, events: city.events.filter((e) => e.type !== 'claim') };
    // Act / Assess
    expect(() => benchEngine(doc, 1)).toThrow(BenchRunError);
  });
});
