/**
 * claims/decide-claim.ts: a settled claim changes accumulators and balances
 * atomically and is recorded for reversal; a quote (试算, 2206) runs every rule and
 * changes nothing; every use of the family account notifies the holder.
 */

import { parseScenario } from '@medins/contract';
import { decideClaim, MemoryState, type Notification, Replayer } from '@medins/engine';
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
  QZ,
  quote,
  region,
  resident,
  run,
  scenario,
} from '../support/world.ts';

const doc = (events: EventInput[]) =>
  scenario({
    regions: [region(QZ, { familyAid: { relationships: ['child'], reserveFen: 5000, sameCity: false } })],
    plans: [
      basicPlan({ benefits: { inpatient: benefit({ deductibleFen: levels(10_000), deductiblePer: 'year', ratio: levels(0.5) }) } }),
      basicPlan({ scheme: 'resident' }),
    ],
    members: [
      employee('h', { personalAccount: { currentFen: 50_000, historicalFen: 0 } }),
      employee('m1', { personalAccount: { currentFen: 1000, historicalFen: 0 } }),
      resident('m2'),
    ],
    familyGroups: [{ holderId: 'h', members: [{ memberId: 'm1', relationship: 'child', validFrom: at('2021-01-01', '00:00:00') }] }],
    events,
  });

describe('quote', () => {
  it('runs every rule and changes nothing; the claim right after gets the same figures', () => {
    const lines = [A(30_000), OOC(5000)];
    const r = run(doc([quote('q1', lines, { memberId: 'm1' }), claim('c1', lines, { memberId: 'm1' })]));
    const q = r.claim('q1');
    const c = r.claim('c1');
    expect(q.status).toBe('quoted');
    expect(c.status).toBe('settled');
    expect({ ...q, id: 'c1', type: 'claim', status: 'settled' }).toEqual(c);
    // deductible 10,000 (year); basic (30,000 − 10,000) × 0.5 = 10,000; left 25,000: own 1,000, holder 50,000 − 5,000 reserve → 24,000
    expect(c.payments).toEqual({ ownAccountFen: 1000, familyAccountFen: 24_000, familyHolderId: 'h', cashFen: 0 });
  });

  it('moves no balance and consumes no accumulator', () => {
    const r = run(doc([quote('q1', [A(30_000)], { memberId: 'm1' }), quote('q2', [A(30_000)], { memberId: 'm1' })]));
    expect(r.claim('q2')).toEqual({ ...r.claim('q1'), id: 'q2' });
    expect(r.balance('m1')).toEqual({ currentFen: 1000, historicalFen: 0 });
    expect(r.balance('h')).toEqual({ currentFen: 50_000, historicalFen: 0 });
    expect(r.counters('m1')).toEqual({});
    expect(r.state.claimRecord('q1' as never)).toBeUndefined();
  });

  it('is rejected with the same reasons as a claim', () => {
    const r = run(doc([quote('q1', [A(1000)], { memberId: 'nobody' })]));
    expect(r.claim('q1').status).toBe('rejected');
    expect(codes(r.claim('q1'))).toEqual(['MEMBER_NOT_FOUND']);
  });
});

describe('claim decision', () => {
  it('returns accumulators, account debits guarded by the reserve, and the claim record', () => {
    const s = parseScenario(doc([claim('c1', [A(30_000), OOC(5000)], { memberId: 'm1' })]));
    const decision = decideClaim(s.events[0] as never, new MemoryState(s.world));
    expect(decision.changes.map((c) => c.kind)).toEqual(['accumulators', 'account', 'account', 'claimRecord']);
    expect(decision.changes[1]).toMatchObject({ kind: 'account', memberId: 'm1', currentFen: -1000, historicalFen: 0, floorFen: 0 });
    expect(decision.changes[2]).toMatchObject({ kind: 'account', memberId: 'h', currentFen: -24_000, historicalFen: 0, floorFen: 5000 });
  });

  it('notifies the patient and, for every use of the family account, the holder', () => {
    const s = parseScenario(
      doc([
        claim('c1', [A(30_000)], { memberId: 'm1' }),
        quote('q1', [A(30_000)], { memberId: 'm1' }),
        claim('c2', [OOC(100)], { memberId: 'm2' }),
      ]),
    );
    const sent: Notification[] = [];
    const replayer = new Replayer(s.world, { onNotification: (n) => sent.push(n) });
    for (const e of s.events) replayer.apply(e);
    expect(sent).toEqual([
      { to: 'm1', kind: 'claimSettled', eventId: 'c1', aboutId: null, amountFen: 20_000 }, // 30,000 − 10,000 basic
      { to: 'h', kind: 'familyAccountUsed', eventId: 'c1', aboutId: 'm1', amountFen: 19_000 }, // 20,000 − 1,000 own
      { to: 'm2', kind: 'claimSettled', eventId: 'c2', aboutId: null, amountFen: 100 },
    ]);
  });
});
