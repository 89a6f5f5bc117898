/**
 * Payment of what the tiers left (personal-borne): the patient's own personal
 * account first (current balance, then historical: 先用本人个人账户), then the
 * family holder's account within the region's rules (binding window at the claim's
 * time, holder still able to pay, the reserve untouched; one-way), then cash.
 * Non-medical lines are never paid from an account.
 */

import { Findings, NOTE, type Note, type NoteCode } from '../core/codes.ts';
import type { MemberId } from '../core/ids.ts';
import { add, type Fen, min, over, sub, ZERO } from '../core/money.ts';
import type { Instant } from '../core/time.ts';
import type { AccountMove, StateView } from '../state/view.ts';
import { type Account, type FamilyBinding, isActive, type Member } from '../world/people.ts';
import type { Payments } from '../world/results.ts';

export interface PaymentInput {
  readonly patient: Member;
  readonly at: Instant;
  readonly useAccount: boolean;
  readonly personalBorneFen: Fen;
  readonly nonMedicalFen: Fen;
}

export interface PaymentPlan {
  readonly payments: Payments;
  /** The own-account debit first, then the holder's. */
  readonly moves: readonly AccountMove[];
  /** The holder's reserve, for the commit's guard. */
  readonly holderReserveFen: Fen;
  readonly notes: readonly Note[];
}

/** Takes up to `amount` from an account, current balance first, never below `floor` in total. */
export function takeFromAccount(
  memberId: MemberId,
  account: Account,
  amount: Fen,
  floor: Fen = ZERO,
  balances: 'any' | 'historical' = 'any',
): AccountMove {
  const usableTotal = balances === 'any' ? add(account.currentFen, account.historicalFen) : account.historicalFen;
  const want = min(amount, over(usableTotal, floor));
  const fromCurrent = balances === 'any' ? min(want, account.currentFen) : ZERO;
  return { memberId, currentFen: fromCurrent, historicalFen: sub(want, fromCurrent) };
}

const moveTotal = (m: AccountMove): Fen => add(m.currentFen, m.historicalFen);

/**
 * Whether the binding's window contains `at`: half-open, `validFrom` included and
 * `validTo` excluded (终止时间不得与开始时间重复: one binding's end may be the next
 * one's start without both paying at that instant); open when `validTo` is null.
 *
 * @example bindingInWindow({ ...binding, validTo: t }, t) // false: the end itself is outside
 */
export function bindingInWindow(binding: FamilyBinding, at: Instant): boolean {
  return binding.validFrom <= at && (binding.validTo === null || at < binding.validTo);
}

export function planPayment(input: PaymentInput, view: StateView): PaymentPlan {
  const notes = new Findings<NoteCode>();
  const moves: AccountMove[] = [];
  let payable = input.useAccount ? over(input.personalBorneFen, input.nonMedicalFen) : ZERO;

  let own = ZERO;
  const ownAccount = input.patient.hasPersonalAccount ? view.account(input.patient.id) : undefined;
  if (ownAccount && payable > 0) {
    const move = takeFromAccount(input.patient.id, ownAccount, payable);
    own = moveTotal(move);
    payable = sub(payable, own);
    if (own > 0) moves.push(move);
  }

  let family = ZERO;
  let holderId: MemberId | null = null;
  let reserve = ZERO;
  const binding = view.bindingOf(input.patient.id);
  if (binding && payable > 0) {
    const holder = view.member(binding.holderId);
    const holderAccount = holder?.hasPersonalAccount ? view.account(holder.id) : undefined;
    const inWindow = bindingInWindow(binding, input.at);
    if (!inWindow) notes.add(NOTE.FAMILY_BINDING_NOT_IN_WINDOW, 'the family binding is outside its window at the claim time');
    if (!holder || !isActive(holder) || !holderAccount) {
      notes.add(NOTE.FAMILY_HOLDER_NOT_ACTIVE, `family holder ${binding.holderId} can no longer pay`);
    }
    if (inWindow && holder && isActive(holder) && holderAccount) {
      reserve = view.catalog.familyAidOf(holder)?.reserveFen ?? ZERO;
      const move = takeFromAccount(holder.id, holderAccount, payable, reserve);
      family = moveTotal(move);
      if (family > 0) {
        moves.push(move);
        holderId = holder.id;
      }
    }
  }

  const cash = sub(sub(input.personalBorneFen, own), family);
  return {
    payments: { ownAccountFen: own, familyAccountFen: family, familyHolderId: holderId, cashFen: cash },
    moves,
    holderReserveFen: reserve,
    notes: notes.list(),
  };
}
