/**
 * A reviewer's decision on a held claim (人工审核): `approve` settles the claim,
 * without the lines the reviewer rejected, on the state at the decision's `at`
 * (accumulators, balances and bindings as they are then), through the same
 * settlement as any claim; `reject` ends it with REVIEW_REJECTED and frees its
 * visit. A claim that is not held (unknown, settled, rejected, decided before) is
 * NOT_HELD and nothing changes. The claim's own result stays `held`.
 */

import { claimDecision } from '../claims/decide-claim.ts';
import { checkEligibility } from '../claims/eligibility.ts';
import { settleRemainder, settleTiers } from '../claims/settle.ts';
import { REASON, type Reason, type ReasonCode } from '../core/codes.ts';
import { ZERO } from '../core/money.ts';
import type { Change, Decision } from '../state/changes.ts';
import type { StateView } from '../state/view.ts';
import type { ClaimEvent, ReviewDecisionEvent } from '../world/events.ts';
import { NO_PAYMENTS, type ReviewDecisionResult } from '../world/results.ts';

/**
 * Decides a reviewDecision event.
 *
 * @example
 * ```ts
 * const d = decideReview({ type: 'reviewDecision', id, at, claimId, decision: 'approve', rejectedLines: ['SD01'] }, view);
 * d.result.status; // 'settled': the claim without its SD01 lines, settled at `at`
 * ```
 */
export function decideReview(event: ReviewDecisionEvent, view: StateView): Decision<ReviewDecisionResult> {
  const held = view.heldClaim(event.claimId);
  if (!held || held.decidedBy) {
    const why = held ? `claim ${event.claimId} was decided by ${held.decidedBy}` : `claim ${event.claimId} is not held for review`;
    return { result: rejected(event, [{ code: REASON.NOT_HELD, message: why }]), changes: [], notifications: [] };
  }
  // Recorded first: it frees the visit, which an approval's claim record takes again.
  const decided: Change = { kind: 'reviewDecided', claimId: event.claimId, decisionId: event.id };
  if (event.decision === 'reject') {
    const reasons = [{ code: REASON.REVIEW_REJECTED, message: `the reviewer rejected claim ${event.claimId}` }];
    return { result: rejected(event, reasons), changes: [decided], notifications: [] };
  }

  const removed = new Set(event.rejectedLines);
  const claim: ClaimEvent = { ...held.claim, at: event.at, lines: held.claim.lines.filter((line) => !removed.has(line.code)) };
  // Eligibility is judged again at the decision (the catalog may have changed under a stored claim); the
  // visit is the claim's own, so it is left out of the duplicate check. In a scenario this always passes.
  const eligibility = checkEligibility({ ...claim, visitId: null }, view);
  if (!eligibility.eligible) return { result: rejected(event, eligibility.reasons), changes: [decided], notifications: [] };

  const settled = claimDecision(settleRemainder(claim, settleTiers(claim, eligibility, view), view), 'claim');
  const r = settled.result;
  return {
    result: {
      id: event.id,
      type: 'reviewDecision',
      claimId: event.claimId,
      status: 'settled',
      reasons: [],
      notes: r.notes,
      totalFen: r.totalFen,
      basic: r.basic,
      criticalIllness: r.criticalIllness,
      assistance: r.assistance,
      supplementary: r.supplementary,
      payments: r.payments,
    },
    changes: [decided, ...settled.changes],
    // Owed by the decision's commit: the outbox names the event that sent them.
    notifications: settled.notifications.map((n) => ({ ...n, eventId: event.id })),
  };
}

function rejected(event: ReviewDecisionEvent, reasons: readonly Reason[]): ReviewDecisionResult {
  return {
    id: event.id,
    type: 'reviewDecision',
    claimId: event.claimId,
    status: 'rejected',
    reasons: reasons as { code: ReasonCode; message: string }[],
    notes: [],
    totalFen: ZERO,
    basic: null,
    criticalIllness: null,
    assistance: null,
    supplementary: null,
    payments: NO_PAYMENTS,
  };
}
