/** shared/workflow-state.ts: the loaded snapshot in the workflow state — `prior` present only when the event was applied before. */
import type { Loaded } from '@medins/store/ports';
import { describe, expect, it } from 'vitest';
import { loadedOf, withLoaded } from '../../src/shared/workflow-state.ts';
import { exampleDoc, fixture } from '../support/scenarios.ts';

const event = fixture(exampleDoc('01-quzhou-inpatient-all-tiers')).doc('c1');
const snapshot: Loaded['snapshot'] = { members: {}, states: {}, accumulators: {}, claims: {}, viewers: {}, visits: {} };

describe('withLoaded / loadedOf', () => {
  it('drops a null prior (WasAlreadyApplied? tests presence) and gives it back as null to the commit', () => {
    const state = withLoaded({ event, attempt: 0 }, { snapshot, versions: { 'states|m1': 2 }, prior: null });

    expect(state.loaded).toEqual({ snapshot, versions: { 'states|m1': 2 } });
    expect(loadedOf(state)).toEqual({ snapshot, versions: { 'states|m1': 2 }, prior: null });
  });

  it('keeps a prior result', () => {
    const prior = { id: 'c1', type: 'claim', status: 'settled' } as never;

    const state = withLoaded({ event, attempt: 1 }, { snapshot, versions: {}, prior });

    expect(state).toMatchObject({ attempt: 1, loaded: { prior } });
    expect(loadedOf(state).prior).toBe(prior);
  });

  it('refuses a state without a loaded snapshot', () => {
    expect(() => loadedOf({ event, attempt: 0 })).toThrow(expect.objectContaining({ name: 'WorkflowInputError', entity: 'loaded' }));
  });
});
