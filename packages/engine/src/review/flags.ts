/**
 * Review flags (人工审核): which of the world's review rules a claim that passed
 * eligibility raises. Judged once, when the claim arrives, on the claims settled by
 * then; a flagged claim is held (hold.ts) until a reviewer decides it.
 */

import type { VisitParties } from '../claims/eligibility.ts';
import { splitLines } from '../claims/lines.ts';
import { coveringPolicy } from '../claims/settle.ts';
import { specialDrugCounts } from '../claims/supplementary.ts';
import { daysBetween } from '../core/time.ts';
import type { StateView } from '../state/view.ts';
import type { ClaimEvent } from '../world/events.ts';
import type { Provider, ReviewFlag, ReviewRules } from '../world/types.ts';
import { sampleBucket } from './sample.ts';

/**
 * Every flag the claim raises, in the contract's order (SAMPLED, HIGH_VALUE,
 * SPECIAL_DRUG, READMISSION); empty when the world has no review rules. Quotes are
 * never flagged: only a claim is held.
 *
 * @example
 * ```ts
 * const flags = reviewFlags(claim, eligibility, view);
 * if (flags.length > 0) return holdClaim(claim, flags);
 * ```
 */
export function reviewFlags(claim: ClaimEvent, parties: VisitParties, view: StateView): ReviewFlag[] {
  const rules = view.catalog.review;
  if (!rules) return [];
  const flags: ReviewFlag[] = [];
  if (rules.sampleBelow !== null && sampleBucket(claim.id) < rules.sampleBelow) flags.push('SAMPLED');
  if (rules.valueAtLeastFen !== null && splitLines(claim.lines).totalFen >= rules.valueAtLeastFen) flags.push('HIGH_VALUE');
  if (rules.specialDrugsNeedApproval && hasSpecialDrug(claim, parties.provider, view)) flags.push('SPECIAL_DRUG');
  if (isReadmission(claim, rules, view)) flags.push('READMISSION');
  return flags;
}

/**
 * 特药先审后付: the policy the supplementary tier would use (the first whose product
 * covers the service date) has a specialDrug responsibility for this visit type that
 * would count one of the claim's lines, whether or not an earlier responsibility
 * would take the line first.
 */
function hasSpecialDrug(claim: ClaimEvent, provider: Provider, view: StateView): boolean {
  const cover = coveringPolicy(claim, view);
  if (!cover) return false;
  const inRegion = view.catalog.inProductRegion(cover.product, provider.region);
  return cover.product.responsibilities.some(
    (r) =>
      r.kind === 'specialDrug' &&
      r.visitTypes.includes(claim.visitType) &&
      claim.lines.some((line) => specialDrugCounts(r, line, provider, inRegion)),
  );
}

/**
 * 分解住院: an inpatient claim 1 to `readmissionDays` days (by service date) after a
 * settled, unreversed inpatient claim of the same member at the same provider. A
 * held claim is no stay until approved (only settled claims record one).
 */
function isReadmission(claim: ClaimEvent, rules: ReviewRules, view: StateView): boolean {
  const days = rules.readmissionDays;
  if (days === null || claim.visitType !== 'inpatient') return false;
  for (const earlier of view.inpatientStays(claim.memberId, claim.providerId).values()) {
    const gap = daysBetween(earlier, claim.serviceDate);
    if (gap >= 1 && gap <= days) return true;
  }
  return false;
}
