/**
 * engine → world: the proof that names a relative (亲情账户 and 家庭共济 alike): the
 * relative's name and ID number, or for a newborn without one the birth
 * certificate (certificate number, mother's name and ID number). One check for
 * both bindings, so a proof that binds a viewer binds a family member and a wrong
 * one binds neither. Compares sealed values (core/personal.ts), never clear ones.
 */
import type { Findings, ReasonCode } from '../core/codes.ts';
import { REASON } from '../core/codes.ts';
import { sameSealed } from '../core/personal.ts';
import type { RelativeProof } from './events.ts';
import type { Member } from './people.ts';

/**
 * Adds to `reasons` every way `proof` fails to name `relative` (undefined: the
 * relative is unknown, already reported by the caller): INVALID_ID_NUMBER when the
 * ID number (or the mother's) fails its GB 11643 check digit; REAL_NAME_MISMATCH
 * when a valid ID number and name, or the certificate number, are not the
 * relative's; PROOF_NOT_ALLOWED for a birth certificate of a relative who has an
 * ID number.
 *
 * @example
 * ```ts
 * const reasons = new Findings<ReasonCode>();
 * checkRelativeProof(event.proof, view.member(event.memberId), reasons);
 * ```
 */
export function checkRelativeProof(proof: RelativeProof, relative: Member | undefined, reasons: Findings<ReasonCode>): void {
  if (proof.kind === 'idNumber') {
    if (!proof.idNumber.valid) reasons.add(REASON.INVALID_ID_NUMBER, 'the proof ID number fails the GB 11643 check');
    else if (relative && !(relative.idNumber && sameSealed(relative.idNumber, proof.idNumber) && sameSealed(relative.name, proof.name))) {
      reasons.add(REASON.REAL_NAME_MISMATCH, `the name and ID number are not relative ${relative.id}'s`);
    }
    return;
  }
  if (relative?.idNumber) reasons.add(REASON.PROOF_NOT_ALLOWED, 'a birth certificate proves only a relative without an ID number');
  if (!proof.motherIdNumber.valid) reasons.add(REASON.INVALID_ID_NUMBER, 'the mother’s ID number fails the GB 11643 check');
  if (relative && !relative.idNumber && !(relative.birthCertificateNo && sameSealed(relative.birthCertificateNo, proof.certificateNo))) {
    reasons.add(REASON.REAL_NAME_MISMATCH, `the certificate number is not relative ${relative.id}'s`);
  }
}
