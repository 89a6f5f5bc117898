/** claims/settle-tiers.ts: SettleTiers — basic, critical illness, assistance and supplementary on the loaded snapshot. */
import { type ClaimResult, replay } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import * as checkEligibility from '../../src/claims/check-eligibility.ts';
import { create } from '../../src/claims/settle-tiers.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, overTheWire, stateOf } from '../support/scenarios.ts';

describe('SettleTiers', () => {
  it('settles every tier of an eligible claim as the engine’s replay does, changing nothing', async () => {
    // Prepare: c1 of the all-tiers example (basic, critical illness and 惠衢保).
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const deps = testDeps(f.store);
    const expected = replay(f.scenario.world, [f.event('c1')]).results[0] as ClaimResult;
    const checked = await checkEligibility.create(deps)(overTheWire(stateOf(f.doc('c1'))));

    // Act
    const state = await create(deps)(overTheWire(checked));

    // Assess
    expect(state.tiers).toMatchObject({
      memberId: 'm2',
      year: 2021,
      totalFen: expected.totalFen,
      basic: expected.basic,
      criticalIllness: expected.criticalIllness,
      assistance: null,
      supplementary: expected.supplementary,
    });
    expect(state.tiers?.accumulatorDeltas).not.toEqual({});
    expect(state.eligibility).toEqual(checked.eligibility);
    expect(f.store.commits).toBe(0);
  });

  it('refuses a state without a loaded snapshot', async () => {
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));

    await expect(create(testDeps(f.store))(stateOf(f.doc('c1')))).rejects.toMatchObject({ name: 'WorkflowInputError' });
  });
});
