/** use-cases/load-context.ts: the first step of both workflows — load the parsed event's snapshot through the port. */
import type { SingleStepEvent } from '@medins/engine';
import type { EventStore, Loaded } from '@medins/store/ports';
import { describe, expect, it } from 'vitest';
import { loadContext } from '../../src/use-cases/load-context.ts';
import { exampleDoc, fixture, settle, stateOf } from '../support/scenarios.ts';

describe('loadContext', () => {
  it('asks the port for the parsed event and keeps the state it was given', async () => {
    // Prepare: a port that records what it is asked.
    const asked: SingleStepEvent[] = [];
    const answer: Loaded = {
      snapshot: { members: {}, states: {}, accumulators: {}, claims: {}, viewers: {}, visits: {}, held: {}, stays: {} },
      versions: { 'states|m1': 4 },
      prior: null,
      catalogVersion: 3,
    };
    const store: Pick<EventStore, 'load'> = {
      load: async (event) => {
        asked.push(event);
        return answer;
      },
    };
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));

    // Act
    const state = await loadContext(store, { ...stateOf(f.doc('c1')), attempt: 2 }, f.event('c1') as SingleStepEvent);

    // Assess
    expect(asked).toEqual([f.event('c1')]);
    expect(state).toEqual({
      event: f.doc('c1'),
      attempt: 2,
      catalogVersion: 3,
      loaded: { snapshot: answer.snapshot, versions: answer.versions },
    });
  });

  it('keeps the catalog version pinned before when it loads again after a conflict', async () => {
    // Prepare: the workflow pinned version 1; version 2 was published since.
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    f.store.publishCatalog(await f.store.catalog(1));

    // Act
    const first = await loadContext(f.store, stateOf(f.doc('c1')), f.event('c1') as SingleStepEvent);
    const reloaded = await loadContext(
      f.store,
      { ...stateOf(f.doc('c1')), attempt: 1, catalogVersion: 1 },
      f.event('c1') as SingleStepEvent,
    );

    // Assess: a new workflow pins the version in force; a reload keeps its own.
    expect(first.catalogVersion).toBe(2);
    expect(reloaded.catalogVersion).toBe(1);
  });

  it('keeps a prior result under loaded.prior for WasAlreadyApplied?', async () => {
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const first = await settle(f.store, f.event('c2'));

    const state = await loadContext(f.store, stateOf(f.doc('c2')), f.event('c2') as SingleStepEvent);

    expect(state.loaded?.prior).toEqual(first);
  });
});
