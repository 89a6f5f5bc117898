/**
 * claims/basic.ts (统筹基金): deductible by provider level, per visit or consumed per
 * year across the visit type's claims; paid = round((scope − deductible) × ratio),
 * ratio + retiree bonus at most 1; caps in order per visit → visit type yearly →
 * plan yearly; inPolicySelfPay = scope − paid.
 */

import { asPlanId, counter } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import {
  A,
  B,
  basicPlan,
  benefit,
  claim,
  employee,
  hospital,
  levels,
  NM,
  noteCodes,
  OOC,
  resident,
  run,
  scenario,
} from '../support/world.ts';

const PLAN = asPlanId('basic-employee-330800-2021');

/** The contract example's inpatient benefit: deductible 300/600/900 yuan per visit, 90/85/80%, retirees +5. */
const inpatient = benefit({
  deductibleFen: levels(30_000, 60_000, 90_000),
  deductiblePer: 'visit',
  ratio: levels(0.9, 0.85, 0.8),
  retireeBonus: 0.05,
});

describe('settleBasic', () => {
  it('computes the contract example: scope, first self-pay, self-funded, deductible, paid, in-policy self-pay', () => {
    const r = run(
      scenario({
        plans: [basicPlan({ benefits: { inpatient } })],
        members: [employee('m1')],
        events: [claim('c1', [A(500_000), B(200_000, 0.1), OOC(300_000), NM(5000)])],
      }),
    );
    expect(r.claim('c1').basic).toEqual({
      planId: PLAN,
      scopeFen: 680_000, // 500,000 + 200,000 − round(200,000 × 0.1)
      firstSelfPayFen: 20_000,
      selfFundedFen: 300_000,
      nonMedicalFen: 5000,
      deductibleFen: 90_000, // level 3
      paidFen: 472_000, // round((680,000 − 90,000) × 0.8)
      inPolicySelfPayFen: 208_000, // 680,000 − 472,000
    });
  });

  it('charges a per-visit deductible on every visit, by provider level', () => {
    const r = run(
      scenario({
        plans: [basicPlan({ benefits: { inpatient } })],
        members: [employee('m1')],
        events: [claim('c1', [A(500_000)]), claim('c2', [A(500_000)]), claim('c3', [A(500_000)], { providerId: 'H1' })],
      }),
    );
    expect(r.claim('c1').basic).toMatchObject({ deductibleFen: 90_000, paidFen: 328_000 }); // (500,000 − 90,000) × 0.8
    expect(r.claim('c2').basic).toMatchObject({ deductibleFen: 90_000, paidFen: 328_000 }); // again: per visit
    expect(r.claim('c3').basic).toMatchObject({ deductibleFen: 30_000, paidFen: 423_000 }); // (500,000 − 30,000) × 0.9
    expect(r.counters('m1')[counter.basicDeductible(PLAN, 'inpatient')]).toBeUndefined();
  });

  it('charges no more deductible than the scope', () => {
    const r = run(
      scenario({
        plans: [basicPlan({ benefits: { inpatient } })],
        members: [employee('m1')],
        events: [claim('c1', [A(50_000), OOC(100_000)])],
      }),
    );
    expect(r.claim('c1').basic).toMatchObject({ scopeFen: 50_000, deductibleFen: 50_000, paidFen: 0, inPolicySelfPayFen: 50_000 });
  });

  it('consumes a per-year deductible across the year’s claims of the visit type', () => {
    const outpatient = benefit({ deductibleFen: levels(100_000), deductiblePer: 'year', ratio: levels(0.6) });
    const r = run(
      scenario({
        plans: [basicPlan({ benefits: { outpatient, inpatient: outpatient } }), basicPlan({ year: 2022, benefits: { outpatient } })],
        members: [employee('m1')],
        events: [
          claim('c1', [A(60_000)], { visitType: 'outpatient' }),
          claim('c2', [A(100_000)], { visitType: 'outpatient' }),
          claim('c3', [A(10_000)], { visitType: 'outpatient' }),
          claim('c4', [A(10_000)], { visitType: 'inpatient' }),
          claim('c5', [A(10_000)], { visitType: 'outpatient', serviceDate: '2022-01-03' }),
        ],
      }),
    );
    expect(r.claim('c1').basic).toMatchObject({ deductibleFen: 60_000, paidFen: 0 }); // all of it goes to the deductible
    expect(r.claim('c2').basic).toMatchObject({ deductibleFen: 40_000, paidFen: 36_000 }); // 100,000 − 60,000 left; (100,000 − 40,000) × 0.6
    expect(r.claim('c3').basic).toMatchObject({ deductibleFen: 0, paidFen: 6000 }); // 10,000 × 0.6
    expect(r.claim('c4').basic).toMatchObject({ deductibleFen: 10_000, paidFen: 0 }); // another visit type has its own deductible
    expect(r.claim('c5').basic).toMatchObject({ deductibleFen: 10_000, paidFen: 0 }); // a new year starts afresh
    expect(r.counters('m1')[counter.basicDeductible(PLAN, 'outpatient')]).toBe(100_000);
    expect(r.counters('m1')[counter.basicDeductible(PLAN, 'inpatient')]).toBe(10_000);
  });

  it('adds the retiree bonus for retired members, never above 100%', () => {
    const r = run(
      scenario({
        plans: [basicPlan({ benefits: { inpatient, outpatient: benefit({ ratio: levels(0.98), retireeBonus: 0.05 }) } })],
        members: [employee('m1', { retired: true }), employee('m2')],
        events: [
          claim('retired', [A(500_000)]),
          claim('active', [A(500_000)], { memberId: 'm2' }),
          claim('capped', [A(100_000)], { visitType: 'outpatient' }),
        ],
      }),
    );
    expect(r.claim('retired').basic?.paidFen).toBe(348_500); // (500,000 − 90,000) × (0.80 + 0.05)
    expect(r.claim('active').basic?.paidFen).toBe(328_000); // × 0.80
    expect(r.claim('capped').basic?.paidFen).toBe(100_000); // 0.98 + 0.05 → 1, not 103,000
  });

  it('applies the caps in order: per visit, then the visit type’s year, then the plan’s year', () => {
    const r = run(
      scenario({
        plans: [
          basicPlan({
            annualCapFen: 100_000,
            benefits: {
              outpatient: benefit({ ratio: levels(1), perVisitCapFen: levels(30_000), annualCapFen: 50_000 }),
              inpatient: benefit({ ratio: levels(1) }),
            },
          }),
        ],
        members: [employee('m1')],
        events: [
          claim('o1', [A(40_000)], { visitType: 'outpatient' }),
          claim('o2', [A(40_000)], { visitType: 'outpatient' }),
          claim('o3', [A(10_000)], { visitType: 'outpatient' }),
          claim('i1', [A(80_000)]),
          claim('i2', [A(1000)]),
        ],
      }),
    );
    expect(r.claim('o1').basic).toMatchObject({ paidFen: 30_000, inPolicySelfPayFen: 10_000 }); // 40,000 → per-visit cap 30,000
    expect(r.claim('o2').basic?.paidFen).toBe(20_000); // per visit 30,000 → outpatient year 50,000 − 30,000
    expect(r.claim('o3').basic?.paidFen).toBe(0); // outpatient year used up
    expect(r.claim('i1').basic).toMatchObject({ paidFen: 50_000, inPolicySelfPayFen: 30_000 }); // plan year 100,000 − 50,000
    expect(r.claim('i2').basic?.paidFen).toBe(0); // plan year used up
    expect(r.counters('m1')).toMatchObject({
      [counter.basicVisitTypePaid(PLAN, 'outpatient')]: 50_000,
      [counter.basicVisitTypePaid(PLAN, 'inpatient')]: 50_000,
      [counter.basicPlanPaid(PLAN)]: 100_000,
    });
  });

  it('applies a per-visit cap by provider level', () => {
    const outpatient = benefit({ ratio: levels(0.8, 0.7, 0.6), perVisitCapFen: levels(30_000, 80_000, 130_000) });
    const r = run(
      scenario({
        plans: [basicPlan({ benefits: { outpatient } })],
        members: [employee('m1')],
        events: [
          claim('l1', [A(100_000)], { visitType: 'outpatient', providerId: 'H1' }),
          claim('l3', [A(100_000)], { visitType: 'outpatient' }),
        ],
      }),
    );
    expect(r.claim('l1').basic?.paidFen).toBe(30_000); // 100,000 × 0.8 = 80,000 → level-1 cap 30,000
    expect(r.claim('l3').basic?.paidFen).toBe(60_000); // 100,000 × 0.6 = 60,000 under the level-3 cap 130,000
  });

  it('notes BASIC_VISIT_TYPE_NOT_COVERED and pays nothing when the plan has no such benefit (or level)', () => {
    const r = run(
      scenario({
        plans: [basicPlan({ benefits: { inpatient } })],
        providers: [hospital('H3', 3), hospital('H4', 4), { id: 'P1', region: '330800', type: 'pharmacy', level: 1, designated: true }],
        members: [employee('m1')],
        events: [claim('ph', [A(10_000)], { visitType: 'pharmacy', providerId: 'P1' }), claim('l4', [A(10_000)], { providerId: 'H4' })],
      }),
    );
    for (const id of ['ph', 'l4']) {
      const c = r.claim(id);
      expect(c.status).toBe('settled');
      expect(noteCodes(c)).toContain('BASIC_VISIT_TYPE_NOT_COVERED');
      expect(c.basic).toMatchObject({ scopeFen: 10_000, deductibleFen: 0, paidFen: 0, inPolicySelfPayFen: 10_000 });
      expect(c.payments.cashFen).toBe(10_000);
    }
  });

  it('uses the resident plan for residents, without the employee retiree bonus', () => {
    const r = run(
      scenario({
        plans: [
          basicPlan({ benefits: { inpatient } }),
          basicPlan({ scheme: 'resident', benefits: { inpatient: benefit({ ratio: levels(0.5) }) } }),
        ],
        members: [resident('r1', { retired: false })],
        events: [claim('c1', [A(10_001)], { memberId: 'r1' })],
      }),
    );
    expect(r.claim('c1').basic).toMatchObject({ planId: 'basic-resident-330800-2021', paidFen: 5001 }); // 10,001 × 0.5 = 5,000.5 → 5,001
  });
});
