/**
 * Family mutual aid (家庭共济) bindings. The holder is an active employee with a
 * personal account; members are active basic-insured relatives of an allowed
 * relationship in the holder's province (or city, where the region says so).
 * Every person takes part in at most one group, in either role; leaving and
 * joining another is allowed. A binding's window starts no earlier than the
 * request and ends after it starts (or stays open); it is half-open, its end
 * excluded. The holder may name the relative with a proof (name and ID number, or a
 * newborn's birth certificate), checked exactly as a viewer binding's.
 */
import { Findings, REASON, type ReasonCode } from '../core/codes.ts';
import type { MemberId } from '../core/ids.ts';
import type { Decision } from '../state/changes.ts';
import type { StateView } from '../state/view.ts';
import type { BindFamilyEvent, UnbindFamilyEvent } from '../world/events.ts';
import { type FamilyBinding, isActive, type Member } from '../world/people.ts';
import { checkRelativeProof } from '../world/relative-proof.ts';
import type { BindingResult, UnbindResult } from '../world/results.ts';

/** Whether a person already takes part in a family group, as a member or as a holder with members. */
export function inAGroup(view: StateView, id: MemberId): boolean {
  return view.bindingOf(id) !== undefined || view.groupSize(id) > 0;
}

function checkPerson(view: StateView, id: MemberId, role: string, reasons: Findings<ReasonCode>): Member | undefined {
  const person = view.member(id);
  if (!person) reasons.add(REASON.MEMBER_NOT_FOUND, `${role} ${id} is not insured here`);
  else if (!isActive(person)) reasons.add(REASON.MEMBER_NOT_ACTIVE, `${role} ${id} is ${person.status}`);
  return person;
}

export function decideBindFamily(event: BindFamilyEvent, view: StateView): Decision<BindingResult> {
  const reasons = new Findings<ReasonCode>();
  const holder = checkPerson(view, event.holderId, 'holder', reasons);
  const member = checkPerson(view, event.memberId, 'member', reasons);

  if (holder && !(holder.hasPersonalAccount && view.account(holder.id))) {
    reasons.add(REASON.NO_PERSONAL_ACCOUNT, `holder ${holder.id} has no personal account`);
  }
  const rules = holder ? view.catalog.familyAidOf(holder) : null;
  if (holder) {
    const allowed = rules?.relationships.some((r) => r === event.relationship && r !== 'self') ?? false;
    if (!allowed || event.holderId === event.memberId) {
      reasons.add(REASON.RELATIONSHIP_NOT_ALLOWED, `relationship ${event.relationship} may not share this holder's account`);
    }
  }
  if (holder && member) {
    const sameArea = rules?.sameCity
      ? member.region === holder.region
      : view.catalog.provinceOf(member.region) === view.catalog.provinceOf(holder.region);
    if (!sameArea)
      reasons.add(REASON.NOT_IN_REGION, `member ${member.id} is outside the holder's ${rules?.sameCity ? 'city' : 'province'}`);
  }
  if (inAGroup(view, event.memberId)) reasons.add(REASON.ALREADY_IN_GROUP, `member ${event.memberId} already takes part in a family group`);
  if (view.bindingOf(event.holderId)) reasons.add(REASON.ALREADY_IN_GROUP, `holder ${event.holderId} is a member of another group`);
  // The holder names the relative as for a viewer binding; a wrong proof binds nothing.
  if (event.proof) checkRelativeProof(event.proof, member, reasons);
  // Half-open [validFrom, validTo): validTo itself is outside, so it must lie after validFrom.
  if (event.validFrom < event.at || (event.validTo !== null && event.validTo <= event.validFrom)) {
    reasons.add(REASON.INVALID_WINDOW, 'validFrom must not be earlier than the request and validTo must be after validFrom');
  }

  if (!reasons.empty || !holder || !member) {
    return { result: { id: event.id, type: 'bindFamily', status: 'rejected', reasons: reasons.list() }, changes: [], notifications: [] };
  }
  const binding: FamilyBinding = {
    holderId: holder.id,
    memberId: member.id,
    relationship: event.relationship,
    validFrom: event.validFrom,
    validTo: event.validTo,
  };
  return {
    result: { id: event.id, type: 'bindFamily', status: 'bound', reasons: [] },
    changes: [{ kind: 'familyBind', binding }],
    notifications: [],
  };
}

export function decideUnbindFamily(event: UnbindFamilyEvent, view: StateView): Decision<UnbindResult> {
  const binding = view.bindingOf(event.memberId);
  if (!binding || binding.holderId !== event.holderId) {
    return {
      result: {
        id: event.id,
        type: 'unbindFamily',
        status: 'rejected',
        reasons: [{ code: REASON.NOT_BOUND, message: `member ${event.memberId} is not bound to holder ${event.holderId}` }],
      },
      changes: [],
      notifications: [],
    };
  }
  return {
    result: { id: event.id, type: 'unbindFamily', status: 'unbound', reasons: [] },
    changes: [{ kind: 'familyUnbind', holderId: event.holderId, memberId: event.memberId }],
    notifications: [],
  };
}
