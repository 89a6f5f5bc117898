/**
 * shared/workflow-state.ts: the loaded snapshot in the workflow state — `prior`
 * present only when the event was applied before — and the catalog version the
 * workflow pinned, which every step decides on and the commit records.
 */
import type { Loaded } from '@medins/store/ports';
import { describe, expect, it } from 'vitest';
import { loadedOf, pinnedCatalogVersion, withLoaded } from '../../src/shared/workflow-state.ts';
import { exampleDoc, fixture } from '../support/scenarios.ts';

const event = fixture(exampleDoc('01-quzhou-inpatient-all-tiers')).doc('c1');
const snapshot: Loaded['snapshot'] = {
  members: {},
  states: {},
  accumulators: {},
  claims: {},
  viewers: {},
  visits: {},
  held: {},
  stays: {},
};

describe('withLoaded / loadedOf', () => {
  it('drops a null prior (WasAlreadyApplied? tests presence) and gives it back as null to the commit', () => {
    const state = withLoaded({ event, attempt: 0 }, { snapshot, versions: { 'states|m1': 2 }, prior: null, catalogVersion: 5 });

    expect(state.loaded).toEqual({ snapshot, versions: { 'states|m1': 2 } });
    expect(loadedOf(state)).toEqual({ snapshot, versions: { 'states|m1': 2 }, prior: null, catalogVersion: 5 });
  });

  it('pins the catalog version read with the first snapshot, and keeps it through a reload', () => {
    // Prepare / Act: loaded on version 5; after a conflict, loaded again while version 6 is in force.
    const first = withLoaded({ event, attempt: 0 }, { snapshot, versions: {}, prior: null, catalogVersion: 5 });
    const reloaded = withLoaded({ ...first, attempt: 1 }, { snapshot, versions: {}, prior: null, catalogVersion: 6 });

    // Assess
    expect(pinnedCatalogVersion(first)).toBe(5);
    expect(pinnedCatalogVersion(reloaded)).toBe(5);
    expect(loadedOf(reloaded).catalogVersion).toBe(5);
  });

  it('refuses a state without a pinned catalog version', () => {
    const state = { event, attempt: 0, loaded: { snapshot, versions: {} } };

    expect(() => pinnedCatalogVersion(state)).toThrow(expect.objectContaining({ name: 'WorkflowInputError', entity: 'catalogVersion' }));
    expect(() => loadedOf(state)).toThrow(expect.objectContaining({ entity: 'catalogVersion' }));
  });

  it('keeps a prior result', () => {
    const prior = { id: 'c1', type: 'claim', status: 'settled' } as never;

    const state = withLoaded({ event, attempt: 1 }, { snapshot, versions: {}, prior, catalogVersion: 1 });

    expect(state).toMatchObject({ attempt: 1, loaded: { prior } });
    expect(loadedOf(state).prior).toBe(prior);
  });

  it('refuses a state without a loaded snapshot', () => {
    expect(() => loadedOf({ event, attempt: 0 })).toThrow(expect.objectContaining({ name: 'WorkflowInputError', entity: 'loaded' }));
  });
});
