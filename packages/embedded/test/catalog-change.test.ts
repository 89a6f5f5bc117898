/**
 * A catalog published in the middle of a run, on the embedded stack with the
 * real handlers: a claim whose workflow started on version 1 settles on version
 * 1 even though version 2 (a higher ratio) is published between its load step and
 * its tiers step; a claim started afterwards settles on version 2; each outcome
 * item records its version.
 */
import { parseScenario, type ScenarioInput } from '@medins/contract';
import { replay } from '@medins/engine';
import type { CatalogDocs } from '@medins/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, basicPlans, benefit, claim, employee, hospital, levels, scenario } from '../../engine/test/support/world.ts';
import { type Embedded, startEmbedded } from '../src/index.ts';
import { emptyTables } from './support/stack.ts';

/** A world of two members whose inpatient basic benefit pays `ratio` at every level. */
const docWithRatio = (ratio: number): ScenarioInput =>
  scenario({
    plans: basicPlans({ benefits: { inpatient: benefit({ ratio: levels(ratio) }) } }),
    providers: [hospital('H3', 3)],
    members: [employee('m1'), employee('m2')],
    events: [],
  });
const docsOf = (doc: ScenarioInput): CatalogDocs => ({ regions: doc.regions ?? [], plans: doc.plans, providers: doc.providers });
const V1 = docWithRatio(0.5);
const V2 = docWithRatio(0.8);
const c1 = claim('c1', [A(10_000)], { memberId: 'm1' });
const c2 = claim('c2', [A(10_000)], { memberId: 'm2' });
/** What the engine decides for a claim on a catalog (the two members share nothing). */
const resultOn = (doc: ScenarioInput, event: typeof c1) => {
  const s = parseScenario({ ...doc, events: [event] });
  return replay(s.world, s.events).results[0];
};

let embedded: Embedded;
const published: number[] = [];

beforeAll(async () => {
  embedded = await startEmbedded({
    // Publishes version 2 just before c1's SettleTiers runs: after its load step pinned version 1.
    wrapHandler: (key, handler) =>
      key !== 'claims/settle-tiers'
        ? handler
        : async (state, context) => {
            if ((state as { event?: { id?: string } }).event?.id === 'c1' && published.length === 0) {
              published.push(await embedded.store.publishCatalog(docsOf(V2)));
            }
            return handler(state, context);
          },
  });
  await emptyTables(embedded);
  await embedded.seed(docsOf(V1), parseScenario(V1).world);
});

afterAll(async () => {
  await embedded?.stop();
});

describe('a catalog published mid-run', () => {
  it('leaves a started claim on the version it started with; the next claim settles on the new one', async () => {
    // Act
    const first = await embedded.workflows.claim.run({ event: c1, attempt: 0 });
    const second = await embedded.workflows.claim.run({ event: c2, attempt: 0 });

    // Assess: version 2 was published during c1's run, and the two versions settle c1 differently.
    expect(published).toEqual([2]);
    expect(resultOn(V1, c1)).not.toEqual(resultOn(V2, c1));
    expect([first.status, second.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    const outputOf = (run: typeof first) => (run.status === 'SUCCEEDED' ? run.output : run);
    expect(outputOf(first)).toMatchObject({ catalogVersion: 1, outcome: { applied: true, result: resultOn(V1, c1) } });
    expect(outputOf(second)).toMatchObject({ catalogVersion: 2, outcome: { applied: true, result: resultOn(V2, c2) } });
    expect(await embedded.store.readResult('c1')).toEqual(resultOn(V1, c1));
    expect(await embedded.store.readResult('c2')).toEqual(resultOn(V2, c2));
    expect((await embedded.store.readEvent('c1'))?.catalogVersion).toBe(1);
    expect((await embedded.store.readEvent('c2'))?.catalogVersion).toBe(2);
  });
});
