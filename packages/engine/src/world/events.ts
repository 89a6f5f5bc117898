/**
 * Events, as a discriminated union on `type`: what arrives from hospitals,
 * pharmacies, members and operations. Parsed and validated at the edge; the engine
 * trusts their shape and judges only their business meaning.
 */

import type { EventId, MemberId, PlanId, ProviderId, VisitId } from '../core/ids.ts';
import type { Bps, Fen } from '../core/money.ts';
import type { Sealed, SealedIdNumber, SealedPhone } from '../core/personal.ts';
import type { Instant, LocalDate } from '../core/time.ts';
import type { LineCategory, VisitType } from './types.ts';

interface EventBase {
  readonly id: EventId;
  /** When the event happened (submitted, requested), in epoch ms. */
  readonly at: Instant;
}

export interface CostLine {
  readonly code: string;
  readonly category: LineCategory;
  readonly amountFen: Fen;
  /** For `B` lines: the part the patient pays before scope (先行自付). */
  readonly selfPayBps: Bps;
  /** Used according to the label; null when the hospital did not say. */
  readonly onLabel: boolean | null;
}

export interface Visit {
  readonly memberId: MemberId;
  readonly cardHolderId: MemberId;
  readonly providerId: ProviderId;
  readonly visitType: VisitType;
  readonly serviceDate: LocalDate;
  /**
   * The provider's id of the visit (就诊ID). A settled, unreversed claim holds it at
   * its provider, so a resubmission under a new event id is DUPLICATE_VISIT; null:
   * the provider did not say, and the claim is never a duplicate.
   */
  readonly visitId: VisitId | null;
  /** The patient may opt out of paying from accounts. */
  readonly useAccount: boolean;
  readonly lines: readonly CostLine[];
}

export interface ClaimEvent extends EventBase, Visit {
  readonly type: 'claim';
}
/** Pre-settlement (试算): every rule of a claim, nothing changes. */
export interface QuoteEvent extends EventBase, Visit {
  readonly type: 'quote';
}

/** The payer's real-name data (实名信息), sealed where it entered. */
export interface RealName {
  readonly name: Sealed;
  readonly idNumber: SealedIdNumber;
  readonly phone: SealedPhone;
}

export interface EnrollEvent extends EventBase {
  readonly type: 'enroll';
  readonly productId: PlanId;
  readonly payerId: MemberId;
  readonly insuredId: MemberId;
  readonly relationship: string;
  readonly payment: 'personalAccount' | 'cash';
  readonly realName: RealName | null;
}

export interface BindFamilyEvent extends EventBase {
  readonly type: 'bindFamily';
  readonly holderId: MemberId;
  readonly memberId: MemberId;
  readonly relationship: string;
  readonly validFrom: Instant;
  readonly validTo: Instant | null;
  /** The relative's proof, checked as a viewer binding's; null: none presented (scenarios recorded before it existed). */
  readonly proof: RelativeProof | null;
}

export interface UnbindFamilyEvent extends EventBase {
  readonly type: 'unbindFamily';
  readonly holderId: MemberId;
  readonly memberId: MemberId;
}

export interface RenewalCampaignEvent extends EventBase {
  readonly type: 'renewalCampaign';
  readonly fromProductId: PlanId;
  readonly toProductId: PlanId;
}

/** 撤销结算: undo a settled claim exactly, once. */
export interface ReverseClaimEvent extends EventBase {
  readonly type: 'reverseClaim';
  readonly claimId: EventId;
}

/**
 * A reviewer's decision on a held claim (人工审核): approve, optionally without the
 * lines whose `code` is listed, or reject. An approval settles the claim on the
 * state at the decision's `at`.
 */
export interface ReviewDecisionEvent extends EventBase {
  readonly type: 'reviewDecision';
  readonly claimId: EventId;
  readonly decision: 'approve' | 'reject';
  /** Codes of the lines an approval removes (a code on no line is ignored; a rejection ignores them). */
  readonly rejectedLines: readonly string[];
}

/** How a request names a relative: name and ID number, or a newborn's birth certificate (bindViewer, bindFamily). */
export type RelativeProof =
  | { readonly kind: 'idNumber'; readonly name: Sealed; readonly idNumber: SealedIdNumber }
  | {
      readonly kind: 'birthCertificate';
      readonly certificateNo: Sealed;
      readonly motherName: Sealed;
      readonly motherIdNumber: SealedIdNumber;
    };

/** 亲情账户: display-only binding of a relative's e-voucher. */
export interface BindViewerEvent extends EventBase {
  readonly type: 'bindViewer';
  readonly ownerId: MemberId;
  readonly memberId: MemberId;
  readonly relationship: string;
  readonly proof: RelativeProof;
  readonly faceVerified: boolean;
}

export type DomainEvent =
  | ClaimEvent
  | QuoteEvent
  | EnrollEvent
  | BindFamilyEvent
  | UnbindFamilyEvent
  | RenewalCampaignEvent
  | ReverseClaimEvent
  | ReviewDecisionEvent
  | BindViewerEvent;

export type EventType = DomainEvent['type'];
