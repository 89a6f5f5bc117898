/**
 * state/read-set.ts + state/snapshot.ts: the keys one event reads (a claim needs its
 * holder's account only once its binding is known), loaded into a Snapshot and served
 * by SnapshotView. Deciding on the snapshot must give what deciding on memory gives.
 */

import { parseScenario } from '@medins/contract';
import {
  decide,
  emptySnapshot,
  MemoryState,
  missingReads,
  Replayer,
  type SingleStepEvent,
  SnapshotMissError,
  SnapshotView,
} from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { snapshotFor } from '../support/state.ts';
import { at, basicPlans, claim, codes, type EventInput, employee, OOC, product, resident, reverse, scenario } from '../support/world.ts';

const doc = (events: EventInput[], holder = 'h', patient = 'm1') =>
  scenario({
    plans: [...basicPlans(), product()],
    members: [employee(holder, { personalAccount: { currentFen: 100_000, historicalFen: 0 } }), resident(patient)],
    familyGroups: [{ holderId: holder, members: [{ memberId: patient, relationship: 'child', validFrom: at('2021-01-01', '00:00:00') }] }],
    events,
  });

/** Replays `events` before the last on memory, then decides the last on memory and on a snapshot. */
function bothPaths(events: EventInput[], holder?: string, patient?: string) {
  const s = parseScenario(doc(events, holder, patient));
  const replayer = new Replayer(s.world);
  for (const e of s.events.slice(0, -1)) replayer.apply(e);
  const last = s.events.at(-1) as SingleStepEvent;
  const loaded = snapshotFor(last, replayer.state);
  return { loaded, memory: decide(last, replayer.state), snapshot: loaded.complete ? decide(last, loaded.view) : undefined };
}

describe('missingReads', () => {
  it('asks for a claim’s holder only once the binding is loaded, then nothing', () => {
    const s = parseScenario(doc([claim('c1', [OOC(1000)])]));
    const state = new MemoryState(s.world);
    const event = s.events[0] as SingleStepEvent;
    const first = missingReads(event, emptySnapshot());
    expect([...first.members]).toEqual(['m1']);
    expect([...first.states]).toEqual(['m1']);
    expect([...first.accumulators]).toEqual(['m1|2021']);
    const loaded = snapshotFor(event, state);
    expect(loaded).toMatchObject({ rounds: 2, complete: true });
  });

  it('asks for the visit of a claim or quote that names one, and for the visit a reversed claim holds', () => {
    // Prepare: c1 holds ZY-1 at H3.
    const s = parseScenario(doc([claim('c1', [OOC(1000)], { visitId: 'ZY-1' }), reverse('x1', 'c1'), claim('c2', [OOC(1000)])]));
    const replayer = new Replayer(s.world);
    replayer.apply(s.events[0]!);
    const [c1, x1, c2] = s.events as SingleStepEvent[];

    // Act & Assess: the claim reads its visit in the first round; one without a visit reads none.
    expect([...missingReads(c1!, emptySnapshot()).visits]).toEqual(['H3|ZY-1']);
    expect([...missingReads(c2!, emptySnapshot()).visits]).toEqual([]);
    // The reversal reads the claim first, then the visit its record names.
    expect([...missingReads(x1!, emptySnapshot()).visits]).toEqual([]);
    const loaded = snapshotFor(x1!, replayer.state);
    expect(loaded.view.snapshot.visits).toEqual({ 'H3|ZY-1': 'c1' });
    expect(decide(x1!, loaded.view)).toEqual(decide(x1!, replayer.state));
  });
});

describe('SnapshotView', () => {
  it('throws on a key the loader did not load', () => {
    const s = parseScenario(doc([]));
    const view = new SnapshotView(s.world.catalog, emptySnapshot());
    expect(() => view.member('m1' as never)).toThrow(SnapshotMissError);
  });

  it('gives the memory decision for a family claim, an enrollment and a reversal', () => {
    const claimed = bothPaths([claim('c1', [OOC(1000)])]);
    expect(claimed.snapshot).toEqual(claimed.memory);
    expect(claimed.memory.result).toMatchObject({ payments: { familyAccountFen: 1000 } });
    const enrolled = bothPaths([
      {
        type: 'enroll',
        id: 'e1',
        at: at('2020-12-01'),
        productId: 'hqb-2021',
        payerId: 'm1',
        insuredId: 'm1',
        relationship: 'self',
        payment: 'cash',
      },
    ]);
    expect(enrolled.snapshot).toEqual(enrolled.memory);
    const reversed = bothPaths([claim('c1', [OOC(1000)]), reverse('x1', 'c1')]);
    expect(reversed.snapshot).toEqual(reversed.memory);
    expect(reversed.memory.result.status).toBe('reversed');
  });

  it('gives the memory decision for a resubmitted visit, and a view that did not load the visit throws', () => {
    const duplicate = bothPaths([claim('c1', [OOC(1000)], { visitId: 'ZY-1' }), claim('c2', [OOC(1000)], { visitId: 'ZY-1' })]);
    expect(duplicate.snapshot).toEqual(duplicate.memory);
    expect(codes(duplicate.memory.result)).toEqual(['DUPLICATE_VISIT']);
    const s = parseScenario(doc([]));
    expect(() => new SnapshotView(s.world.catalog, emptySnapshot()).visitHolder('H3' as never, 'ZY-1' as never)).toThrow(SnapshotMissError);
  });

  // Snapshot tables are plain objects: `into.x[id] = …` with id "__proto__" sets the prototype
  // instead of a property, and `have.x[id]` with an inherited name ("constructor", "toString")
  // reads Object.prototype's members as if they were loaded records.
  it.each(['__proto__', 'constructor', 'toString'])(
    'loads the snapshot of a patient whose id is %j (any id string is valid in the contract)',
    (id) => {
      const r = bothPaths([claim('c1', [OOC(1000)], { memberId: id })], 'h', id);
      expect(r.memory.result.status).toBe('settled');
      expect(r.loaded.complete).toBe(true);
      expect(r.snapshot).toEqual(r.memory);
    },
  );

  it.each(['constructor', 'toString'])('asks the store only for real keys for a patient whose id is %j', (id) => {
    // `have.bindings[id]` finds Object.prototype's member (a function) before anything is
    // loaded, takes it for a binding, and asks for its holder: member and account `undefined`.
    const s = parseScenario(doc([claim('c1', [OOC(1000)], { memberId: id })], 'h', id));
    const first = missingReads(s.events[0] as SingleStepEvent, emptySnapshot());
    expect([...first.members]).toEqual([id]);
    expect([...first.states]).toEqual([id]);
  });

  it.each(['__proto__', 'constructor', 'toString'])('loads the snapshot to reverse a claim whose id is %j', (id) => {
    const r = bothPaths([claim(id, [OOC(1000)]), reverse('x1', id)]);
    expect(r.memory.result.status).toBe('reversed');
    expect(r.loaded.complete).toBe(true);
    expect(r.snapshot).toEqual(r.memory);
  });
});
