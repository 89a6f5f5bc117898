/**
 * Reversal (撤销结算, 2208): undoes exactly what a settled claim changed — its own
 * contributions to every accumulator, and every debit credited back to the balance
 * it came from (current or historical, patient or holder, even if the family
 * binding has ended since), and the visit it held is freed for the corrected bill.
 * Later claims are not re-settled. Once per claim.
 */
import { REASON } from '../core/codes.ts';
import { dict } from '../core/dict.ts';
import { type Fen, negate, ZERO } from '../core/money.ts';
import type { Change, Decision, Notification } from '../state/changes.ts';
import type { StateView } from '../state/view.ts';
import type { ReverseClaimEvent } from '../world/events.ts';
import type { ReversalResult } from '../world/results.ts';

export function decideReversal(event: ReverseClaimEvent, view: StateView): Decision<ReversalResult> {
  const record = view.claimRecord(event.claimId);
  const rejected = (code: typeof REASON.CLAIM_NOT_FOUND | typeof REASON.ALREADY_REVERSED, message: string) => ({
    result: {
      id: event.id,
      type: 'reverseClaim' as const,
      status: 'rejected' as const,
      reasons: [{ code, message }],
      claimId: event.claimId,
      refunds: null,
    },
    changes: [],
    notifications: [],
  });
  if (!record) return rejected(REASON.CLAIM_NOT_FOUND, `no settled claim has id ${event.claimId}`);
  if (record.reversedBy) return rejected(REASON.ALREADY_REVERSED, `claim ${event.claimId} was reversed by ${record.reversedBy}`);

  const changes: Change[] = [];
  const deltas = dict<Fen>();
  for (const [k, v] of Object.entries(record.accumulatorDeltas)) deltas[k] = negate(v);
  if (Object.keys(deltas).length > 0) {
    changes.push({ kind: 'accumulators', memberId: record.memberId, year: record.year, deltas });
  }
  for (const debit of record.debits) {
    changes.push({
      kind: 'account',
      memberId: debit.memberId,
      currentFen: debit.currentFen,
      historicalFen: debit.historicalFen,
      purpose: 'reversal',
      floorFen: ZERO,
    });
  }
  changes.push({ kind: 'claimReversed', claimId: record.claimId, reversalId: event.id });

  const notifications: Notification[] = [
    { to: record.memberId, kind: 'claimReversed', eventId: event.id, aboutId: null, amountFen: record.payments.ownAccountFen },
  ];
  if (record.payments.familyHolderId) {
    notifications.push({
      to: record.payments.familyHolderId,
      kind: 'familyAccountRefunded',
      eventId: event.id,
      aboutId: record.memberId,
      amountFen: record.payments.familyAccountFen,
    });
  }
  return {
    result: {
      id: event.id,
      type: 'reverseClaim',
      status: 'reversed',
      reasons: [],
      claimId: event.claimId,
      refunds: record.payments,
    },
    changes,
    notifications,
  };
}
