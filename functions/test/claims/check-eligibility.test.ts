/**
 * claims/check-eligibility.ts: CheckEligibility — loads the snapshot the claim
 * reads (or finds its prior result), then is the one place the claim workflow
 * decides eligibility; a rejection is a result (recorded), counted by reason code.
 */
import { replay } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { create } from '../../src/claims/check-eligibility.ts';
import { WorkflowInputError } from '../../src/shared/parse.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, settle, stateOf } from '../support/scenarios.ts';

const REJECTED = '05-rejected-claims';
const ALL_TIERS = '01-quzhou-inpatient-all-tiers';

async function checked(id: string) {
  const f = fixture(exampleDoc(REJECTED));
  const deps = testDeps(f.store);
  return { f, deps, state: await create(deps)(stateOf(f.doc(id))) };
}

describe('CheckEligibility', () => {
  it('lets an eligible claim through with nothing but the verdict', async () => {
    const { state, deps } = await checked('x6');

    expect(state.eligibility).toEqual({ eligible: true });
    expect(deps.telemetry.emitted).toEqual([]);
  });

  it.each([
    ['x1', 'CREDENTIAL_MISMATCH'],
    ['x2', 'PROVIDER_NOT_DESIGNATED'],
    ['x3', 'MEMBER_NOT_ACTIVE'],
    ['x4', 'MEMBER_NOT_FOUND'],
    ['x5', 'NO_BASIC_PLAN'],
  ])('rejects %s with %s: the replay’s result, and one ClaimRejected_<code> metric', async (id, code) => {
    // Prepare
    const { f, state, deps } = await checked(id);
    const expected = replay(f.scenario.world, [f.event(id)]).results[0];

    // Assess
    expect(state.eligibility).toEqual({ eligible: false, result: expected });
    expect(state.eligibility?.result).toMatchObject({ status: 'rejected', reasons: [{ code }] });
    expect(deps.telemetry.metric(`ClaimRejected_${code}`)).toBe(1);
  });

  it('loads the patient’s and the family holder’s items and pins the catalog version it read', async () => {
    const f = fixture(exampleDoc(ALL_TIERS));

    const state = await create(testDeps(f.store))(stateOf(f.doc('c1')));

    expect(state.event).toEqual(f.doc('c1'));
    expect(state.attempt).toBe(0);
    expect(state.catalogVersion).toBe(1);
    expect(Object.keys(state.loaded!.snapshot.states).sort()).toEqual(['m1', 'm2']);
    expect(state.loaded!.snapshot.states.m1!.account).toEqual({ currentFen: 100_000, historicalFen: 500_000 });
    expect(state.loaded).not.toHaveProperty('prior');
    expect(state.eligibility).toEqual({ eligible: true });
  });

  it('returns a claim applied before with its prior result and decides nothing (WasAlreadyApplied? skips to NotifyMembers)', async () => {
    const f = fixture(exampleDoc(ALL_TIERS));
    const first = await settle(f.store, f.event('c2'));
    const deps = testDeps(f.store);

    const state = await create(deps)(stateOf(f.doc('c2')));

    expect(state.loaded?.prior).toEqual(first);
    expect(state.loaded?.snapshot.states).toEqual({});
    expect(state).not.toHaveProperty('eligibility');
    expect(state).not.toHaveProperty('decision');
    expect(deps.telemetry.emitted).toEqual([]);
  });

  it('reloads after a conflict on the catalog version pinned before, keeping the attempt count', async () => {
    // Prepare: the workflow pinned version 1; version 2 was published since.
    const f = fixture(exampleDoc(ALL_TIERS));
    f.store.publishCatalog(await f.store.catalog(1));

    // Act
    const fresh = await create(testDeps(f.store))({ event: f.doc('c1') } as never);
    const retried = await create(testDeps(f.store))({ event: f.doc('c1'), attempt: 3, catalogVersion: 1 });

    // Assess
    expect([fresh.attempt, fresh.catalogVersion]).toEqual([0, 2]);
    expect([retried.attempt, retried.catalogVersion]).toEqual([3, 1]);
  });

  it('refuses an event this workflow does not settle, and an invalid one, with WorkflowInputError', async () => {
    const f = fixture(exampleDoc('04-enrollment-personal-account'));
    const check = create(testDeps(f.store));

    await expect(check(stateOf(f.doc('e-self')))).rejects.toThrow(WorkflowInputError);
    await expect(check(stateOf({ ...f.doc('c-in'), lines: 'none' } as never))).rejects.toMatchObject({
      name: 'WorkflowInputError',
      code: 'INVALID_WORKFLOW_INPUT',
    });
  });
});
