/**
 * shared/commit-step.ts: the commit that ends DeductFromAccounts and DecideEvent —
 * the decision committed once. Every example of the contract driven through the
 * real steps of its workflow must end with the engine's replay's results and
 * balances; a repeated event changes nothing; a stale snapshot is a ConflictError
 * on which the workflow goes back to CheckEligibility (loads and decides again) —
 * two submissions of one visit included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EventDoc, processDigester, type ScenarioInput, sealEvent } from '@medins/contract';
import { type MemberId, replay } from '@medins/engine';
import { ConflictError } from '@medins/store/errors';
import { describe, expect, it } from 'vitest';
import { create as deductFromAccounts } from '../../src/claims/deduct-from-accounts.ts';
import { workflowFor } from '../../src/shared/workflow-starter.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, stateOf } from '../support/scenarios.ts';
import { claimWorkflow, memberEventWorkflow } from '../support/workflows.ts';

describe('the commit of DeductFromAccounts / DecideEvent', () => {
  it.each([
    '01-quzhou-inpatient-all-tiers',
    '02-accumulators-across-a-year',
    '03-family-mutual-aid',
    '04-enrollment-personal-account',
    '05-rejected-claims',
    '07-quote-reversal-viewers',
  ])('%s: the workflows’ steps settle every event exactly as the replay does', async (stem) => {
    // Prepare
    const f = fixture(exampleDoc(stem));
    const deps = testDeps(f.store);
    const workflows = { claim: claimWorkflow(deps), memberEvent: memberEventWorkflow(deps) };
    const expected = replay(f.scenario.world, f.scenario.events);

    // Act
    const results = [];
    for (const event of f.scenario.doc.events) {
      const end = await workflows[workflowFor(event.type)].run(sealEvent(event, processDigester()));
      results.push(end.outcome?.result);
    }

    // Assess: same results, same balances, and each event id committed once.
    expect(results).toEqual(expected.results);
    for (const [id, account] of Object.entries(expected.balances)) expect(await f.store.readBalances(id as MemberId)).toEqual(account);
    expect(f.store.commits).toBe(new Set(f.scenario.events.map((e) => e.id)).size);
  });

  it('keeps the outcome and drops the spent decision and snapshot; counts EventApplied by event type', async () => {
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const deps = testDeps(f.store);
    const { steps } = claimWorkflow(deps);
    const settled = await steps.settle(await steps.check(stateOf(f.doc('c1'))));

    const state = await deductFromAccounts(deps)(settled);

    expect(state.outcome).toMatchObject({
      applied: true,
      result: replay(f.scenario.world, [f.event('c1')]).results[0],
      notifications: [
        expect.objectContaining({ notificationId: 'c1|m2|claimSettled', to: 'm2', maskedRecipient: '李*' }),
        expect.objectContaining({ notificationId: 'c1|m1|familyAccountUsed', to: 'm1', aboutId: 'm2', maskedRecipient: '张*' }),
      ],
    });
    expect(state.outcome?.committedAt).toEqual(expect.any(Number));
    expect(state).not.toHaveProperty('decision');
    expect(state).not.toHaveProperty('tiers');
    expect(state).not.toHaveProperty('loaded');
    expect(state.eligibility).toEqual({ eligible: true });
    expect(deps.telemetry.metric('EventApplied')).toBe(1);
    expect(deps.telemetry.emitted[0]).toMatchObject({ eventType: 'claim' });
  });

  it('answers a duplicate delivery decided on the same snapshot with the first result, counted as DuplicateEvent', async () => {
    // Prepare: two deliveries of c1 both loaded and settled before either deducts and commits.
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const deps = testDeps(f.store);
    const { steps } = claimWorkflow(deps);
    const settle = async () => steps.settle(await steps.check(stateOf(f.doc('c1'))));
    const [one, two] = [await settle(), await settle()];

    // Act
    const first = await steps.deduct(one);
    const second = await steps.deduct(two);

    // Assess
    // The duplicate owes what the first commit recorded, under the same ids: NotifyMembers publishes them again.
    expect(second.outcome).toEqual({
      applied: false,
      result: first.outcome!.result,
      committedAt: null,
      notifications: first.outcome!.notifications,
    });
    expect(f.store.commits).toBe(1);
    expect(deps.telemetry.metric('DuplicateEvent')).toBe(1);
    expect(await f.store.readBalances('m1' as MemberId)).toEqual({ currentFen: 0, historicalFen: 0 });
  });

  it('throws ConflictError when an item read changed before the commit, commits nothing, and commits once back at CheckEligibility', async () => {
    // Prepare: c2 (m1's own claim) is loaded and settled, then c1 takes m1's money for the family.
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const deps = testDeps(f.store);
    const workflow = claimWorkflow(deps);
    const { steps } = workflow;
    const stale = await steps.settle(await steps.check(stateOf(f.doc('c2'))));
    await workflow.run(f.doc('c1'));

    // Act / Assess
    await expect(steps.deduct(stale)).rejects.toThrow(ConflictError);
    expect(await f.store.readResult('c2')).toBeNull();
    expect(f.store.commits).toBe(1);
    // CountConflict keeps the event, the pinned catalog version and the next attempt; CheckEligibility loads again.
    const reset = { event: stale.event, catalogVersion: stale.catalogVersion, attempt: stale.attempt + 1 };
    const retried = await steps.deduct(await steps.settle(await steps.check(reset)));
    expect(retried.outcome).toMatchObject({ applied: true, result: replay(f.scenario.world, f.scenario.events).results[1] });
    expect(retried.attempt).toBe(1);
    expect(f.store.commits).toBe(2);
  });

  it('settles two submissions of one visit once: the second conflicts, and decided again is DUPLICATE_VISIT', async () => {
    // Prepare: test/scenarios/26's c1 and c2 (visit MZ-001 at H-A), c2 by another patient so that the visit
    // is the only item the two decisions share; both are decided on the same state.
    const doc = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../test/scenarios/26-duplicate-visit.scenario.json'), 'utf8'),
    ) as ScenarioInput;
    const [c1, c2] = doc.events as EventDoc[];
    const f = fixture({ ...doc, events: [c1!, { ...c2!, memberId: 'm2', cardHolderId: 'm2' } as EventDoc] });
    const workflow = claimWorkflow(testDeps(f.store));
    const { steps } = workflow;
    const second = await steps.settle(await steps.check(stateOf(f.doc('c2'))));

    // Act
    const first = await workflow.run(f.doc('c1'));
    const raced = steps.deduct(second);

    // Assess
    expect(first.outcome?.result).toMatchObject({ status: 'settled' });
    await expect(raced).rejects.toThrow(ConflictError);
    expect(await f.store.readBalances('m2' as MemberId)).toEqual({ currentFen: 50_000, historicalFen: 0 });
    const retried = await workflow.run(f.doc('c2'));
    expect(retried.outcome?.result).toMatchObject({ status: 'rejected', reasons: [expect.objectContaining({ code: 'DUPLICATE_VISIT' })] });
    expect(await f.store.readBalances('m2' as MemberId)).toEqual({ currentFen: 50_000, historicalFen: 0 });
  });
});
