/**
 * One result per event, in the contract's output shape. A discriminated union on
 * `type`; statuses per type are fixed literal sets.
 */

import type { Note, Reason } from '../core/codes.ts';
import type { EventId, MemberId, PlanId, PolicyId, ResponsibilityId } from '../core/ids.ts';
import { type Fen, ZERO } from '../core/money.ts';
import type { ReviewFlag } from './types.ts';

export interface BasicOutcome {
  readonly planId: PlanId;
  /** Σ A + Σ (B − its first self-pay): the in-scope cost (政策范围内). */
  readonly scopeFen: Fen;
  readonly firstSelfPayFen: Fen;
  /** Σ OOC: out of the catalogue, self-funded as far as the basic tier goes. */
  readonly selfFundedFen: Fen;
  readonly nonMedicalFen: Fen;
  readonly deductibleFen: Fen;
  readonly paidFen: Fen;
  readonly inPolicySelfPayFen: Fen;
}

export interface CriticalIllnessOutcome {
  readonly planId: PlanId;
  /** This claim's part of the yearly in-policy self-pay above the threshold. */
  readonly aboveThresholdFen: Fen;
  readonly paidFen: Fen;
}

export interface AssistanceOutcome {
  readonly planId: PlanId;
  readonly category: string;
  readonly baseFen: Fen;
  readonly deductibleFen: Fen;
  readonly paidFen: Fen;
}

export interface ResponsibilityOutcome {
  readonly id: ResponsibilityId;
  readonly baseFen: Fen;
  readonly deductibleFen: Fen;
  readonly paidFen: Fen;
}

export interface SupplementaryOutcome {
  readonly planId: PlanId;
  readonly policyId: PolicyId;
  readonly paidFen: Fen;
  readonly responsibilities: readonly ResponsibilityOutcome[];
}

export interface Payments {
  readonly ownAccountFen: Fen;
  readonly familyAccountFen: Fen;
  /** The holder whose account paid; null when the family account paid nothing. */
  readonly familyHolderId: MemberId | null;
  readonly cashFen: Fen;
}

interface ClaimResultBase {
  readonly id: EventId;
  readonly type: 'claim' | 'quote';
  readonly reasons: readonly Reason[];
  readonly notes: readonly Note[];
  readonly totalFen: Fen;
}

/** A claim settled, or a quote answered: the tiers ran, the accounts and cash pay the rest. */
export interface PaidClaimResult extends ClaimResultBase {
  readonly status: 'settled' | 'quoted';
  readonly basic: BasicOutcome | null;
  readonly criticalIllness: CriticalIllnessOutcome | null;
  readonly assistance: AssistanceOutcome | null;
  readonly supplementary: SupplementaryOutcome | null;
  readonly payments: Payments;
}

/** Zero fen, as a type: what a rejected claim pays from every source. */
export type ZeroFen = Fen & 0;

/** The payments of a claim that paid nothing. */
export interface NoPayments {
  readonly ownAccountFen: ZeroFen;
  readonly familyAccountFen: ZeroFen;
  readonly familyHolderId: null;
  readonly cashFen: ZeroFen;
}

/** A rejected claim or quote: no tier ran, nothing is paid (the type cannot carry a payment). */
export interface RejectedClaimResult extends ClaimResultBase {
  readonly status: 'rejected';
  readonly basic: null;
  readonly criticalIllness: null;
  readonly assistance: null;
  readonly supplementary: null;
  readonly payments: NoPayments;
}

/**
 * A claim held for review (人工审核): nothing paid, debited or accumulated until a
 * reviewDecision; it holds its visit meanwhile. Only a held result carries `flags`.
 */
export interface HeldClaimResult extends ClaimResultBase {
  readonly type: 'claim';
  readonly status: 'held';
  /** Every flag that applies, in the order of REVIEW_FLAGS. */
  readonly flags: readonly ReviewFlag[];
  readonly basic: null;
  readonly criticalIllness: null;
  readonly assistance: null;
  readonly supplementary: null;
  readonly payments: NoPayments;
}

export type ClaimResult = PaidClaimResult | RejectedClaimResult;

/**
 * A reviewer's decision, carrying the held claim's outcome: settled (the approved
 * lines, on the state at the decision) or rejected (REVIEW_REJECTED, NOT_HELD:
 * nothing paid, `totalFen` 0). The claim's own result stays `held`.
 */
export interface ReviewDecisionResult {
  readonly id: EventId;
  readonly type: 'reviewDecision';
  readonly claimId: EventId;
  readonly status: 'settled' | 'rejected';
  readonly reasons: readonly Reason[];
  readonly notes: readonly Note[];
  /** Of the lines approved; 0 when rejected. */
  readonly totalFen: Fen;
  readonly basic: BasicOutcome | null;
  readonly criticalIllness: CriticalIllnessOutcome | null;
  readonly assistance: AssistanceOutcome | null;
  readonly supplementary: SupplementaryOutcome | null;
  readonly payments: Payments;
}

export interface EnrollResult {
  readonly id: EventId;
  readonly type: 'enroll';
  readonly status: 'enrolled' | 'rejected';
  readonly reasons: readonly Reason[];
  readonly policyId: PolicyId | null;
  readonly premiumFen: Fen | null;
  readonly accountPaidFen: Fen;
}

export interface BindingResult {
  readonly id: EventId;
  readonly type: 'bindFamily' | 'bindViewer';
  readonly status: 'bound' | 'rejected';
  readonly reasons: readonly Reason[];
}

export interface UnbindResult {
  readonly id: EventId;
  readonly type: 'unbindFamily';
  readonly status: 'unbound' | 'rejected';
  readonly reasons: readonly Reason[];
}

export interface RenewalResult {
  readonly id: EventId;
  readonly type: 'renewalCampaign';
  readonly status: 'done';
  readonly renewed: number;
  readonly failed: number;
  readonly reminded: number;
  readonly skipped: number;
  /** Why renewals failed: reason code → how many policies. */
  readonly failedByReason: Readonly<Record<string, number>>;
}

export interface ReversalResult {
  readonly id: EventId;
  readonly type: 'reverseClaim';
  readonly status: 'reversed' | 'rejected';
  readonly reasons: readonly Reason[];
  readonly claimId: EventId;
  /** The claim's own payments, given back; null when rejected. */
  readonly refunds: Payments | null;
}

export type EventResult =
  | ClaimResult
  | HeldClaimResult
  | ReviewDecisionResult
  | EnrollResult
  | BindingResult
  | UnbindResult
  | RenewalResult
  | ReversalResult;

const ZERO_FEN = ZERO as ZeroFen;

export const NO_PAYMENTS: NoPayments = {
  ownAccountFen: ZERO_FEN,
  familyAccountFen: ZERO_FEN,
  familyHolderId: null,
  cashFen: ZERO_FEN,
};
