/**
 * Real-name verification of the payer for 医保个账支付: a valid 18-digit ID number
 * with its check digit, an 11-digit mainland mobile number, and — once the ID
 * number is valid — that name and ID number are the payer's own.
 */
import { type Findings, REASON, type ReasonCode } from '../core/codes.ts';
import { sameSealed } from '../core/personal.ts';
import type { RealName } from '../world/events.ts';
import type { Member } from '../world/people.ts';

export function checkRealName(realName: RealName, payer: Member | undefined, reasons: Findings<ReasonCode>): void {
  const idValid = realName.idNumber.valid;
  if (!idValid) reasons.add(REASON.INVALID_ID_NUMBER, 'the ID number fails the GB 11643 check');
  if (!realName.phone.valid) reasons.add(REASON.INVALID_PHONE, 'the phone is not an 11-digit mainland mobile number');
  if (idValid && payer) {
    // Digests: the payer's clear name and ID number are nowhere in the system to compare with.
    const same = payer.idNumber !== null && sameSealed(payer.idNumber, realName.idNumber) && sameSealed(payer.name, realName.name);
    if (!same) reasons.add(REASON.REAL_NAME_MISMATCH, `the real-name data is not payer ${payer.id}'s`);
  }
}
