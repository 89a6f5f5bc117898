/**
 * A whole workload on the embedded stack (src/city-run.ts), then the same
 * workload resumed on the tables it left (as a restarted main job with
 * --data-dir does): the world is not loaded twice, every event is sent again and
 * answered with its first result, and the run still reconciles. Tables holding
 * another workload are refused before anything is written. One stack for the file.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CityRunResult, type Embedded, runCity, startEmbedded, WorkloadMismatchError } from '../src/index.ts';
import { EXAMPLES_DIR, readText } from './support/stack.ts';

const example = (name: string) =>
  JSON.parse(readText(join(EXAMPLES_DIR, `${name}.scenario.json`))) as Record<string, unknown> & { events: { id: string }[] };

// Example 03: relatives drawing on a holder's account, one claim delivered twice.
const doc = example('03-family-mutual-aid');
const distinctIds = [...new Set(doc.events.map((e) => e.id))];

let embedded: Embedded;

beforeAll(async () => {
  embedded = await startEmbedded({ concurrency: 2 });
});

afterAll(async () => {
  await embedded?.stop();
});

/** Results read back, by event id. */
const resultsById = (run: CityRunResult) => Object.fromEntries(run.outcome.results.map((r) => [r.id, r]));

describe('runCity', () => {
  let first: CityRunResult;
  const firstResumes: number[] = [];
  let settledBeforeReadBack = 0;

  beforeAll(async () => {
    first = await runCity(embedded, doc, {
      window: 4,
      onResume: (n) => firstResumes.push(n),
      settle: async () => {
        settledBeforeReadBack = await embedded.store.count('events');
      },
    });
  }, 120_000);

  it('runs a fresh workload: every event applied once, read back in commit order, and it reconciles', () => {
    // Assess
    expect(first.reconciliation).toMatchObject({ reconciled: true, problems: [] });
    expect(first.appliedBeforeStart).toBe(0);
    expect(firstResumes).toEqual([0]);
    expect(first.unapplied).toEqual([]);
    expect(first.scenario.events.map((e) => (e as { id: string }).id).sort()).toEqual([...distinctIds].sort());
    expect(first.run.delivered).toBe(doc.events.length);
    // The settle hook ran after the timeline, before the read-back.
    expect(settledBeforeReadBack).toBe(distinctIds.length);
  });

  it('resumed on the tables it left: the world is not loaded again, applied events answer with their first result', async () => {
    // Prepare
    const resumes: number[] = [];
    // Act
    const again = await runCity(embedded, doc, { window: 4, resume: true, onResume: (n) => resumes.push(n) });
    // Assess: told how many outcomes were there; nothing applied twice; the balances as the first run left them
    // (a second load of the world would have reset them, and the run would not reconcile).
    expect(again.appliedBeforeStart).toBe(distinctIds.length);
    expect(resumes).toEqual([distinctIds.length]);
    expect(again.items).toHaveLength(first.items.length);
    expect(resultsById(again)).toEqual(resultsById(first));
    expect(again.outcome.balances).toEqual(first.outcome.balances);
    expect(again.ledger).toHaveLength(first.ledger.length);
    expect(again.reconciliation.reconciled).toBe(true);
  }, 120_000);

  it('refuses to resume on tables that hold another workload, and writes nothing', async () => {
    // Prepare
    const other = example('01-quzhou-inpatient-all-tiers');
    const before = await embedded.store.count('events');
    // Act
    const resumed = runCity(embedded, other, { window: 4, resume: true });
    // Assess
    await expect(resumed).rejects.toThrow(WorkloadMismatchError);
    await expect(resumed).rejects.toMatchObject({ code: 'WORKLOAD_MISMATCH' });
    expect(await embedded.store.count('events')).toBe(before);
  });
});
