/**
 * Eligibility (step 1 of 一站式结算): the whole claim is rejected, listing every
 * reason that applies, when the member is unknown or not active, the card is not
 * the patient's own (冒名就医), the provider is not designated, or no basic plan
 * covers the member's scheme, region and year.
 */
import { Findings, REASON, type Reason, type ReasonCode } from '../core/codes.ts';
import { yearOf } from '../core/time.ts';
import type { Visit } from '../world/events.ts';
import { isActive, type Member } from '../world/people.ts';
import type { BasicPlan, Provider } from '../world/types.ts';
import type { StateView } from '../state/view.ts';

export type Eligibility =
  | { readonly eligible: true; readonly member: Member; readonly provider: Provider; readonly plan: BasicPlan }
  | { readonly eligible: false; readonly reasons: readonly Reason[] };

export function checkEligibility(visit: Visit, view: StateView): Eligibility {
  const reasons = new Findings<ReasonCode>();
  const member = view.member(visit.memberId);
  const provider = view.catalog.provider(visit.providerId);
  if (!member) reasons.add(REASON.MEMBER_NOT_FOUND, `member ${visit.memberId} is not insured here`);
  else if (!isActive(member)) reasons.add(REASON.MEMBER_NOT_ACTIVE, `member ${member.id} is ${member.status}`);
  if (visit.cardHolderId !== visit.memberId) {
    reasons.add(REASON.CREDENTIAL_MISMATCH, 'the card presented is not the patient’s own (冒名就医)');
  }
  if (!provider?.designated) {
    reasons.add(REASON.PROVIDER_NOT_DESIGNATED, `provider ${visit.providerId} is not designated (定点)`);
  }
  const plan = member && view.catalog.basicPlan(member.scheme, member.region, yearOf(visit.serviceDate));
  if (member && !plan) {
    reasons.add(
      REASON.NO_BASIC_PLAN,
      `no basic plan covers scheme ${member.scheme} in region ${member.region} for ${yearOf(visit.serviceDate)}`,
    );
  }
  if (!reasons.empty || !member || !provider || !plan) return { eligible: false, reasons: reasons.list() };
  return { eligible: true, member, provider, plan };
}
