/**
 * The chaos audit's review counts, on hand-made tables: a claim settled or paid by
 * two events is paid twice, whoever the second is (a second approval, or a decision
 * on a claim that settled by itself); a claim no decision ended is still held, and
 * without an open review nobody would ever decide it.
 */
import type { EventItem, LedgerItem } from '@medins/store';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/index.ts';

const item = (eventId: string, type: string, status: string, extra: Partial<EventItem> = {}): EventItem => ({
  eventId,
  type,
  status,
  result: '{}',
  event: type === 'reviewDecision' ? JSON.stringify({ id: eventId, type, claimId: eventId.split('-')[0] }) : null,
  record: null,
  committedAt: 0,
  ...extra,
});
const debit = (eventId: string, n: number): LedgerItem => ({
  memberId: 'm1',
  entryId: `${eventId}|commit-${n}|0`,
  eventId,
  purpose: 'claim',
  currentFen: -100,
  historicalFen: 0,
  balanceAfterFen: 1000,
});
const events = [
  { id: 'c1', type: 'claim', memberId: 'm1' },
  { id: 'c2', type: 'claim', memberId: 'm1' },
  { id: 'c1-review', type: 'reviewDecision', claimId: 'c1' },
  { id: 'c1-review-2', type: 'reviewDecision', claimId: 'c1' },
  { id: 'c2-review', type: 'reviewDecision', claimId: 'c2' },
];
const base = {
  events,
  members: [{ id: 'm1', region: '330800' }],
  regions: [],
  balances: {},
  published: [],
  openReviews: new Set<string>(),
};

describe('the chaos audit of held claims', () => {
  it('counts nothing when each held claim was decided once and paid by its decision', () => {
    const found = audit({
      ...base,
      items: [
        item('c1', 'claim', 'held', { decidedBy: 'c1-review' }),
        item('c1-review', 'reviewDecision', 'settled'),
        item('c1-review-2', 'reviewDecision', 'rejected'),
        item('c2', 'claim', 'settled'),
        item('c2-review', 'reviewDecision', 'rejected'),
      ],
      ledger: [debit('c1-review', 1), debit('c2', 2)],
    });
    expect(found).toMatchObject({ doublePaid: 0, stillHeld: 0, heldWithoutOpenReview: 0, doubleApplied: 0, lost: 0 });
  });

  it('counts a claim paid by two decisions, or by itself and a decision', () => {
    const found = audit({
      ...base,
      items: [
        item('c1', 'claim', 'held', { decidedBy: 'c1-review' }),
        item('c1-review', 'reviewDecision', 'settled'),
        item('c1-review-2', 'reviewDecision', 'settled'),
        item('c2', 'claim', 'settled'),
        item('c2-review', 'reviewDecision', 'rejected'),
      ],
      ledger: [debit('c1-review', 1), debit('c2', 2), debit('c2-review', 3)],
    });
    expect(found.doublePaid).toBe(2);
  });

  it('counts held claims no decision ended, and those of them without an open review', () => {
    const items = [item('c1', 'claim', 'held'), item('c2', 'claim', 'held')];
    expect(audit({ ...base, items, ledger: [], openReviews: new Set(['c1']) })).toMatchObject({ stillHeld: 2, heldWithoutOpenReview: 1 });
    expect(audit({ ...base, items, ledger: [], openReviews: new Set(['c1', 'c2']) })).toMatchObject({
      stillHeld: 2,
      heldWithoutOpenReview: 0,
    });
  });
});
