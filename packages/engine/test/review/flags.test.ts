/**
 * review/flags.ts and review/hold.ts (人工审核): which claims are held, with which
 * flags, and what holding changes — nothing but the visit it holds.
 */
import { asEventId, asProviderId, asVisitId } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import {
  A,
  at,
  basicPlan,
  benefit,
  claim,
  codes,
  decide,
  type EventInput,
  employee,
  hospital,
  levels,
  NM,
  OOC,
  pharmacy,
  product,
  quote,
  resident,
  reverse,
  run,
  type ScenarioInput,
  scenario,
} from '../support/world.ts';

type Review = NonNullable<ScenarioInput['review']>;

const SD = {
  id: 'R3',
  kind: 'specialDrug' as const,
  visitTypes: ['pharmacy' as const],
  drugs: ['SD01', 'SD02'],
  deductibleFen: 0,
  ratio: 0.5,
};

const doc = (review: Review | undefined, events: EventInput[], extra: Partial<ScenarioInput> = {}) =>
  scenario({
    plans: [
      basicPlan({ benefits: { inpatient: benefit({ ratio: levels(0.5) }), pharmacy: benefit({ ratio: levels(0.5) }) } }),
      basicPlan({ scheme: 'resident' }),
    ],
    providers: [
      hospital('H3', 3),
      hospital('H2', 2),
      pharmacy('P1', { specialDrugs: true }),
      pharmacy('P2'),
      pharmacy('P-HZ', { region: '330100', specialDrugs: true }),
    ],
    members: [employee('m1', { personalAccount: { currentFen: 0, historicalFen: 100_000 } }), resident('m2')],
    ...(review ? { review } : {}),
    events,
    ...extra,
  });

/** A pharmacy claim of m1 at `provider`. */
const drugs = (id: string, lines: Parameters<typeof claim>[1], provider = 'P1') =>
  claim(id, lines, { providerId: provider, visitType: 'pharmacy' });
const withPolicy = (responsibilities: ScenarioInput['plans'][number][] = []) => ({
  plans: [
    basicPlan({ benefits: { inpatient: benefit({ ratio: levels(0.5) }), pharmacy: benefit({ ratio: levels(0.5) }) } }),
    product({ responsibilities: [SD] }),
    ...responsibilities,
  ],
  policies: [
    { id: 'pol-1', productId: 'hqb-2021', insuredId: 'm1', payerId: 'm1', relationship: 'self' as const, payment: 'cash' as const },
  ],
});

describe('holding a flagged claim', () => {
  it('holds nothing without review rules, however high the bill', () => {
    const r = run(doc(undefined, [claim('c1', [A(900_000_000)])]));
    expect(r.result('c1').status).toBe('settled');
  });

  it('answers held with the flag, no reasons, no notes, the total, null tiers and zero payments', () => {
    const r = run(doc({ valueAtLeastFen: 100_000 }, [claim('c1', [A(60_000), OOC(30_000), NM(10_000)], { visitId: 'ZY-1' })]));
    expect(r.result('c1')).toEqual({
      id: 'c1',
      type: 'claim',
      status: 'held',
      flags: ['HIGH_VALUE'],
      reasons: [],
      notes: [],
      totalFen: 100_000, // every line, OOC and nonMedical included
      basic: null,
      criticalIllness: null,
      assistance: null,
      supplementary: null,
      payments: { ownAccountFen: 0, familyAccountFen: 0, familyHolderId: null, cashFen: 0 },
    });
  });

  it('pays, debits and accumulates nothing, and holds its visit like a settled claim', () => {
    // Prepare & Act
    const r = run(
      doc({ valueAtLeastFen: 100_000 }, [
        claim('c1', [A(100_000)], { visitId: 'ZY-1' }),
        claim('c2', [A(1_000)], { visitId: 'ZY-1' }),
        quote('q3', [A(1_000)], { visitId: 'ZY-1' }),
        claim('c4', [A(1_000)], { visitId: 'ZY-1', providerId: 'H2', memberId: 'm2' }),
      ]),
    );

    // Assess
    expect(r.balance('m1')).toEqual({ currentFen: 0, historicalFen: 100_000 });
    expect(r.counters('m1')).toEqual({});
    expect(r.state.claimRecord(asEventId('c1'))).toBeUndefined();
    expect(r.state.visitHolder(asProviderId('H3'), asVisitId('ZY-1'))).toBe('c1');
    expect(codes(r.result('c2'))).toEqual(['DUPLICATE_VISIT']);
    expect(codes(r.result('q3'))).toEqual(['DUPLICATE_VISIT']);
    expect(r.result('c4').status).toBe('settled'); // the same id at another provider is another visit
    expect(r.state.heldClaim(asEventId('c1'))).toMatchObject({ flags: ['HIGH_VALUE'], decidedBy: null });
  });

  it('never holds a quote', () => {
    const r = run(doc({ valueAtLeastFen: 1, samplePercent: 100 }, [quote('q1', [A(100_000)])]));
    expect(r.result('q1').status).toBe('quoted');
  });

  it('rejects a claim with any reason as before, raising no flag (DUPLICATE_VISIT included)', () => {
    const r = run(
      doc({ valueAtLeastFen: 1 }, [
        claim('c1', [A(100)], { cardHolderId: 'm2' }),
        claim('c2', [A(100)], { memberId: 'ghost' }),
        claim('c3', [A(100)], { visitId: 'V' }),
        claim('c4', [A(100)], { visitId: 'V' }),
      ]),
    );
    expect(r.result('c1')).toMatchObject({ status: 'rejected', reasons: [{ code: 'CREDENTIAL_MISMATCH' }] });
    expect(r.result('c1')).not.toHaveProperty('flags');
    expect(codes(r.result('c2'))).toEqual(['MEMBER_NOT_FOUND']);
    expect(r.result('c3').status).toBe('held');
    expect(r.result('c4')).toMatchObject({ status: 'rejected', reasons: [{ code: 'DUPLICATE_VISIT' }] });
    expect(r.result('c4')).not.toHaveProperty('flags');
  });

  it('lists every flag that applies, in the contract’s order', () => {
    const r = run(
      doc(
        { samplePercent: 100, valueAtLeastFen: 1, specialDrugsNeedApproval: true, readmissionDays: 15 },
        [drugs('c1', [OOC(100, 'SD01')])],
        withPolicy(),
      ),
    );
    expect(r.result('c1')).toMatchObject({ status: 'held', flags: ['SAMPLED', 'HIGH_VALUE', 'SPECIAL_DRUG'] });

    const inpatient = run(
      doc({ samplePercent: 100, valueAtLeastFen: 1, readmissionDays: 15 }, [
        claim('a1', [A(100)], { serviceDate: '2021-03-01' }),
        decide('d1', 'a1', 'approve'),
        claim('a2', [A(100)], { serviceDate: '2021-03-05' }),
      ]),
    );
    expect(inpatient.result('a2')).toMatchObject({ status: 'held', flags: ['SAMPLED', 'HIGH_VALUE', 'READMISSION'] });
  });
});

describe('SAMPLED', () => {
  // Buckets (review/sample.test.ts): c7 → 157, c1 → 5530.
  it.each([
    [1.57, 'c7', false],
    [1.58, 'c7', true],
    [1.571, 'c7', true],
    [55.3, 'c1', false],
    [55.31, 'c1', true],
    [0, 'c7', false],
    [100, 'c2', true],
  ])('samplePercent %d: %s sampled = %s', (percent, id, sampled) => {
    const r = run(doc({ samplePercent: percent }, [claim(id, [A(100)])]));
    expect(r.result(id).status).toBe(sampled ? 'held' : 'settled');
    if (sampled) expect(r.result(id)).toMatchObject({ flags: ['SAMPLED'] });
  });
});

describe('HIGH_VALUE', () => {
  it('holds a total at or above the threshold, every line counted', () => {
    const r = run(
      doc({ valueAtLeastFen: 10_000 }, [
        claim('at', [A(5_000), NM(5_000)]),
        claim('below', [A(5_000), OOC(4_999)], { serviceDate: '2021-03-02' }),
      ]),
    );
    expect(r.result('at')).toMatchObject({ status: 'held', flags: ['HIGH_VALUE'] });
    expect(r.result('below').status).toBe('settled');
  });
});

describe('SPECIAL_DRUG', () => {
  const rules = { specialDrugsNeedApproval: true };

  it('holds a listed OOC drug at a special-drug pharmacy in the product’s region, for a covered patient', () => {
    const r = run(doc(rules, [drugs('c1', [A(100), OOC(100, 'SD02')])], withPolicy()));
    expect(r.result('c1')).toMatchObject({ status: 'held', flags: ['SPECIAL_DRUG'] });
  });

  it('holds it even when an earlier responsibility would take the line', () => {
    const ooc = { id: 'R2', kind: 'outOfCatalog' as const, visitTypes: ['pharmacy' as const], deductibleFen: 0, ratio: 0.5 };
    const r = run(
      doc(rules, [drugs('c1', [OOC(100, 'SD01')])], {
        ...withPolicy(),
        plans: [basicPlan({ benefits: { pharmacy: benefit() } }), product({ responsibilities: [ooc, SD] })],
      }),
    );
    expect(r.result('c1')).toMatchObject({ status: 'held', flags: ['SPECIAL_DRUG'] });
  });

  it.each([
    ['the rule is off', { specialDrugsNeedApproval: false }, drugs('c1', [OOC(100, 'SD01')]), true],
    ['the patient holds no policy', rules, drugs('c1', [OOC(100, 'SD01')]), false],
    ['the drug is not listed', rules, drugs('c1', [OOC(100, 'SD09')]), true],
    ['the line is not OOC', rules, drugs('c1', [A(100, 'SD01')]), true],
    ['the pharmacy is not designated for special drugs', rules, drugs('c1', [OOC(100, 'SD01')], 'P2'), true],
    ['the pharmacy is outside the product’s region', rules, drugs('c1', [OOC(100, 'SD01')], 'P-HZ'), true],
    ['the visit type is not the responsibility’s', rules, claim('c1', [OOC(100, 'SD01')], { providerId: 'P1' }), true],
  ])('does not hold when %s', (_why, review, event, policy) => {
    const r = run(doc(review, [event], policy ? withPolicy() : {}));
    expect(r.result('c1').status).toBe('settled');
  });

  it('looks at the first product covering the service date only', () => {
    // Prepare: m1 holds a-2021 (no special drugs, sorts first) and hqb-2021 (special drugs).
    const first = product({ id: 'a-2021', responsibilities: [] });
    const r = run(
      doc(rules, [drugs('c1', [OOC(100, 'SD01')])], {
        plans: [basicPlan({ benefits: { pharmacy: benefit() } }), first, product({ responsibilities: [SD] })],
        policies: [
          { id: 'p-a', productId: 'a-2021', insuredId: 'm1', payerId: 'm1', relationship: 'self', payment: 'cash' },
          { id: 'p-h', productId: 'hqb-2021', insuredId: 'm1', payerId: 'm1', relationship: 'self', payment: 'cash' },
        ],
      }),
    );
    expect(r.result('c1').status).toBe('settled');
  });
});

describe('READMISSION', () => {
  const rules = { readmissionDays: 15 };
  const stay = (id: string, serviceDate: string, overrides: Parameters<typeof claim>[2] = {}) =>
    claim(id, [A(100)], { serviceDate, ...overrides });

  it.each([
    ['2021-03-01', false], // the same day
    ['2021-03-02', true], // 1 day
    ['2021-03-16', true], // 15 days
    ['2021-03-17', false], // 16 days
    ['2021-02-27', false], // before the earlier stay
  ])('after a stay on 2021-03-01, an inpatient claim of %s is a re-admission: %s', (date, flagged) => {
    const r = run(doc(rules, [stay('s1', '2021-03-01'), stay('s2', date)]));
    expect(r.result('s1').status).toBe('settled');
    expect(r.result('s2')).toMatchObject(flagged ? { status: 'held', flags: ['READMISSION'] } : { status: 'settled' });
  });

  it('counts across the year’s end', () => {
    const r = run(
      doc(rules, [stay('s1', '2021-12-25'), stay('s2', '2022-01-03')], {
        plans: [
          basicPlan({ benefits: { inpatient: benefit() } }),
          basicPlan({ year: 2022, id: 'b-2022', benefits: { inpatient: benefit() } }),
        ],
      }),
    );
    expect(r.result('s2')).toMatchObject({ status: 'held', flags: ['READMISSION'] });
  });

  it.each([
    ['at another provider', [stay('s1', '2021-03-01'), stay('s2', '2021-03-05', { providerId: 'H2' })]],
    ['of another member', [stay('s1', '2021-03-01'), stay('s2', '2021-03-05', { memberId: 'm2' })]],
    ['after a reversed stay', [stay('s1', '2021-03-01'), reverse('x1', 's1', at('2021-03-04')), stay('s2', '2021-03-05')]],
    ['after an outpatient visit', [stay('s1', '2021-03-01', { visitType: 'outpatient' }), stay('s2', '2021-03-05')]],
    ['for an outpatient visit', [stay('s1', '2021-03-01'), stay('s2', '2021-03-05', { visitType: 'outpatient' })]],
    ['after a stay rejected at eligibility', [stay('s1', '2021-03-01', { cardHolderId: 'm2' }), stay('s2', '2021-03-05')]],
  ])('is not a re-admission %s', (_why, events) => {
    const r = run(
      doc(rules, events, {
        plans: [basicPlan({ benefits: { inpatient: benefit(), outpatient: benefit() } }), basicPlan({ scheme: 'resident' })],
      }),
    );
    expect(r.result('s2').status).toBe('settled');
  });

  it('counts a held stay only once approved, never a rejected one', () => {
    // Prepare: s1 is held (high value); s2 comes while it waits, s3 after it was rejected, s5 after s4's approval.
    const r = run(
      doc({ readmissionDays: 15, valueAtLeastFen: 1_000 }, [
        claim('s1', [A(1_000)], { serviceDate: '2021-03-01' }),
        stay('s2', '2021-03-03'),
        decide('d1', 's1', 'reject'),
        stay('s3', '2021-03-04', { providerId: 'H2' }),
        claim('s4', [A(1_000)], { serviceDate: '2021-04-01' }),
        decide('d2', 's4', 'approve'),
        stay('s5', '2021-04-10'),
      ]),
    );
    expect(r.result('s2').status).toBe('settled'); // s1 was not settled by then
    expect(r.result('s3').status).toBe('settled');
    expect(r.result('s5')).toMatchObject({ status: 'held', flags: ['READMISSION'] });
    // s2 itself was a settled stay on 03-03: and flags are judged once, never again.
    expect(r.result('s1')).toMatchObject({ status: 'held', flags: ['HIGH_VALUE'] });
  });
});
