/**
 * Eligibility (step 1 of 一站式结算): the whole claim is rejected, listing every
 * reason that applies, when the member is unknown or not active, the card is not
 * the patient's own (冒名就医), a settled, unreversed claim of the same provider
 * already holds the visit id (a visit settles once), the provider is not
 * designated, or no basic plan covers the member's scheme, region and year.
 */
import { Findings, REASON, type Reason, type ReasonCode } from '../core/codes.ts';
import { InvariantError } from '../core/errors.ts';
import { yearOf } from '../core/time.ts';
import type { StateView } from '../state/view.ts';
import type { Visit } from '../world/events.ts';
import { isActive, type Member } from '../world/people.ts';
import type { BasicPlan, Provider } from '../world/types.ts';

/** Who and what an eligible visit settles with. */
export interface VisitParties {
  readonly member: Member;
  readonly provider: Provider;
  readonly plan: BasicPlan;
}

export type Eligibility = ({ readonly eligible: true } & VisitParties) | { readonly eligible: false; readonly reasons: readonly Reason[] };

export function checkEligibility(visit: Visit, view: StateView): Eligibility {
  const reasons = new Findings<ReasonCode>();
  const member = view.member(visit.memberId);
  const provider = view.catalog.provider(visit.providerId);
  if (!member) reasons.add(REASON.MEMBER_NOT_FOUND, `member ${visit.memberId} is not insured here`);
  else if (!isActive(member)) reasons.add(REASON.MEMBER_NOT_ACTIVE, `member ${member.id} is ${member.status}`);
  if (visit.cardHolderId !== visit.memberId) {
    reasons.add(REASON.CREDENTIAL_MISMATCH, 'the card presented is not the patient’s own (冒名就医)');
  }
  const holder = visit.visitId === null ? undefined : view.visitHolder(visit.providerId, visit.visitId);
  if (holder !== undefined) {
    reasons.add(REASON.DUPLICATE_VISIT, `visit ${visit.visitId} at provider ${visit.providerId} was settled by claim ${holder}`);
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

/**
 * The parties of a visit already found eligible (a workflow's CheckEligibility
 * step decided it; the next step runs on the same snapshot): looked up, not
 * decided again.
 */
export function partiesOf(visit: Visit, view: StateView): VisitParties {
  const member = view.member(visit.memberId);
  const provider = view.catalog.provider(visit.providerId);
  const plan = member && view.catalog.basicPlan(member.scheme, member.region, yearOf(visit.serviceDate));
  if (!member || !provider || !plan)
    throw new InvariantError('the visit was settled without passing eligibility', { entity: `claims|${visit.memberId}` });
  return { member, provider, plan };
}
