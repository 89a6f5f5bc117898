/**
 * Family viewer binding (亲情账户): display-only, moves no money, ignores regions.
 * Under 16 on the Asia/Shanghai date of the request (age from the ID number, or
 * the birth date of a newborn): bound directly; from the 16th birthday: face
 * verification. Proof by ID number, or for a newborn without one by birth
 * certificate (certificate number, mother's name and ID number).
 */
import { Findings, REASON, type ReasonCode } from '../core/codes.ts';
import { ageOn, shanghaiDate } from '../core/time.ts';
import type { Decision } from '../state/changes.ts';
import type { StateView } from '../state/view.ts';
import type { BindViewerEvent } from '../world/events.ts';
import { isActive } from '../world/people.ts';
import { checkRelativeProof } from '../world/relative-proof.ts';
import type { BindingResult } from '../world/results.ts';

const VIEWER_RELATIONSHIPS = new Set(['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild']);
export const FACE_VERIFICATION_AGE = 16;

export function decideBindViewer(event: BindViewerEvent, view: StateView): Decision<BindingResult> {
  const reasons = new Findings<ReasonCode>();
  const owner = view.member(event.ownerId);
  const relative = view.member(event.memberId);
  for (const [person, id, role] of [
    [owner, event.ownerId, 'owner'],
    [relative, event.memberId, 'relative'],
  ] as const) {
    if (!person) reasons.add(REASON.MEMBER_NOT_FOUND, `${role} ${id} is not insured here`);
    else if (!isActive(person)) reasons.add(REASON.MEMBER_NOT_ACTIVE, `${role} ${id} is ${person.status}`);
  }
  if (event.ownerId === event.memberId || !VIEWER_RELATIONSHIPS.has(event.relationship)) {
    reasons.add(REASON.RELATIONSHIP_NOT_ALLOWED, `relationship ${event.relationship} cannot be bound for viewing`);
  }

  checkRelativeProof(event.proof, relative, reasons);

  if (relative) {
    const born = relative.birthDate;
    const age = born ? ageOn(born, shanghaiDate(event.at)) : Number.POSITIVE_INFINITY;
    if (age >= FACE_VERIFICATION_AGE && !event.faceVerified) {
      reasons.add(REASON.FACE_VERIFICATION_REQUIRED, `relatives aged ${FACE_VERIFICATION_AGE} or more need face verification`);
    }
  }
  if (view.viewerBound(event.ownerId, event.memberId)) {
    reasons.add(REASON.ALREADY_BOUND, `owner ${event.ownerId} already views ${event.memberId}`);
  }

  if (!reasons.empty) {
    return { result: { id: event.id, type: 'bindViewer', status: 'rejected', reasons: reasons.list() }, changes: [], notifications: [] };
  }
  return {
    result: { id: event.id, type: 'bindViewer', status: 'bound', reasons: [] },
    changes: [{ kind: 'viewerBind', ownerId: event.ownerId, memberId: event.memberId }],
    notifications: [],
  };
}
