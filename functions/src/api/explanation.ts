/**
 * functions → api: a settled claim's explanation of benefits (EOB) in the API's own
 * JSON — the visit as received, each line with its in-scope part, what each tier
 * paid and how the patient paid the rest. Pure: the engine's result and the
 * engine's `splitLines`, nothing recomputed.
 */
import type { ClaimEvent, Member, PaidClaimResult } from '@medins/engine';
import { splitLines } from '@medins/engine';

/** A settled claim's EOB as `GET /claims/{claimId}/eob` answers it. */
export interface Explanation {
  readonly claimId: string;
  /** `reversed` once a reversal undid it (its payments were given back). */
  readonly status: 'settled' | 'reversed';
  readonly reversedBy: string | null;
  readonly memberId: string;
  readonly providerId: string;
  readonly visitType: string;
  readonly serviceDate: string;
  readonly visitId: string | null;
  readonly lines: readonly { code: string; category: string; amountFen: number; eligibleFen: number }[];
  readonly totalFen: number;
  readonly basic: PaidClaimResult['basic'];
  readonly criticalIllness: PaidClaimResult['criticalIllness'];
  readonly assistance: PaidClaimResult['assistance'];
  readonly supplementary: PaidClaimResult['supplementary'];
  readonly payments: PaidClaimResult['payments'];
  readonly notes: PaidClaimResult['notes'];
}

/** The EOB of a settled claim (ids as stored). */
export function explanationOf(claim: ClaimEvent, result: PaidClaimResult, reversedBy: string | null): Explanation {
  return {
    claimId: claim.id,
    status: reversedBy ? 'reversed' : 'settled',
    reversedBy,
    memberId: claim.memberId,
    providerId: claim.providerId,
    visitType: claim.visitType,
    serviceDate: claim.serviceDate,
    visitId: claim.visitId,
    lines: claim.lines.map((l) => ({ code: l.code, category: l.category, amountFen: l.amountFen, eligibleFen: splitLines([l]).scopeFen })),
    totalFen: result.totalFen,
    basic: result.basic,
    criticalIllness: result.criticalIllness,
    assistance: result.assistance,
    supplementary: result.supplementary,
    payments: result.payments,
    notes: result.notes,
  };
}

/**
 * How a member is shown outside the platform (FHIR `patient.display`): the masked
 * name, never the clear one; null without a profile. The one place to change when
 * the profile keeps only masked forms.
 */
export const memberDisplayOf = (member: Member | null): string | null => (member ? member.name.masked : null);
