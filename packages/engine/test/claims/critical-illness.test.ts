/**
 * claims/critical-illness.ts (大病保险): the year's in-policy self-pay accumulates;
 * the part above the threshold is paid in bands (bounds on the amount above the
 * threshold, each band rounded on its own), up to the yearly cap. A claim that
 * crosses the threshold pays only on its part above it.
 * The basic plan pays 0% here unless told, so in-policy self-pay = scope.
 */

import { asPlanId, counter } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { A, basicPlan, basicPlans, benefit, ciPlan, claim, employee, levels, OOC, resident, run, scenario } from '../support/world.ts';

const CI = asPlanId('ci');

describe('settleCriticalIllness', () => {
  it('pays nothing below the threshold, then only on the part above it, band by band', () => {
    const r = run(
      scenario({
        plans: [
          basicPlan(),
          ciPlan({
            thresholdFen: 2_000_000,
            annualCapFen: 40_000_000,
            bands: [
              { uptoFen: 10_000_000, ratio: 0.6 },
              { uptoFen: null, ratio: 0.7 },
            ],
          }),
        ],
        members: [employee('m1')],
        events: [claim('c1', [A(1_500_000)]), claim('c2', [A(1_000_000)]), claim('c3', [A(10_000_000)])],
      }),
    );
    expect(r.claim('c1').criticalIllness).toEqual({ planId: CI, aboveThresholdFen: 0, paidFen: 0 }); // 1.5M < 2M
    // accumulated 2.5M: 0.5M above the threshold, all in band 1
    expect(r.claim('c2').criticalIllness).toMatchObject({ aboveThresholdFen: 500_000, paidFen: 300_000 }); // 500,000 × 0.6
    // above goes 0.5M → 10.5M: band 1 takes 9.5M × 0.6 = 5,700,000, band 2 takes 0.5M × 0.7 = 350,000
    expect(r.claim('c3').criticalIllness).toMatchObject({ aboveThresholdFen: 10_000_000, paidFen: 6_050_000 });
    expect(r.counters('m1')).toMatchObject({ [counter.criticalSelfPay(CI)]: 12_500_000, [counter.criticalPaid(CI)]: 6_350_000 });
    // EOB of the crossing claim: 1,000,000 total − 300,000 critical illness = 700,000 cash
    expect(r.claim('c2').payments.cashFen).toBe(700_000);
  });

  it('accumulates what the basic tier left, not the whole bill', () => {
    const r = run(
      scenario({
        plans: [
          basicPlan({ benefits: { inpatient: benefit({ ratio: levels(0.8) }) } }),
          ciPlan({ thresholdFen: 100_000, bands: [{ uptoFen: null, ratio: 0.6 }] }),
        ],
        members: [employee('m1')],
        events: [claim('c1', [A(1_000_000), OOC(50_000)])],
      }),
    );
    // basic pays 800,000; in-policy self-pay 200,000; 100,000 above the threshold × 0.6; OOC never counts
    expect(r.claim('c1').criticalIllness).toMatchObject({ aboveThresholdFen: 100_000, paidFen: 60_000 });
    expect(r.counters('m1')[counter.criticalSelfPay(CI)]).toBe(200_000);
    expect(r.claim('c1').payments.cashFen).toBe(190_000); // 1,050,000 − 800,000 − 60,000
  });

  it('rounds each band on its own', () => {
    const r = run(
      scenario({
        plans: [
          basicPlan(),
          ciPlan({
            thresholdFen: 1000,
            bands: [
              { uptoFen: 5, ratio: 0.5 },
              { uptoFen: 10, ratio: 0.5 },
              { uptoFen: null, ratio: 0.5 },
            ],
          }),
        ],
        members: [employee('m1')],
        events: [claim('c1', [A(1015)])],
      }),
    );
    // 15 above: 5 × 0.5 → 3, 5 × 0.5 → 3, 5 × 0.5 → 3 = 9 (one rounding at the end would give round(7.5) = 8)
    expect(r.claim('c1').criticalIllness).toMatchObject({ aboveThresholdFen: 15, paidFen: 9 });
  });

  it('stops at the yearly cap', () => {
    const r = run(
      scenario({
        plans: [basicPlan(), ciPlan({ thresholdFen: 0, annualCapFen: 100_000, bands: [{ uptoFen: null, ratio: 1 }] })],
        members: [employee('m1')],
        events: [claim('c1', [A(80_000)]), claim('c2', [A(50_000)]), claim('c3', [A(10_000)])],
      }),
    );
    expect(r.claim('c1').criticalIllness?.paidFen).toBe(80_000);
    expect(r.claim('c2').criticalIllness).toMatchObject({ aboveThresholdFen: 50_000, paidFen: 20_000 }); // 100,000 − 80,000 left
    expect(r.claim('c3').criticalIllness?.paidFen).toBe(0);
    expect(r.counters('m1')).toMatchObject({ [counter.criticalPaid(CI)]: 100_000, [counter.criticalSelfPay(CI)]: 140_000 });
  });

  it('applies only to its visit types, schemes, region and year', () => {
    const r = run(
      scenario({
        plans: [...basicPlans(), basicPlan({ year: 2022 }), ciPlan({ schemes: ['employee'], thresholdFen: 0 })],
        members: [employee('m1'), resident('r1')],
        events: [
          claim('outpatient', [A(10_000)], { visitType: 'outpatient' }),
          claim('resident', [A(10_000)], { memberId: 'r1' }),
          claim('nextYear', [A(10_000)], { serviceDate: '2022-02-01' }),
          claim('special', [A(10_000)], { visitType: 'specialOutpatient' }),
        ],
      }),
    );
    expect(r.claim('outpatient').criticalIllness).toBeNull();
    expect(r.claim('resident').criticalIllness).toBeNull();
    expect(r.claim('nextYear').criticalIllness).toBeNull();
    expect(r.claim('special').criticalIllness?.paidFen).toBe(5000); // 10,000 × 0.5
    // only the special outpatient visit accumulated
    expect(r.counters('m1')[counter.criticalSelfPay(CI)]).toBe(10_000);
  });
});
