/** claims/load-context.ts: LoadClaimContext — the snapshot a claim is decided on, or its prior result. */
import { describe, expect, it } from 'vitest';
import { create } from '../../src/claims/load-context.ts';
import { WorkflowInputError } from '../../src/shared/parse.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, settle, stateOf } from '../support/scenarios.ts';

const ALL_TIERS = '01-quzhou-inpatient-all-tiers';

describe('LoadClaimContext', () => {
  it('loads the patient’s and the family holder’s items, with no prior result', async () => {
    // Prepare
    const f = fixture(exampleDoc(ALL_TIERS));
    const load = create(testDeps(f.store));

    // Act
    const state = await load(stateOf(f.doc('c1')));

    // Assess
    expect(state.event).toEqual(f.doc('c1'));
    expect(state.attempt).toBe(0);
    expect(Object.keys(state.loaded!.snapshot.states).sort()).toEqual(['m1', 'm2']);
    expect(state.loaded!.snapshot.states.m1!.account).toEqual({ currentFen: 100_000, historicalFen: 500_000 });
    expect(state.loaded).not.toHaveProperty('prior');
  });

  it('carries the prior result of a claim applied before (and no snapshot to decide on)', async () => {
    const f = fixture(exampleDoc(ALL_TIERS));
    const first = await settle(f.store, f.event('c2'));

    const state = await create(testDeps(f.store))(stateOf(f.doc('c2')));

    expect(state.loaded?.prior).toEqual(first);
    expect(state.loaded?.snapshot.states).toEqual({});
  });

  it('starts the conflict count at 0 when the input has none, and keeps it otherwise', async () => {
    const f = fixture(exampleDoc(ALL_TIERS));
    const load = create(testDeps(f.store));

    const fresh = await load({ event: f.doc('c2') } as never);
    const retried = await load({ event: f.doc('c2'), attempt: 3 });

    expect(fresh.attempt).toBe(0);
    expect(retried.attempt).toBe(3);
  });

  it('refuses an event this workflow does not settle, and an invalid one, with WorkflowInputError', async () => {
    const f = fixture(exampleDoc('04-enrollment-personal-account'));
    const load = create(testDeps(f.store));

    await expect(load(stateOf(f.doc('e-self')))).rejects.toThrow(WorkflowInputError);
    await expect(load(stateOf({ ...f.doc('c-in'), lines: 'none' } as never))).rejects.toMatchObject({
      name: 'WorkflowInputError',
      code: 'INVALID_WORKFLOW_INPUT',
    });
  });
});
