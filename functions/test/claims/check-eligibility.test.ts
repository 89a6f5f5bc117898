/**
 * claims/check-eligibility.ts: CheckEligibility — the one place the claim workflow
 * decides eligibility; a rejection is a result (recorded), counted by reason code.
 */
import { replay } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { create } from '../../src/claims/check-eligibility.ts';
import * as loadContext from '../../src/claims/load-context.ts';
import { WorkflowInputError } from '../../src/shared/parse.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, stateOf } from '../support/scenarios.ts';

const REJECTED = '05-rejected-claims';

async function checked(id: string) {
  const f = fixture(exampleDoc(REJECTED));
  const deps = testDeps(f.store);
  const loaded = await loadContext.create(deps)(stateOf(f.doc(id)));
  return { f, deps, state: await create(deps)(loaded) };
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

  it('refuses a state without a loaded snapshot', async () => {
    const f = fixture(exampleDoc(REJECTED));

    await expect(create(testDeps(f.store))(stateOf(f.doc('x6')))).rejects.toMatchObject({ name: 'WorkflowInputError', entity: 'loaded' });
    await expect(create(testDeps(f.store))(stateOf({ ...f.doc('x6'), type: 'enroll' } as never))).rejects.toThrow(WorkflowInputError);
  });
});
