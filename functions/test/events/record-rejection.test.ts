/** events/record-rejection.ts: RecordRejection — a claim rejected at eligibility is recorded once, nothing else changes. */
import { type MemberId, replay } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import * as checkEligibility from '../../src/claims/check-eligibility.ts';
import { create } from '../../src/events/record-rejection.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, stateOf } from '../support/scenarios.ts';

describe('RecordRejection', () => {
  it('records the eligibility result under the claim id, moving no money and owing no message', async () => {
    // Prepare: x3, a suspended member's claim.
    const f = fixture(exampleDoc('05-rejected-claims'));
    const deps = testDeps(f.store);
    const checked = await checkEligibility.create(deps)(stateOf(f.doc('x3')));
    const before = await f.store.readBalances('b' as MemberId);

    // Act
    const state = await create(deps)(checked);
    const again = await create(deps)(checked);

    // Assess
    const expected = replay(f.scenario.world, [f.event('x3')]).results[0];
    expect(state.outcome).toMatchObject({ applied: true, result: expected, notifications: [] });
    expect(await f.store.readApplied('x3')).toEqual({ result: expected, event: f.doc('x3') });
    expect(await f.store.readBalances('b' as MemberId)).toEqual(before);
    expect(again.outcome).toMatchObject({ applied: false, result: expected });
    expect(f.store.commits).toBe(1);
  });

  it('refuses a state without an eligibility result', async () => {
    const f = fixture(exampleDoc('05-rejected-claims'));
    const deps = testDeps(f.store);
    const eligible = await checkEligibility.create(deps)(stateOf(f.doc('x6')));

    await expect(create(deps)(eligible)).rejects.toMatchObject({ name: 'WorkflowInputError', entity: 'eligibility' });
  });
});
