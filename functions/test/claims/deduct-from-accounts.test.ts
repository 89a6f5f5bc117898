/**
 * claims/deduct-from-accounts.ts: DeductFromAccounts — what the tiers left, from
 * the patient's account, then the family holder's within the reserve, then cash:
 * the decision the commit applies.
 */
import { type ClaimResult, replay } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { create } from '../../src/claims/deduct-from-accounts.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture } from '../support/scenarios.ts';
import { claimWorkflow } from '../support/workflows.ts';

describe('DeductFromAccounts', () => {
  it('pays the remainder from the family holder’s account and owes both members a message, as the replay does', async () => {
    // Prepare
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const { steps } = claimWorkflow(testDeps(f.store));
    const expected = replay(f.scenario.world, [f.event('c1')]).results[0] as ClaimResult;
    const settled = await steps.settle(await steps.check(await steps.load({ event: f.doc('c1'), attempt: 0 })));

    // Act
    const state = await steps.deduct(settled);

    // Assess
    expect(state.decision?.result).toEqual(expected);
    expect(expected.payments).toMatchObject({ familyAccountFen: 600_000, familyHolderId: 'm1' });
    expect(state.decision?.changes).toContainEqual(
      expect.objectContaining({ kind: 'account', memberId: 'm1', currentFen: -100_000, historicalFen: -500_000 }),
    );
    expect(state.decision?.notifications.map((n) => [n.to, n.kind])).toEqual([
      ['m2', 'claimSettled'],
      ['m1', 'familyAccountUsed'],
    ]);
    expect(f.store.commits).toBe(0);
  });

  it('refuses a state whose tiers were not settled', async () => {
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const { steps } = claimWorkflow(testDeps(f.store));
    const checked = await steps.check(await steps.load({ event: f.doc('c1'), attempt: 0 }));

    await expect(create(testDeps(f.store))(checked)).rejects.toMatchObject({ name: 'WorkflowInputError', entity: 'tiers' });
  });
});
