/**
 * claims/supplementary.ts (惠民保): only for a patient holding a policy of a product
 * covering the service date. Yearly deductible, ratio and cap per responsibility.
 * In-policy responsibilities share the in-policy self-pay left after critical
 * illness and assistance; OOC lines go to the first `outOfCatalog` / `specialDrug`
 * responsibility in product order whose conditions they meet.
 * Basic pays 0% here, so in-policy self-pay = scope.
 */

import { asPlanId, asResponsibilityId, counter } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import {
  A,
  aidPlan,
  B,
  basicPlan,
  basicPlans,
  ciPlan,
  claim,
  employee,
  HZ,
  hospital,
  NJ,
  noteCodes,
  OOC,
  pharmacy,
  product,
  QZ,
  type ResponsibilityInput,
  region,
  run,
  type ScenarioInput,
  scenario,
} from '../support/world.ts';

const P = asPlanId('hqb-2021');
const selfPay = (o: Partial<ResponsibilityInput> = {}): ResponsibilityInput =>
  ({ id: 'R1', kind: 'inPolicySelfPay', visitTypes: ['inpatient'], deductibleFen: 0, ratio: 0.5, ...o }) as ResponsibilityInput;
const above = (o: Partial<ResponsibilityInput> = {}): ResponsibilityInput =>
  ({
    id: 'RA',
    kind: 'inPolicyAboveCriticalThreshold',
    visitTypes: ['inpatient'],
    deductibleFen: 0,
    ratio: 0.5,
    ...o,
  }) as ResponsibilityInput;
const ooc = (o: Record<string, unknown> = {}): ResponsibilityInput =>
  ({ id: 'R2', kind: 'outOfCatalog', visitTypes: ['inpatient'], deductibleFen: 0, ratio: 0.5, ...o }) as ResponsibilityInput;
const drugs = (o: Record<string, unknown> = {}): ResponsibilityInput =>
  ({
    id: 'R3',
    kind: 'specialDrug',
    visitTypes: ['pharmacy'],
    drugs: ['SD01', 'SD02'],
    deductibleFen: 0,
    ratio: 0.5,
    ...o,
  }) as ResponsibilityInput;

/** m1 holds pol-1 of the QZ city product with `responsibilities`. */
function insured(responsibilities: ResponsibilityInput[], parts: Partial<ScenarioInput> = {}, productOverrides = {}): ScenarioInput {
  return scenario({
    regions: [region(QZ), region(HZ), region(NJ)],
    plans: [basicPlan(), product({ responsibilities, ...productOverrides }), ...(parts.plans ?? [])],
    providers: [
      hospital('H3', 3),
      hospital('HHZ', 3, { region: HZ }),
      hospital('HNJ', 3, { region: NJ }),
      pharmacy('P1'),
      pharmacy('PSD', { specialDrugs: true }),
      pharmacy('PHZ', { region: HZ, specialDrugs: true }),
    ],
    members: parts.members ?? [employee('m1'), employee('m2')],
    policies: [{ id: 'pol-1', productId: 'hqb-2021', insuredId: 'm1', payerId: 'm1', relationship: 'self', payment: 'cash' }],
    events: parts.events ?? [],
  });
}

describe('inPolicySelfPay', () => {
  it('pays the ratio after a yearly deductible, up to a yearly cap', () => {
    const r = run(
      insured([selfPay({ deductibleFen: 10_000, ratio: 0.5, capFen: 100_000 })], {
        events: [
          claim('s1', [A(50_000)]),
          claim('s2', [A(50_000)]),
          claim('s3', [A(200_000)]),
          claim('s4', [A(10_000)], { visitType: 'outpatient' }),
        ],
      }),
    );
    expect(r.claim('s1').supplementary).toEqual({
      planId: P,
      policyId: 'pol-1',
      paidFen: 20_000, // (50,000 − 10,000) × 0.5
      responsibilities: [{ id: 'R1', baseFen: 50_000, deductibleFen: 10_000, paidFen: 20_000 }],
    });
    expect(r.claim('s1').payments.cashFen).toBe(30_000); // 50,000 − 20,000
    expect(r.claim('s2').supplementary?.paidFen).toBe(25_000); // deductible consumed: 50,000 × 0.5
    expect(r.claim('s3').supplementary?.paidFen).toBe(55_000); // 100,000 → cap 100,000 − 45,000 left
    expect(r.claim('s4').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 0, paidFen: 0 }); // not its visit type
    expect(r.counters('m1')).toMatchObject({
      [counter.responsibilityDeductible(P, asResponsibilityId('R1'))]: 10_000,
      [counter.responsibilityPaid(P, asResponsibilityId('R1'))]: 100_000,
    });
  });
});

describe('inPolicyAboveCriticalThreshold', () => {
  it('takes only this claim’s part above the threshold, less what critical illness paid', () => {
    const r = run(
      insured([above()], {
        plans: [ciPlan({ thresholdFen: 100_000, bands: [{ uptoFen: null, ratio: 0.6 }] })],
        events: [claim('t1', [A(80_000)]), claim('t2', [A(70_000)])],
      }),
    );
    expect(r.claim('t1').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 0, paidFen: 0 }); // 80,000 < threshold
    // accumulated 150,000: 50,000 above; critical illness pays 30,000; base 50,000 − 30,000 = 20,000; × 0.5
    expect(r.claim('t2').criticalIllness).toMatchObject({ aboveThresholdFen: 50_000, paidFen: 30_000 });
    expect(r.claim('t2').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 20_000, paidFen: 10_000 });
    expect(r.claim('t2').payments.cashFen).toBe(30_000); // 70,000 − 30,000 − 10,000
  });

  it('takes the threshold as 0 when no critical-illness tier applies to the claim', () => {
    const r = run(
      insured([above({ visitTypes: ['inpatient', 'outpatient'] })], {
        plans: [ciPlan({ thresholdFen: 100_000, visitTypes: ['inpatient'] })],
        events: [claim('out', [A(80_000)], { visitType: 'outpatient' })],
      }),
    );
    expect(r.claim('out').criticalIllness).toBeNull();
    expect(r.claim('out').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 80_000, paidFen: 40_000 }); // 80,000 × 0.5
  });
});

describe('outOfCatalog', () => {
  it('counts OOC lines in the region fully and outside it at the weight, rounding per line', () => {
    const r = run(
      insured([ooc({ outOfRegionWeight: 0.5 })], {
        events: [
          claim('in', [OOC(100_000), A(50_000)]),
          claim('out', [OOC(100_001)], { providerId: 'HHZ' }),
          claim('twoLines', [OOC(3, 'O1'), OOC(3, 'O2')], { providerId: 'HNJ' }),
        ],
      }),
    );
    expect(r.claim('in').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 100_000, paidFen: 50_000 }); // A lines never count
    // 100,001 × 0.5 = 50,000.5 → 50,001; × 0.5 = 25,000.5 → 25,001
    expect(r.claim('out').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 50_001, paidFen: 25_001 });
    // each line: 3 × 0.5 = 1.5 → 2; base 4 (weighting the sum would give round(3) = 3); 4 × 0.5 = 2
    expect(r.claim('twoLines').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 4, paidFen: 2 });
  });

  it('counts the whole province as the region of a province product', () => {
    const r = run(
      insured(
        [ooc({ outOfRegionWeight: 0.5 })],
        { events: [claim('hz', [OOC(100_001)], { providerId: 'HHZ' }), claim('nj', [OOC(100_000)], { providerId: 'HNJ' })] },
        { regionScope: 'province' },
      ),
    );
    expect(r.claim('hz').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 100_001, paidFen: 50_001 }); // 50,000.5 → 50,001
    expect(r.claim('nj').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 50_000, paidFen: 25_000 });
  });

  it('with requireOnLabel counts only lines used on-label', () => {
    const r = run(
      insured([ooc({ requireOnLabel: true })], {
        events: [claim('c1', [OOC(10_000, 'O1', true), OOC(20_000, 'O2', false), OOC(40_000, 'O3')])],
      }),
    );
    expect(r.claim('c1').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 10_000, paidFen: 5000 });
  });
});

describe('specialDrug', () => {
  it('counts listed OOC drugs bought at a special-drug pharmacy inside the product’s region', () => {
    const r = run(
      insured([drugs({ deductibleFen: 100_000 })], {
        events: [
          claim('d1', [OOC(300_000, 'SD01'), OOC(50_000, 'X9'), B(10_000, 0, 'SD02')], { visitType: 'pharmacy', providerId: 'PSD' }),
          claim('plain', [OOC(300_000, 'SD01')], { visitType: 'pharmacy', providerId: 'P1' }),
          claim('otherCity', [OOC(300_000, 'SD01')], { visitType: 'pharmacy', providerId: 'PHZ' }),
        ],
      }),
    );
    // only the listed OOC line: 300,000 − 100,000 deductible, × 0.5
    expect(r.claim('d1').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 300_000, deductibleFen: 100_000, paidFen: 100_000 });
    expect(r.claim('plain').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 0, paidFen: 0 }); // not a special-drug pharmacy
    expect(r.claim('otherCity').supplementary?.responsibilities[0]).toMatchObject({ baseFen: 0, paidFen: 0 }); // outside the city
  });
});

describe('a line counts for one responsibility only', () => {
  const lines = [OOC(300_000, 'SD01'), OOC(50_000, 'X9')];
  it('the first in product order whose conditions it meets takes it', () => {
    const drugsFirst = run(
      insured([drugs(), ooc({ visitTypes: ['pharmacy'] })], { events: [claim('c', lines, { visitType: 'pharmacy', providerId: 'PSD' })] }),
    );
    expect(drugsFirst.claim('c').supplementary?.responsibilities).toEqual([
      { id: 'R3', baseFen: 300_000, deductibleFen: 0, paidFen: 150_000 },
      { id: 'R2', baseFen: 50_000, deductibleFen: 0, paidFen: 25_000 },
    ]);
    const oocFirst = run(
      insured([ooc({ visitTypes: ['pharmacy'] }), drugs()], { events: [claim('c', lines, { visitType: 'pharmacy', providerId: 'PSD' })] }),
    );
    expect(oocFirst.claim('c').supplementary?.responsibilities).toEqual([
      { id: 'R2', baseFen: 350_000, deductibleFen: 0, paidFen: 175_000 },
      { id: 'R3', baseFen: 0, deductibleFen: 0, paidFen: 0 },
    ]);
  });

  it('a line that fails the first one’s conditions goes on to the next', () => {
    const r = run(
      insured([ooc({ visitTypes: ['pharmacy'], requireOnLabel: true }), drugs()], {
        events: [claim('c', [OOC(300_000, 'SD01', false), OOC(50_000, 'X9', true)], { visitType: 'pharmacy', providerId: 'PSD' })],
      }),
    );
    expect(r.claim('c').supplementary?.responsibilities.map((x) => x.baseFen)).toEqual([50_000, 300_000]);
  });
});

describe('in-policy responsibilities share the pool', () => {
  it('each takes what the earlier ones left unpaid', () => {
    const r = run(insured([selfPay({ ratio: 0.5 }), selfPay({ id: 'R1b', ratio: 1 })], { events: [claim('c', [A(100_000)])] }));
    // R1: 100,000 × 0.5; R1b: the 50,000 left × 1; nothing left in cash
    expect(r.claim('c').supplementary?.responsibilities.map((x) => [x.baseFen, x.paidFen])).toEqual([
      [100_000, 50_000],
      [50_000, 50_000],
    ]);
    expect(r.claim('c').payments.cashFen).toBe(0);
  });

  it('the pool is what critical illness and assistance left', () => {
    const r = run(
      insured([selfPay({ ratio: 1 }), above()], {
        plans: [ciPlan({ thresholdFen: 0, bands: [{ uptoFen: null, ratio: 0.3 }] }), aidPlan({ categories: { lowIncome: 0.4 } })],
        members: [employee('m1', { assistanceCategory: 'lowIncome' })],
        events: [claim('c', [A(100_000)])],
      }),
    );
    const c = r.claim('c');
    expect(c.criticalIllness?.paidFen).toBe(30_000); // 100,000 × 0.3
    expect(c.assistance?.paidFen).toBe(28_000); // (100,000 − 30,000) × 0.4
    // pool 100,000 − 30,000 − 28,000 = 42,000 all to R1; RA finds nothing left
    expect(c.supplementary?.responsibilities.map((x) => [x.baseFen, x.paidFen])).toEqual([
      [42_000, 42_000],
      [0, 0],
    ]);
    expect(c.payments.cashFen).toBe(0);
  });

  it('an above-threshold responsibility first, then in-policy self-pay on the rest', () => {
    const r = run(
      insured([above(), selfPay({ ratio: 1 })], {
        plans: [ciPlan({ thresholdFen: 60_000, bands: [{ uptoFen: null, ratio: 0.5 }] })],
        events: [claim('c', [A(100_000)])],
      }),
    );
    const c = r.claim('c');
    expect(c.criticalIllness).toMatchObject({ aboveThresholdFen: 40_000, paidFen: 20_000 });
    // RA: min(40,000 − 20,000, pool 80,000) = 20,000 × 0.5 = 10,000; R1: 80,000 − 10,000 = 70,000 × 1
    expect(c.supplementary?.responsibilities.map((x) => [x.baseFen, x.paidFen])).toEqual([
      [20_000, 10_000],
      [70_000, 70_000],
    ]);
    expect(c.payments.cashFen).toBe(0); // 100,000 − 20,000 − 10,000 − 70,000
  });
});

describe('enrollment', () => {
  it('notes SUPPLEMENTARY_NOT_ENROLLED without a policy covering the service date', () => {
    const doc = insured([selfPay()], {
      events: [claim('other', [A(1000)], { memberId: 'm2' }), claim('nextYear', [A(1000)], { serviceDate: '2022-01-01' })],
    });
    doc.plans.push(...basicPlans({ year: 2022 }));
    const r = run(doc);
    for (const id of ['other', 'nextYear']) {
      expect(r.claim(id).supplementary).toBeNull();
      expect(noteCodes(r.claim(id))).toContain('SUPPLEMENTARY_NOT_ENROLLED');
    }
  });

  it('follows the product’s coverage dates, not the calendar year', () => {
    const r = run(
      insured(
        [selfPay()],
        { events: [claim('before', [A(1000)], { serviceDate: '2021-06-30' }), claim('inside', [A(1000)], { serviceDate: '2021-07-01' })] },
        { coverage: { from: '2021-07-01', to: '2022-06-30' } },
      ),
    );
    expect(r.claim('before').supplementary).toBeNull();
    expect(r.claim('inside').supplementary?.paidFen).toBe(500); // 1,000 × 0.5
  });
});
