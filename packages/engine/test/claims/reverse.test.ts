/**
 * claims/reverse.ts (撤销结算, 2208): a reversal gives back every accumulator the
 * claim consumed and credits every debit back to the balance it came from (current
 * or historical, patient or holder, even after the binding ended). Later claims are
 * not re-settled. Once per claim. It frees the visit the claim held.
 */

import { asPlanId, counter } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import {
  A,
  at,
  basicPlan,
  benefit,
  claim,
  codes,
  type EventInput,
  employee,
  levels,
  OOC,
  quote,
  resident,
  reverse,
  run,
  scenario,
} from '../support/world.ts';

const PLAN = asPlanId('basic-employee-330800-2021');

const doc = (events: EventInput[]) =>
  scenario({
    plans: [
      basicPlan({
        benefits: {
          inpatient: benefit({ ratio: levels(0.5) }),
          outpatient: benefit({ deductibleFen: levels(100_000), deductiblePer: 'year', ratio: levels(0.5) }),
        },
      }),
      basicPlan({ scheme: 'resident' }),
    ],
    members: [
      employee('h', { personalAccount: { currentFen: 10_000, historicalFen: 500_000 } }),
      employee('m1', { personalAccount: { currentFen: 20_000, historicalFen: 30_000 } }),
      resident('m2'),
    ],
    familyGroups: [{ holderId: 'h', members: [{ memberId: 'm1', relationship: 'child', validFrom: at('2021-01-01', '00:00:00') }] }],
    events,
  });

describe('decideReversal', () => {
  it('credits each balance back as it was debited and refunds the claim’s payments', () => {
    const r = run(doc([claim('c1', [A(100_000), OOC(60_000)]), reverse('x1', 'c1')]));
    // basic 50,000; 110,000 left: own 20,000 current + 30,000 historical, holder 10,000 current + 50,000 historical
    expect(r.claim('c1').payments).toEqual({ ownAccountFen: 50_000, familyAccountFen: 60_000, familyHolderId: 'h', cashFen: 0 });
    expect(r.result('x1')).toEqual({
      id: 'x1',
      type: 'reverseClaim',
      status: 'reversed',
      reasons: [],
      claimId: 'c1',
      refunds: r.claim('c1').payments,
    });
    expect(r.balance('m1')).toEqual({ currentFen: 20_000, historicalFen: 30_000 });
    expect(r.balance('h')).toEqual({ currentFen: 10_000, historicalFen: 500_000 });
    expect(Object.values(r.counters('m1')).every((v) => v === 0)).toBe(true);
    expect(r.state.claimRecord('c1' as never)?.reversedBy).toBe('x1');
  });

  it('credits the holder even after the binding has ended', () => {
    const r = run(
      doc([
        claim('c1', [OOC(60_000)]),
        { type: 'unbindFamily', id: 'u1', at: at('2021-05-01'), holderId: 'h', memberId: 'm1' },
        reverse('x1', 'c1'),
      ]),
    );
    expect(r.result('u1').status).toBe('unbound');
    expect(r.result('x1').status).toBe('reversed');
    expect(r.balance('h')).toEqual({ currentFen: 10_000, historicalFen: 500_000 });
  });

  it('gives back only this claim’s accumulators; later claims are not re-settled', () => {
    const out = (id: string, amount: number) => claim(id, [A(amount)], { visitType: 'outpatient', memberId: 'm1' });
    const r = run(doc([out('c1', 60_000), out('c2', 100_000), reverse('x1', 'c1'), out('c3', 100_000)]));
    expect(r.claim('c2').basic).toMatchObject({ deductibleFen: 40_000, paidFen: 30_000 }); // 100,000 − 60,000 left of the deductible
    // after reversing c1 only c2's 40,000 stays consumed: c3 meets the other 60,000
    expect(r.claim('c3').basic).toMatchObject({ deductibleFen: 60_000, paidFen: 20_000 }); // (100,000 − 60,000) × 0.5
    expect(r.counters('m1')[counter.basicDeductible(PLAN, 'outpatient')]).toBe(100_000); // 40,000 + 60,000
    expect(r.results.filter((x) => x.id === 'c2')).toHaveLength(1);
  });

  it('CLAIM_NOT_FOUND for an unknown id, a quote or a rejected claim', () => {
    const r = run(
      doc([
        quote('q1', [A(1000)]),
        claim('bad', [A(1000)], { memberId: 'nobody' }),
        reverse('x1', 'zzz'),
        reverse('x2', 'q1'),
        reverse('x3', 'bad'),
      ]),
    );
    for (const id of ['x1', 'x2', 'x3']) {
      expect(codes(r.result(id))).toEqual(['CLAIM_NOT_FOUND']);
      expect(r.result(id)).toMatchObject({ status: 'rejected', refunds: null });
    }
  });

  it('ALREADY_REVERSED for a second reversal; a redelivered reversal is answered once', () => {
    const r = run(doc([claim('c1', [OOC(1000)], { memberId: 'm1' }), reverse('x1', 'c1'), reverse('x1', 'c1'), reverse('x2', 'c1')]));
    expect(r.results.map((x) => x.status)).toEqual(['settled', 'reversed', 'reversed', 'rejected']);
    expect(codes(r.result('x2'))).toEqual(['ALREADY_REVERSED']);
    expect(r.balance('m1')).toEqual({ currentFen: 20_000, historicalFen: 30_000 }); // credited once
  });

  it('reverses a cash-only claim of a member without an account', () => {
    const r = run(doc([claim('c1', [OOC(1000)], { memberId: 'm2' }), reverse('x1', 'c1')]));
    expect(r.result('x1')).toMatchObject({
      status: 'reversed',
      refunds: { ownAccountFen: 0, familyAccountFen: 0, familyHolderId: null, cashFen: 1000 },
    });
  });
});

describe('decideReversal and the visit', () => {
  it('frees the visit its claim held, and only that one', () => {
    // Prepare: c1 holds ZY-1 at H3, c2 holds ZY-2.
    const r = run(doc([claim('c1', [OOC(1000)], { visitId: 'ZY-1' }), claim('c2', [OOC(1000)], { visitId: 'ZY-2' }), reverse('x1', 'c1')]));

    // Assess
    expect(r.state.claimRecord('c1' as never)).toMatchObject({ visit: { providerId: 'H3', visitId: 'ZY-1' }, reversedBy: 'x1' });
    expect(r.state.visitHolder('H3' as never, 'ZY-1' as never)).toBeUndefined();
    expect(r.state.visitHolder('H3' as never, 'ZY-2' as never)).toBe('c2');
    // A second reversal is ALREADY_REVERSED and frees nothing more.
    expect(codes(r.apply(reverse('x2', 'c1')))).toEqual(['ALREADY_REVERSED']);
  });

  it('reverses a claim that named no visit without touching any visit', () => {
    const r = run(doc([claim('c1', [OOC(1000)]), reverse('x1', 'c1')]));
    expect(r.state.claimRecord('c1' as never)).toMatchObject({ visit: null, reversedBy: 'x1' });
    expect(Object.keys(r.state.items.visits)).toEqual([]);
  });
});
