/**
 * claims/assistance.ts (医疗救助): for members with an assistance category, the
 * category's ratio of the in-policy self-pay left after critical illness, after a
 * yearly deductible, up to a yearly cap. Basic pays 0% here, so in-policy self-pay = scope.
 */

import { asPlanId, counter } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { A, aidPlan, basicPlan, ciPlan, claim, employee, run, scenario } from '../support/world.ts';

const AID = asPlanId('aid');

describe('settleAssistance', () => {
  const doc = scenario({
    plans: [
      basicPlan(),
      basicPlan({ year: 2022 }),
      aidPlan({ categories: { lowIncome: 0.7, destitute: 1 }, deductibleFen: 50_000, annualCapFen: 200_000 }),
    ],
    members: [
      employee('m1', { assistanceCategory: 'lowIncome' }),
      employee('m2', { assistanceCategory: 'destitute' }),
      employee('m3'),
      employee('m4', { assistanceCategory: 'orphan' }),
      employee('m5', { assistanceCategory: 'lowIncome' }),
    ],
    events: [
      claim('a1', [A(150_000)]),
      claim('a2', [A(100_000)]),
      claim('a3', [A(200_000)]),
      claim('a4', [A(10_000)]),
      claim('d1', [A(80_000)], { memberId: 'm2' }),
      claim('none', [A(80_000)], { memberId: 'm3' }),
      claim('unknownCategory', [A(80_000)], { memberId: 'm4' }),
      claim('noPlan', [A(80_000)], { serviceDate: '2022-03-01' }),
      claim('small1', [A(30_000)], { memberId: 'm5' }),
      claim('small2', [A(30_000)], { memberId: 'm5', visitType: 'outpatient' }),
    ],
  });

  it('pays the category ratio after the yearly deductible', () => {
    const r = run(doc);
    expect(r.claim('a1').assistance).toEqual({
      planId: AID,
      category: 'lowIncome',
      baseFen: 150_000,
      deductibleFen: 50_000,
      paidFen: 70_000,
    }); // (150,000 − 50,000) × 0.7
    expect(r.claim('a2').assistance).toMatchObject({ deductibleFen: 0, paidFen: 70_000 }); // deductible consumed: 100,000 × 0.7
    expect(r.claim('d1').assistance).toMatchObject({ category: 'destitute', deductibleFen: 50_000, paidFen: 30_000 }); // (80,000 − 50,000) × 1
  });

  it('stops at the yearly cap', () => {
    const r = run(doc);
    expect(r.claim('a3').assistance?.paidFen).toBe(60_000); // 200,000 × 0.7 = 140,000 → 200,000 − 140,000 left
    expect(r.claim('a4').assistance?.paidFen).toBe(0);
    expect(r.counters('m1')).toMatchObject({ [counter.assistanceDeductible(AID)]: 50_000, [counter.assistancePaid(AID)]: 200_000 });
  });

  it('consumes the deductible across claims when one claim does not cover it (every visit type)', () => {
    const r = run(doc);
    expect(r.claim('small1').assistance).toMatchObject({ deductibleFen: 30_000, paidFen: 0 });
    expect(r.claim('small2').assistance).toMatchObject({ deductibleFen: 20_000, paidFen: 7000 }); // (30,000 − 20,000) × 0.7
  });

  it('is absent without a category, for a category the plan does not know, or without a plan that year', () => {
    const r = run(doc);
    expect(r.claim('none').assistance).toBeNull();
    expect(r.claim('unknownCategory').assistance).toBeNull();
    expect(r.claim('noPlan').assistance).toBeNull();
    expect(r.counters('m4')[counter.assistanceDeductible(AID)]).toBeUndefined();
  });

  it('works on what critical illness left', () => {
    const r = run(
      scenario({
        plans: [basicPlan(), ciPlan({ thresholdFen: 0, bands: [{ uptoFen: null, ratio: 0.5 }] }), aidPlan({ deductibleFen: 0 })],
        members: [employee('m1', { assistanceCategory: 'lowIncome' })],
        events: [claim('c1', [A(100_000)])],
      }),
    );
    // critical illness pays 50,000 of 100,000; assistance 50,000 × 0.7
    expect(r.claim('c1').assistance).toMatchObject({ baseFen: 50_000, paidFen: 35_000 });
    expect(r.claim('c1').payments.cashFen).toBe(15_000); // 100,000 − 50,000 − 35,000
  });
});
