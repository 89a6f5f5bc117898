/** use-cases/load-context.ts: the first step of both workflows — validate the event, load its snapshot through the port. */
import type { SingleStepEvent } from '@medins/engine';
import type { EventStore, Loaded } from '@medins/store/ports';
import { describe, expect, it } from 'vitest';
import { CLAIM_TYPES, MEMBER_EVENT_TYPES } from '../../src/shared/parse.ts';
import { loadContext } from '../../src/use-cases/load-context.ts';
import { exampleDoc, fixture, settle, stateOf } from '../support/scenarios.ts';

describe('loadContext', () => {
  it('asks the port for the parsed event and keeps the state it was given', async () => {
    // Prepare: a port that records what it is asked.
    const asked: SingleStepEvent[] = [];
    const answer: Loaded = {
      snapshot: { members: {}, states: {}, accumulators: {}, claims: {}, viewers: {}, visits: {} },
      versions: { 'states|m1': 4 },
      prior: null,
    };
    const store: Pick<EventStore, 'load'> = {
      load: async (event) => {
        asked.push(event);
        return answer;
      },
    };
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));

    // Act
    const state = await loadContext(store, { ...stateOf(f.doc('c1')), attempt: 2 }, CLAIM_TYPES);

    // Assess
    expect(asked).toEqual([f.event('c1')]);
    expect(state).toEqual({ event: f.doc('c1'), attempt: 2, loaded: { snapshot: answer.snapshot, versions: answer.versions } });
  });

  it('keeps a prior result under loaded.prior for WasAlreadyApplied?', async () => {
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const first = await settle(f.store, f.event('c2'));

    const state = await loadContext(f.store, stateOf(f.doc('c2')), CLAIM_TYPES);

    expect(state.loaded?.prior).toEqual(first);
  });

  it('refuses an event of another workflow before reading anything', async () => {
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const store: Pick<EventStore, 'load'> = { load: () => Promise.reject(new Error('must not be read')) };

    await expect(loadContext(store, stateOf(f.doc('c1')), MEMBER_EVENT_TYPES)).rejects.toMatchObject({ name: 'WorkflowInputError' });
  });
});
