/**
 * The engine alone: claims of a generated city settled by the pure engine (each
 * decided on the state the previous ones left and applied, as the serial replay
 * does), against the cheapest thing any service does with the same claim
 * documents — JSON.parse + JSON.stringify. Rounds alternate the two back to
 * back, so the machine's drift hits both; the figure of each is the median round.
 */
import { parseScenario, type ScenarioInput } from '@medins/contract';
import { applyEvent, type DomainEvent, MemoryState } from '@medins/engine';
import { BenchRunError } from './errors.ts';

export interface EngineFigures {
  readonly claimsPerSec: number;
  readonly serializePerSec: number;
  readonly ratio: number;
  readonly claims: number;
  readonly rounds: number;
  /** Mean size of a claim document, bytes of JSON. */
  readonly docBytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchEngine(doc: ScenarioInput, rounds: number): EngineFigures {
  const scenario = parseScenario(doc);
  const seen = new Set<string>();
  // Each claim once (a redelivery is answered from the first result, not settled again).
  const picked = scenario.events.flatMap((e, i) =>
    e.type === 'claim' && !seen.has(e.id) && seen.add(e.id) ? [[e, doc.events[i]] as const] : [],
  );
  const claims = picked.map(([e]) => e);
  const docs = picked.map(([, d]) => d);
  // What the claims settle on: the world with every enrollment and binding of the year applied.
  const setup = scenario.events.filter(
    (e) => e.type !== 'claim' && e.type !== 'quote' && e.type !== 'reverseClaim' && e.type !== 'renewalCampaign',
  );
  const prepared = () => {
    const state = new MemoryState(scenario.world);
    const applied = new Set<string>();
    for (const e of setup) if (!applied.has(e.id) && applied.add(e.id)) applyEvent(state, e as DomainEvent);
    return state;
  };

  const engineRates: number[] = [];
  const serializeRates: number[] = [];
  const ratios: number[] = [];
  let sink = 0;
  for (let round = 0; round < rounds + 2; round++) {
    const state = prepared();
    let t = performance.now();
    for (const c of claims) sink += applyEvent(state, c).id.length;
    const engine = claims.length / ((performance.now() - t) / 1000);
    t = performance.now();
    for (const d of docs) sink += (JSON.parse(JSON.stringify(d)) as { id: string }).id.length;
    const serialize = docs.length / ((performance.now() - t) / 1000);
    // The first two rounds warm the JIT up.
    if (round < 2) continue;
    engineRates.push(engine);
    serializeRates.push(serialize);
    ratios.push(engine / serialize);
  }
  if (sink === 0) throw new BenchRunError('nothing was settled');
  const docBytes = docs.reduce((s, d) => s + Buffer.byteLength(JSON.stringify(d)), 0) / Math.max(1, docs.length);
  return {
    claimsPerSec: Math.round(median(engineRates)),
    serializePerSec: Math.round(median(serializeRates)),
    ratio: Math.round(median(ratios) * 1000) / 1000,
    claims: claims.length,
    rounds,
    docBytes: Math.round(docBytes),
  };
}
