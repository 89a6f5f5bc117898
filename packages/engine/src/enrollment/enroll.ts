/**
 * Enrollment in a supplementary product (惠民保投保): open to every active
 * basic-insured member of the product's region; inside the window; one policy per
 * insured per product. Paid from a personal account (医保个账支付): the payer is an
 * active employee with an account in the region, real-name verified, paying for
 * self or an allowed relative (at most N relatives), from the allowed balance.
 * Cash needs no account checks. The premium is debited once: the policy id is the
 * product and the insured, so a retry finds the policy already there.
 */

import { takeFromAccount } from '../claims/payment.ts';
import { Findings, REASON, type ReasonCode } from '../core/codes.ts';
import type { PolicyId } from '../core/ids.ts';
import { add, negate, ZERO } from '../core/money.ts';
import type { Change, Decision, MovePurpose } from '../state/changes.ts';
import type { StateView } from '../state/view.ts';
import type { EnrollEvent } from '../world/events.ts';
import { isActive, type Policy } from '../world/people.ts';
import type { EnrollResult } from '../world/results.ts';
import { checkRealName } from './real-name.ts';

export const policyIdOf = (productId: string, insuredId: string) => `${productId}:${insuredId}` as PolicyId;

export interface EnrollOptions {
  /** A renewal enrolls under the same rules, without a new real-name check. */
  readonly renewal?: boolean;
}

export function decideEnrollment(event: EnrollEvent, view: StateView, options: EnrollOptions = {}): Decision<EnrollResult> {
  const reasons = new Findings<ReasonCode>();
  const product = view.catalog.product(event.productId);
  const payer = view.member(event.payerId);
  const insured = view.member(event.insuredId);
  const byAccount = event.payment === 'personalAccount';

  if (!product) reasons.add(REASON.PRODUCT_NOT_FOUND, `no supplementary product ${event.productId}`);
  if (!insured) reasons.add(REASON.MEMBER_NOT_FOUND, `insured ${event.insuredId} is not insured here`);
  else if (!isActive(insured)) reasons.add(REASON.MEMBER_NOT_ACTIVE, `insured ${insured.id} is ${insured.status}`);
  if (!payer) reasons.add(REASON.MEMBER_NOT_FOUND, `payer ${event.payerId} is not insured here`);
  else if (byAccount && !isActive(payer)) reasons.add(REASON.MEMBER_NOT_ACTIVE, `payer ${payer.id} is ${payer.status}`);

  if (product) {
    const { opensAt, closesAt } = product.enrollment;
    if (event.at < opensAt || event.at > closesAt) {
      reasons.add(REASON.ENROLLMENT_CLOSED, `enrollment in ${product.id} is not open at that time`);
    }
    if (insured && !view.catalog.inProductRegion(product, insured.region)) {
      reasons.add(REASON.NOT_IN_REGION, `insured ${insured.id} is outside the product's region`);
    }
    if (insured && view.policy(product.id, insured.id)) {
      reasons.add(REASON.ALREADY_ENROLLED, `insured ${insured.id} already holds a policy of ${product.id}`);
    }
  }

  const rules = product?.enrollment.accountPayment ?? null;
  const account = payer?.hasPersonalAccount ? view.account(payer.id) : undefined;
  if (byAccount) {
    if (product && !rules) reasons.add(REASON.ACCOUNT_PAYMENT_NOT_ALLOWED, `${product.id} cannot be paid from a personal account`);
    if (payer && !account) reasons.add(REASON.NO_PERSONAL_ACCOUNT, `payer ${payer.id} has no personal account`);
    if (payer && product && !view.catalog.inProductRegion(product, payer.region)) {
      reasons.add(REASON.NOT_IN_REGION, `payer ${payer.id} is outside the product's region`);
    }
    const isSelf = event.payerId === event.insuredId;
    if (rules && (!rules.relationships.some((r) => r === event.relationship) || isSelf !== (event.relationship === 'self'))) {
      reasons.add(REASON.RELATIONSHIP_NOT_ALLOWED, `a payer may not pay for relationship ${event.relationship}`);
    }
    if (rules && product && !isSelf && rules.maxRelatives !== null) {
      if (view.accountPaidRelatives(product.id, event.payerId) >= rules.maxRelatives) {
        reasons.add(REASON.TOO_MANY_RELATIVES, `payer already pays for ${rules.maxRelatives} relatives`);
      }
    }
    if (!options.renewal) {
      if (event.realName) checkRealName(event.realName, payer, reasons);
      else reasons.add(REASON.REAL_NAME_MISMATCH, 'account payment needs the payer’s real-name data');
    }
    if (rules && product && account) {
      const usable = rules.balance === 'historical' ? account.historicalFen : add(account.currentFen, account.historicalFen);
      if (usable < product.premiumFen) {
        reasons.add(REASON.INSUFFICIENT_BALANCE, 'the allowed balance is below the premium; cash is possible');
      }
    }
  }

  if (!reasons.empty || !product || !insured || !payer) {
    return {
      result: {
        id: event.id,
        type: 'enroll',
        status: 'rejected',
        reasons: reasons.list(),
        policyId: null,
        premiumFen: product?.premiumFen ?? null,
        accountPaidFen: ZERO,
      },
      changes: [],
      notifications: [],
    };
  }

  const policy: Policy = {
    id: policyIdOf(product.id, insured.id),
    productId: product.id,
    insuredId: insured.id,
    payerId: payer.id,
    relationship: event.relationship,
    payment: event.payment,
  };
  const changes: Change[] = [];
  let accountPaid = ZERO;
  if (byAccount && account && rules) {
    const move = takeFromAccount(payer.id, account, product.premiumFen, ZERO, rules.balance);
    accountPaid = add(move.currentFen, move.historicalFen);
    const purpose: MovePurpose = options.renewal ? 'renewal' : 'enrollment';
    changes.push({
      kind: 'account',
      memberId: payer.id,
      currentFen: negate(move.currentFen),
      historicalFen: negate(move.historicalFen),
      purpose,
      floorFen: ZERO,
    });
  }
  changes.push({ kind: 'policy', policy });
  return {
    result: {
      id: event.id,
      type: 'enroll',
      status: 'enrolled',
      reasons: [],
      policyId: policy.id,
      premiumFen: product.premiumFen,
      accountPaidFen: accountPaid,
    },
    changes,
    notifications: [
      {
        to: payer.id,
        kind: options.renewal ? 'renewed' : 'enrolled',
        eventId: event.id,
        aboutId: insured.id === payer.id ? null : insured.id,
        amountFen: accountPaid,
      },
    ],
  };
}
