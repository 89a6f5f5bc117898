/**
 * Claims and quotes as decisions: a settled claim changes the year accumulators and
 * the balances and is recorded for a later reversal; a quote (试算, the national
 * platform's 2206 step) runs the same rules and changes nothing.
 */
import { add, negate, ZERO } from '../core/money.ts';
import type { Change, Decision, Notification } from '../state/changes.ts';
import type { StateView } from '../state/view.ts';
import type { ClaimEvent, QuoteEvent } from '../world/events.ts';
import type { ClaimResult } from '../world/results.ts';
import { type Settlement, settleVisit } from './settle.ts';

export function decideClaim(event: ClaimEvent | QuoteEvent, view: StateView): Decision<ClaimResult> {
  const outcome = settleVisit(event, view);
  if (!outcome.settled) return { result: outcome.result, changes: [], notifications: [] };
  return claimDecision(outcome.settlement, event.type);
}

/** The changes and notifications of a settlement; a quote changes nothing. */
export function claimDecision(s: Settlement, type: 'claim' | 'quote'): Decision<ClaimResult> {
  if (type === 'quote') return { result: s.result, changes: [], notifications: [] };
  const event = s.result;

  const changes: Change[] = [];
  if (Object.keys(s.accumulatorDeltas).length > 0) {
    changes.push({ kind: 'accumulators', memberId: s.memberId, year: s.year, deltas: s.accumulatorDeltas });
  }
  for (const move of s.moves) {
    changes.push({
      kind: 'account',
      memberId: move.memberId,
      currentFen: negate(move.currentFen),
      historicalFen: negate(move.historicalFen),
      purpose: 'claim',
      floorFen: move.memberId === s.memberId ? ZERO : s.holderReserveFen,
    });
  }
  changes.push({
    kind: 'claimRecord',
    record: {
      claimId: event.id,
      memberId: s.memberId,
      visit: s.visit,
      year: s.year,
      accumulatorDeltas: s.accumulatorDeltas,
      debits: s.moves,
      payments: s.result.payments,
      reversedBy: null,
    },
  });

  const p = s.result.payments;
  const notifications: Notification[] = [
    {
      to: s.memberId,
      kind: 'claimSettled',
      eventId: event.id,
      aboutId: null,
      amountFen: add(p.ownAccountFen, p.familyAccountFen, p.cashFen),
    },
  ];
  if (p.familyHolderId) {
    notifications.push({
      to: p.familyHolderId,
      kind: 'familyAccountUsed',
      eventId: event.id,
      aboutId: s.memberId,
      amountFen: p.familyAccountFen,
    });
  }
  return { result: s.result, changes, notifications };
}
