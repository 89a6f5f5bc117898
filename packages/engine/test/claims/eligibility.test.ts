/**
 * claims/eligibility.ts (step 1): the whole claim is rejected — nothing paid, nothing
 * debited, every reason listed — when the member is unknown or not active, the card
 * is not the patient's own (冒名就医), a settled, unreversed claim of the same provider
 * holds the visit id (DUPLICATE_VISIT), the provider is not designated, or no basic
 * plan covers the member's scheme, home region and year.
 */
import { describe, expect, it } from 'vitest';
import {
  A,
  basicPlan,
  claim,
  codes,
  type EventInput,
  employee,
  hospital,
  NJ,
  OOC,
  QZ,
  quote,
  region,
  resident,
  reverse,
  run,
  scenario,
} from '../support/world.ts';

const world = (events: EventInput[]) =>
  scenario({
    regions: [region(QZ), region(NJ)],
    plans: [basicPlan({ benefits: { inpatient: { deductibleFen: { '3': 0 }, deductiblePer: 'visit', ratio: { '3': 0.8 } } } })],
    providers: [hospital('H3', 3), hospital('HX', 3, { designated: false }), hospital('HNJ', 3, { region: NJ })],
    members: [
      employee('m1', { personalAccount: { currentFen: 50_000, historicalFen: 0 } }),
      employee('m2'),
      employee('gone', { status: 'transferred', personalAccount: { currentFen: 50_000, historicalFen: 0 } }),
      resident('r1'),
      employee('nj1', { region: NJ }),
    ],
    events,
  });

describe('checkEligibility', () => {
  it('settles an eligible visit', () => {
    const r = run(world([claim('c1', [A(1000)])]));
    expect(r.claim('c1').status).toBe('settled');
    expect(r.claim('c1').reasons).toEqual([]);
  });

  it('MEMBER_NOT_FOUND for an unknown patient', () => {
    expect(codes(run(world([claim('c1', [A(1000)], { memberId: 'nobody' })])).claim('c1'))).toEqual(['MEMBER_NOT_FOUND']);
  });

  it('MEMBER_NOT_ACTIVE for a patient who is not active', () => {
    expect(codes(run(world([claim('c1', [A(1000)], { memberId: 'gone' })])).claim('c1'))).toEqual(['MEMBER_NOT_ACTIVE']);
  });

  it('CREDENTIAL_MISMATCH when the card is someone else’s, even a family member’s (冒名就医)', () => {
    expect(codes(run(world([claim('c1', [A(1000)], { memberId: 'm2', cardHolderId: 'm1' })])).claim('c1'))).toEqual([
      'CREDENTIAL_MISMATCH',
    ]);
  });

  it('PROVIDER_NOT_DESIGNATED for a provider that is not designated', () => {
    expect(codes(run(world([claim('c1', [A(1000)], { providerId: 'HX' })])).claim('c1'))).toEqual(['PROVIDER_NOT_DESIGNATED']);
  });

  it('NO_BASIC_PLAN when no plan covers the scheme, the home region or the year', () => {
    const r = run(
      world([
        claim('scheme', [A(1000)], { memberId: 'r1' }), // no resident plan
        claim('region', [A(1000)], { memberId: 'nj1' }), // no plan in NJ
        claim('year', [A(1000)], { serviceDate: '2022-01-01' }), // no 2022 plan
      ]),
    );
    expect(codes(r.claim('scheme'))).toEqual(['NO_BASIC_PLAN']);
    expect(codes(r.claim('region'))).toEqual(['NO_BASIC_PLAN']);
    expect(codes(r.claim('year'))).toEqual(['NO_BASIC_PLAN']);
  });

  it('takes the plan of the member’s home region wherever the provider is', () => {
    const r = run(world([claim('c1', [A(1000)], { providerId: 'HNJ' }), claim('c2', [A(1000)], { memberId: 'nj1', providerId: 'H3' })]));
    expect(r.claim('c1').basic?.planId).toBe('basic-employee-330800-2021');
    expect(r.claim('c1').basic?.paidFen).toBe(800); // 1,000 × 0.8
    expect(codes(r.claim('c2'))).toEqual(['NO_BASIC_PLAN']);
  });

  it('lists every reason that applies at once', () => {
    const r = run(world([claim('c1', [A(1000)], { memberId: 'gone', cardHolderId: 'm1', providerId: 'HX', serviceDate: '2019-05-05' })]));
    expect(codes(r.claim('c1'))).toEqual(['CREDENTIAL_MISMATCH', 'MEMBER_NOT_ACTIVE', 'NO_BASIC_PLAN', 'PROVIDER_NOT_DESIGNATED']);
    const unknown = run(world([claim('c2', [A(1000)], { memberId: 'nobody', cardHolderId: 'm1', providerId: 'HX' })]));
    expect(codes(unknown.claim('c2'))).toEqual(['CREDENTIAL_MISMATCH', 'MEMBER_NOT_FOUND', 'PROVIDER_NOT_DESIGNATED']);
  });

  it('pays nothing and debits nothing on a rejected claim', () => {
    const r = run(world([claim('c1', [A(1000), OOC(2000)], { memberId: 'gone' })]));
    expect(r.claim('c1')).toMatchObject({
      status: 'rejected',
      totalFen: 3000,
      notes: [],
      basic: null,
      criticalIllness: null,
      assistance: null,
      supplementary: null,
      payments: { ownAccountFen: 0, familyAccountFen: 0, familyHolderId: null, cashFen: 0 },
    });
    expect(r.balance('gone')).toEqual({ currentFen: 50_000, historicalFen: 0 });
    expect(r.counters('gone')).toEqual({});
    expect(r.state.claimRecord('c1' as never)).toBeUndefined();
  });
});

describe('a visit settles once (DUPLICATE_VISIT)', () => {
  const V = { visitId: 'ZY-1' };

  it('rejects a resubmitted visit under a new event id, paying and debiting nothing', () => {
    // Prepare: the hospital resends c1's visit as c2 after a timeout.
    const r = run(world([claim('c1', [OOC(1000)], V), claim('c2', [OOC(1000)], V)]));

    // Assess: c1 paid 1,000 from m1's account; c2 is rejected and moves nothing.
    expect(r.claim('c1')).toMatchObject({ status: 'settled', payments: { ownAccountFen: 1000 } });
    expect(r.claim('c2')).toMatchObject({ status: 'rejected', basic: null, payments: { ownAccountFen: 0, cashFen: 0 } });
    expect(codes(r.claim('c2'))).toEqual(['DUPLICATE_VISIT']);
    expect(r.balance('m1')).toEqual({ currentFen: 49_000, historicalFen: 0 });
    expect(r.state.claimRecord('c2' as never)).toBeUndefined();
  });

  it('lists DUPLICATE_VISIT with every other reason that applies', () => {
    const r = run(world([claim('c1', [A(1000)], V), claim('c2', [A(1000)], { ...V, cardHolderId: 'm2', serviceDate: '2019-05-05' })]));
    expect(codes(r.claim('c2'))).toEqual(['CREDENTIAL_MISMATCH', 'DUPLICATE_VISIT', 'NO_BASIC_PLAN']);
  });

  it('takes the same visit id at another provider as another visit, and a claim without one as never a duplicate', () => {
    const r = run(
      world([
        claim('c1', [A(1000)], V),
        claim('c2', [A(1000)], { ...V, providerId: 'HNJ' }),
        claim('c3', [A(1000)]),
        claim('c4', [A(1000)]),
      ]),
    );
    expect(['c1', 'c2', 'c3', 'c4'].map((id) => r.claim(id).status)).toEqual(['settled', 'settled', 'settled', 'settled']);
  });

  it('lets neither a rejected claim nor a quote hold the visit', () => {
    const r = run(
      world([
        claim('c1', [A(1000)], { ...V, cardHolderId: 'm2' }), // rejected: CREDENTIAL_MISMATCH
        quote('q1', [A(1000)], V),
        claim('c2', [A(1000)], V),
        quote('q2', [A(1000)], V),
      ]),
    );
    expect(codes(r.claim('c1'))).toEqual(['CREDENTIAL_MISMATCH']);
    expect(r.claim('q1').status).toBe('quoted');
    expect(r.claim('c2').status).toBe('settled');
    // A quote of a visit already settled is rejected too: the hospital sees it before billing.
    expect(r.claim('q2')).toMatchObject({ status: 'rejected', payments: { ownAccountFen: 0 } });
    expect(codes(r.claim('q2'))).toEqual(['DUPLICATE_VISIT']);
  });

  it('answers a replayed event id with its first result (idempotency), not DUPLICATE_VISIT', () => {
    const c1 = claim('c1', [OOC(1000)], V);
    const r = run(world([c1, c1]));
    expect(r.results[1]).toEqual(r.results[0]);
    expect(r.results[1]).toMatchObject({ status: 'settled' });
    expect(r.balance('m1')).toEqual({ currentFen: 49_000, historicalFen: 0 });
  });

  it('frees the visit when its claim is reversed, for the corrected bill', () => {
    const r = run(world([claim('c1', [OOC(1000)], V), reverse('x1', 'c1'), claim('c2', [OOC(800)], V), claim('c3', [OOC(800)], V)]));
    expect(r.result('x1')).toMatchObject({ status: 'reversed' });
    expect(r.claim('c2').status).toBe('settled');
    // c2 holds it now.
    expect(codes(r.claim('c3'))).toEqual(['DUPLICATE_VISIT']);
    expect(r.state.visitHolder('H3' as never, 'ZY-1' as never)).toBe('c2');
  });
});
