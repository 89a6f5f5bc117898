/**
 * Holding a flagged claim (人工审核): nothing is paid, debited or accumulated; the
 * claim is kept as it arrived, with its flags, and holds its visit like a settled
 * claim until a reviewer decides it (decide-review.ts).
 */

import { splitLines } from '../claims/lines.ts';
import type { Decision } from '../state/changes.ts';
import type { ClaimEvent } from '../world/events.ts';
import { type HeldClaimResult, NO_PAYMENTS } from '../world/results.ts';
import type { ReviewFlag } from '../world/types.ts';

/**
 * The decision for a claim that raised `flags`: answered `held`, with no reasons,
 * no notes, the claim's total, null tiers and zero payments.
 * @example holdClaim(claim, ['HIGH_VALUE']).result.status // 'held'
 */
export function holdClaim(claim: ClaimEvent, flags: readonly ReviewFlag[]): Decision<HeldClaimResult> {
  return {
    result: {
      id: claim.id,
      type: 'claim',
      status: 'held',
      flags: [...flags],
      reasons: [],
      notes: [],
      totalFen: splitLines(claim.lines).totalFen,
      basic: null,
      criticalIllness: null,
      assistance: null,
      supplementary: null,
      payments: NO_PAYMENTS,
    },
    changes: [{ kind: 'claimHeld', held: { claim, flags: [...flags], decidedBy: null } }],
    notifications: [],
  };
}
