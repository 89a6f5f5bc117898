/**
 * review/decide-review.ts (人工审核): a reviewer's decision settles the held claim on
 * the state at the decision's time (approve, possibly without some lines) or ends it
 * (reject); a claim that is not held is NOT_HELD. Reversals after an approval.
 */
import { parseScenario } from '@medins/contract';
import { asEventId, asProviderId, asVisitId, type Notification, Replayer } from '@medins/engine';
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
  levels,
  NM,
  OOC,
  quote,
  reverse,
  run,
  scenario,
} from '../support/world.ts';

const NO_PAYMENTS = { ownAccountFen: 0, familyAccountFen: 0, familyHolderId: null, cashFen: 0 };

/**
 * h holds a group with m1 until 2021-03-15 (excluded); the inpatient deductible is
 * 50,000 a year; claims of 100,000 fen or more are held.
 */
const doc = (events: EventInput[]) =>
  scenario({
    plans: [basicPlan({ benefits: { inpatient: benefit({ deductibleFen: levels(50_000), deductiblePer: 'year', ratio: levels(0.5) }) } })],
    members: [
      employee('h', { personalAccount: { currentFen: 0, historicalFen: 500_000 } }),
      employee('m1', { personalAccount: { currentFen: 20_000, historicalFen: 0 } }),
    ],
    familyGroups: [
      {
        holderId: 'h',
        members: [
          { memberId: 'm1', relationship: 'child', validFrom: at('2021-01-01', '00:00:00'), validTo: at('2021-03-15', '00:00:00') },
        ],
      },
    ],
    review: { valueAtLeastFen: 100_000 },
    events,
  });

const held = (id = 'c1', lines = [A(200_000)], overrides: Parameters<typeof claim>[2] = {}) =>
  claim(id, lines, { memberId: 'm1', serviceDate: '2021-03-01', ...overrides });

describe('a reviewDecision that finds no held claim', () => {
  it('is NOT_HELD with tiers null, payments zero, notes empty and total 0', () => {
    const r = run(doc([decide('d1', 'nobody', 'approve')]));
    expect(r.result('d1')).toEqual({
      id: 'd1',
      type: 'reviewDecision',
      claimId: 'nobody',
      status: 'rejected',
      reasons: [{ code: 'NOT_HELD', message: expect.any(String) }],
      notes: [],
      totalFen: 0,
      basic: null,
      criticalIllness: null,
      assistance: null,
      supplementary: null,
      payments: NO_PAYMENTS,
    });
  });

  it('is NOT_HELD for a settled claim, a rejected claim, a quote, a decision and a claim decided before', () => {
    // Prepare & Act
    const r = run(
      doc([
        held('small', [A(1_000)]),
        held('bad', [A(200_000)], { cardHolderId: 'h' }),
        quote('q1', [A(200_000)], { memberId: 'm1' }),
        held('c1'),
        decide('d1', 'c1', 'reject'),
        decide('d2', 'c1', 'approve'),
        held('c2', [A(200_000)], { serviceDate: '2021-03-02' }),
        decide('d3', 'c2', 'approve'),
        decide('d4', 'c2', 'reject'),
        decide('d5', 'small', 'approve'),
        decide('d6', 'bad', 'approve'),
        decide('d7', 'q1', 'approve'),
        decide('d8', 'd3', 'approve'),
      ]),
    );

    // Assess
    expect(r.result('small').status).toBe('settled');
    expect(r.result('d3').status).toBe('settled');
    for (const id of ['d2', 'd4', 'd5', 'd6', 'd7', 'd8']) {
      expect({ id, codes: codes(r.result(id)) }).toEqual({ id, codes: ['NOT_HELD'] });
      expect(r.result(id)).toMatchObject({ status: 'rejected', totalFen: 0, basic: null, payments: NO_PAYMENTS, notes: [] });
    }
    // The second decision changed nothing: c2 was paid once.
    expect(r.state.claimRecord(asEventId('c2'))?.payments).toEqual((r.result('d3') as { payments: unknown }).payments);
  });
});

describe('reject', () => {
  it('ends the claim REVIEW_REJECTED, pays nothing and frees its visit; the claim’s result stays held', () => {
    // Prepare & Act
    const r = run(
      doc([
        held('c1', [A(200_000), OOC(5_000, 'X')], { visitId: 'ZY-1' }),
        decide('d1', 'c1', 'reject', { rejectedLines: ['X'] }),
        claim('c2', [A(1_000)], { memberId: 'm1', visitId: 'ZY-1', serviceDate: '2021-03-01' }),
        reverse('x1', 'c1'),
      ]),
    );

    // Assess
    expect(r.result('d1')).toEqual({
      id: 'd1',
      type: 'reviewDecision',
      claimId: 'c1',
      status: 'rejected',
      reasons: [{ code: 'REVIEW_REJECTED', message: expect.any(String) }],
      notes: [],
      totalFen: 0,
      basic: null,
      criticalIllness: null,
      assistance: null,
      supplementary: null,
      payments: NO_PAYMENTS,
    });
    expect(r.result('c1').status).toBe('held');
    expect(r.result('c2').status).toBe('settled'); // the corrected bill
    expect(codes(r.result('x1'))).toEqual(['CLAIM_NOT_FOUND']); // a claim rejected in review is no settled claim
    expect(r.state.heldClaim(asEventId('c1'))?.decidedBy).toBe('d1');
    expect(r.state.visitHolder(asProviderId('H3'), asVisitId('ZY-1'))).toBe('c2');
  });
});

describe('approve', () => {
  it('settles on the state at the decision: accumulators, balances and the binding window as they are then', () => {
    // Prepare: c1 (held) arrives while m1's binding is in its window; c2 then consumes 30,000 of the
    // year's deductible; the binding ends on 03-15; the reviewer approves on 04-01.
    const events = [
      held('c1'),
      held('c2', [A(30_000)], { serviceDate: '2021-03-02' }),
      quote('q-then', [A(200_000)], { memberId: 'm1', serviceDate: '2021-03-01', at: at('2021-04-01') }),
      decide('d1', 'c1', 'approve'),
    ];

    // Act
    const r = run(doc(events));

    // Assess: deductible 50,000 − 30,000 = 20,000; paid (200,000 − 20,000) × 0.5 = 90,000; 110,000 left:
    // the own account is empty (c2 spent it), the family account no longer pays (04-01 is outside the window): cash.
    const d1 = r.result('d1');
    expect(d1).toEqual({
      id: 'd1',
      type: 'reviewDecision',
      claimId: 'c1',
      status: 'settled',
      reasons: [],
      notes: [
        { code: 'SUPPLEMENTARY_NOT_ENROLLED', message: expect.any(String) },
        { code: 'FAMILY_BINDING_NOT_IN_WINDOW', message: expect.any(String) },
      ],
      totalFen: 200_000,
      basic: expect.objectContaining({ scopeFen: 200_000, deductibleFen: 20_000, paidFen: 90_000, inPolicySelfPayFen: 110_000 }),
      criticalIllness: null,
      assistance: null,
      supplementary: null,
      payments: { ownAccountFen: 0, familyAccountFen: 0, familyHolderId: null, cashFen: 110_000 },
    });
    // A quote of the same visit at the decision's time gives the very same figures.
    const { id: _q, type: _t, status: _s, ...quoted } = r.claim('q-then');
    const { id: _d, type: _dt, status: _ds, claimId: _c, ...approved } = d1 as typeof d1 & { claimId: string };
    expect(approved).toEqual(quoted);
    expect(r.result('c1').status).toBe('held'); // the claim's own result stays held
    // c2 alone moved money: own 20,000, the holder 10,000 (in the window on 03-02).
    expect(r.claim('c2').payments).toEqual({ ownAccountFen: 20_000, familyAccountFen: 10_000, familyHolderId: 'h', cashFen: 0 });
    expect(r.balance('m1')).toEqual({ currentFen: 0, historicalFen: 0 });
    expect(r.balance('h')).toEqual({ currentFen: 0, historicalFen: 490_000 });
    expect(r.state.claimRecord(asEventId('c1'))).toMatchObject({ claimId: 'c1', payments: (d1 as { payments: unknown }).payments });
  });

  it('settles without every line whose code is rejected; unknown codes are ignored', () => {
    const r = run(
      doc([
        held('c1', [A(150_000, 'X'), A(80_000, 'Y'), A(40_000, 'X'), NM(5_000, 'N')]),
        decide('d1', 'c1', 'approve', { rejectedLines: ['X', 'NO-SUCH'] }),
      ]),
    );
    expect(r.result('c1')).toMatchObject({ status: 'held', totalFen: 275_000 });
    expect(r.result('d1')).toMatchObject({
      status: 'settled',
      totalFen: 85_000, // Y and N
      basic: { scopeFen: 80_000, nonMedicalFen: 5_000, deductibleFen: 50_000, paidFen: 15_000 },
    });
  });

  it('settles a claim with no lines when every line is removed: every amount 0, tiers and notes as settled', () => {
    const r = run(doc([held('c1', [A(200_000, 'X')]), decide('d1', 'c1', 'approve', { rejectedLines: ['X'] }), reverse('x1', 'c1')]));
    expect(r.result('d1')).toEqual({
      id: 'd1',
      type: 'reviewDecision',
      claimId: 'c1',
      status: 'settled',
      reasons: [],
      notes: [{ code: 'SUPPLEMENTARY_NOT_ENROLLED', message: expect.any(String) }],
      totalFen: 0,
      basic: {
        planId: 'basic-employee-330800-2021',
        scopeFen: 0,
        firstSelfPayFen: 0,
        selfFundedFen: 0,
        nonMedicalFen: 0,
        deductibleFen: 0,
        paidFen: 0,
        inPolicySelfPayFen: 0,
      },
      criticalIllness: null,
      assistance: null,
      supplementary: null,
      payments: NO_PAYMENTS,
    });
    expect(r.result('x1')).toMatchObject({ status: 'reversed', refunds: NO_PAYMENTS });
  });

  it('is never held again, whatever flags the approved claim would raise', () => {
    const r = run(doc([held('c1', [A(300_000)]), decide('d1', 'c1', 'approve')]));
    expect(r.result('d1')).toMatchObject({ status: 'settled', totalFen: 300_000 });
  });

  it('keeps the visit held: a resubmission is DUPLICATE_VISIT until the approved claim is reversed', () => {
    const r = run(
      doc([
        held('c1', [A(200_000)], { visitId: 'ZY-1' }),
        decide('d1', 'c1', 'approve'),
        claim('c2', [A(1_000)], { memberId: 'm1', visitId: 'ZY-1' }),
        reverse('x1', 'c1'),
        claim('c3', [A(1_000)], { memberId: 'm1', visitId: 'ZY-1' }),
      ]),
    );
    expect(codes(r.result('c2'))).toEqual(['DUPLICATE_VISIT']);
    expect(r.result('x1').status).toBe('reversed');
    expect(r.result('c3').status).toBe('settled');
  });

  it('is answered once when delivered twice', () => {
    const when = { at: at('2021-03-10') };
    const r = run(doc([held('c1'), decide('d1', 'c1', 'approve', when), decide('d1', 'c1', 'approve', when)]));
    expect(r.results[2]).toBe(r.results[1]);
    // paid (200,000 − 50,000) × 0.5 = 75,000; 125,000 left: own 20,000, the holder 105,000, once
    expect(r.balance('m1')).toEqual({ currentFen: 0, historicalFen: 0 });
    expect(r.balance('h')).toEqual({ currentFen: 0, historicalFen: 395_000 });
  });

  it('notifies the patient and the holder under the decision’s id; holding and rejecting notify nobody', () => {
    // Prepare
    const sent: Notification[] = [];
    const s = parseScenario(
      doc([held('c1'), decide('d1', 'c1', 'approve', { at: at('2021-03-10') }), held('c2', [A(100_000)]), decide('d2', 'c2', 'reject')]),
    );
    const replayer = new Replayer(s.world, { onNotification: (n) => sent.push(n) });

    // Act
    for (const e of s.events) replayer.apply(e);

    // Assess: 125,000 left to pay: own account 20,000, then the holder 105,000 (in the window on 03-10).
    expect(sent).toEqual([
      { to: 'm1', kind: 'claimSettled', eventId: 'd1', aboutId: null, amountFen: 125_000 },
      { to: 'h', kind: 'familyAccountUsed', eventId: 'd1', aboutId: 'm1', amountFen: 105_000 },
    ]);
  });
});

describe('reversal of an approved claim', () => {
  it('names the claim, undoes what the approval changed and refunds the decision’s payments', () => {
    // Prepare & Act
    const r = run(
      doc([
        held('c1', [A(200_000)], { visitId: 'ZY-1' }),
        reverse('x0', 'c1', at('2021-03-05')),
        decide('d1', 'c1', 'approve', { at: at('2021-03-10') }),
        reverse('x1', 'd1'),
        reverse('x2', 'c1'),
        decide('d2', 'c1', 'approve'),
      ]),
    );

    // Assess
    expect(codes(r.result('x0'))).toEqual(['CLAIM_NOT_FOUND']); // a held claim cannot be reversed
    expect(codes(r.result('x1'))).toEqual(['CLAIM_NOT_FOUND']); // a decision is not a claim
    expect(r.result('x2')).toMatchObject({
      status: 'reversed',
      claimId: 'c1',
      refunds: (r.result('d1') as { payments: unknown }).payments,
    });
    expect(r.balance('m1')).toEqual({ currentFen: 20_000, historicalFen: 0 });
    expect(r.balance('h')).toEqual({ currentFen: 0, historicalFen: 500_000 });
    expect(Object.values(r.counters('m1'))).toEqual([]);
    expect(r.state.visitHolder(asProviderId('H3'), asVisitId('ZY-1'))).toBeUndefined();
    expect(codes(r.result('d2'))).toEqual(['NOT_HELD']);
  });
});
