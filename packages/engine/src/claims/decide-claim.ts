/**
 * Claims and quotes as decisions: a settled claim changes the year accumulators and
 * the balances and is recorded for a later reversal; a quote (试算, the national
 * platform's 2206 step) runs the same rules and changes nothing.
 */
import { add, negate, ZERO } from '../core/money.ts';
import { reviewFlags } from '../review/flags.ts';
import { holdClaim } from '../review/hold.ts';
import type { Change, Decision, Notification } from '../state/changes.ts';
import type { StateView } from '../state/view.ts';
import type { ClaimEvent, QuoteEvent } from '../world/events.ts';
import type { ClaimResult, HeldClaimResult } from '../world/results.ts';
import { checkEligibility } from './eligibility.ts';
import { rejectedClaim, type Settlement, settleRemainder, settleTiers } from './settle.ts';

/**
 * A claim or quote: eligibility, then — for a claim that raises a review flag —
 * held for a reviewer (nothing settles), else the tiers and the payment.
 */
export function decideClaim(event: ClaimEvent | QuoteEvent, view: StateView): Decision<ClaimResult | HeldClaimResult> {
  const eligibility = checkEligibility(event, view);
  if (!eligibility.eligible) return { result: rejectedClaim(event, eligibility.reasons), changes: [], notifications: [] };
  if (event.type === 'claim') {
    const flags = reviewFlags(event, eligibility, view);
    if (flags.length > 0) return holdClaim(event, flags);
  }
  return claimDecision(settleRemainder(event, settleTiers(event, eligibility, view), view), event.type);
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
      stay: s.stay,
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
