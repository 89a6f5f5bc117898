/**
 * claims/deduct-from-accounts.ts: DeductFromAccounts — what the tiers left, from
 * the patient's account, then the family holder's within the reserve, then cash,
 * committed in the same invocation (one transaction); a held claim's hold is
 * committed as it was decided, nothing deducted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioInput } from '@medins/contract';
import { type ClaimResult, type MemberId, replay } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { create } from '../../src/claims/deduct-from-accounts.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, stateOf } from '../support/scenarios.ts';
import { claimWorkflow } from '../support/workflows.ts';

describe('DeductFromAccounts', () => {
  it('pays the remainder from the family holder’s account, commits it once and owes both members a message, as the replay does', async () => {
    // Prepare
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const deps = testDeps(f.store);
    const { steps } = claimWorkflow(deps);
    const expected = replay(f.scenario.world, [f.event('c1')]);
    const settled = await steps.settle(await steps.check({ event: f.doc('c1'), attempt: 0 }));

    // Act
    const state = await steps.deduct(settled);

    // Assess
    expect(state.outcome?.result).toEqual(expected.results[0]);
    expect((expected.results[0] as ClaimResult).payments).toMatchObject({ familyAccountFen: 600_000, familyHolderId: 'm1' });
    expect(state.outcome?.notifications.map((n) => [n.to, n.kind])).toEqual([
      ['m2', 'claimSettled'],
      ['m1', 'familyAccountUsed'],
    ]);
    expect(f.store.commits).toBe(1);
    expect(await f.store.readBalances('m1' as MemberId)).toEqual(expected.balances.m1);
    expect(deps.telemetry.metric('EventApplied')).toBe(1);
  });

  it('commits a held claim’s hold without settling or deducting anything', async () => {
    // Prepare: test/scenarios/30's c7 is sampled for review.
    const doc = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../test/scenarios/30-review-sampling-and-empty-approval.scenario.json'), 'utf8'),
    ) as ScenarioInput;
    const f = fixture(doc);
    const { steps } = claimWorkflow(testDeps(f.store));
    const checked = await steps.check(stateOf(f.doc('c7')));
    const before = await f.store.readBalances('m2' as MemberId);

    // Act
    const state = await steps.deduct(checked);

    // Assess
    expect(state.outcome).toMatchObject({ applied: true, result: { id: 'c7', status: 'held', payments: { cashFen: 0 } } });
    expect(f.store.commits).toBe(1);
    expect(await f.store.readBalances('m2' as MemberId)).toEqual(before);
  });

  it('refuses a state whose tiers were not settled, and a held state without its hold, committing nothing', async () => {
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const { steps } = claimWorkflow(testDeps(f.store));
    const checked = await steps.check(stateOf(f.doc('c1')));

    await expect(create(testDeps(f.store))(checked)).rejects.toMatchObject({ name: 'WorkflowInputError', entity: 'tiers' });
    const held = { ...checked, eligibility: { eligible: true, flags: ['SAMPLED' as const] } };
    await expect(create(testDeps(f.store))(held)).rejects.toMatchObject({ name: 'WorkflowInputError', entity: 'decision' });
    expect(f.store.commits).toBe(0);
  });
});
