/**
 * Members, their personal accounts, family bindings and policies: the state
 * events read and change.
 */

import type { MemberId, PlanId, PolicyId, RegionCode } from '../core/ids.ts';
import type { Fen } from '../core/money.ts';
import type { Sealed } from '../core/personal.ts';
import type { Instant, LocalDate } from '../core/time.ts';
import type { Scheme } from './types.ts';

export interface Member {
  readonly id: MemberId;
  /** Sealed (core/personal.ts): the rules compare digests; displays use the masked form. */
  readonly name: Sealed;
  /** Absent for a newborn who has no ID number yet. */
  readonly idNumber: Sealed | null;
  readonly phone: Sealed | null;
  /** The birth date the ID number carries (read at the seal), else the one registered for a newborn. */
  readonly birthDate: LocalDate | null;
  readonly birthCertificateNo: Sealed | null;
  readonly scheme: Scheme;
  readonly region: RegionCode;
  /** Only `active` members are insured; anything else (suspended, transferred…) is not. */
  readonly status: string;
  readonly retired: boolean;
  readonly assistanceCategory: string | null;
  /** The member authorised yearly auto-renewal of the policies they pay for from their account. */
  readonly autoRenew: boolean;
  /** Only employee members have a personal account. */
  readonly hasPersonalAccount: boolean;
}

/** A personal account (个人账户): this year's balance and the accumulated historical one. */
export interface Account {
  readonly currentFen: Fen;
  readonly historicalFen: Fen;
}

/** One member's participation in a holder's family group (家庭共济). */
export interface FamilyBinding {
  readonly holderId: MemberId;
  readonly memberId: MemberId;
  readonly relationship: string;
  readonly validFrom: Instant;
  /** Exclusive end (the window is half-open: 终止时间不得与开始时间重复); null: open. */
  readonly validTo: Instant | null;
}

export interface Policy {
  readonly id: PolicyId;
  readonly productId: PlanId;
  readonly insuredId: MemberId;
  readonly payerId: MemberId;
  readonly relationship: string;
  readonly payment: 'personalAccount' | 'cash';
}

export const isActive = (m: Member): boolean => m.status === 'active';
