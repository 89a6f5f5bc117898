/**
 * The port through which the engine reads state. The scenario replay implements it
 * over memory; a Lambda implements it over a snapshot read from DynamoDB. The
 * engine never writes: it returns changes (see changes.ts).
 */

import type { EventId, MemberId, PlanId, ProviderId, VisitId } from '../core/ids.ts';
import type { Fen } from '../core/money.ts';
import type { LocalDate } from '../core/time.ts';
import type { Catalog } from '../world/catalog.ts';
import type { ClaimEvent } from '../world/events.ts';
import type { Account, FamilyBinding, Member, Policy } from '../world/people.ts';
import type { Payments } from '../world/results.ts';
import type { ReviewFlag } from '../world/types.ts';

/**
 * A member's year accumulators: counter name → fen (claims/counters.ts names them),
 * absent meaning zero. The stored item itself, read-only: settlement reads it for
 * every tier of every claim, so it is not copied.
 */
export type Accumulators = Readonly<Record<string, Fen>>;

/** A visit as its provider names it (就诊ID is unique per provider only). */
export interface VisitRef {
  readonly providerId: ProviderId;
  readonly visitId: VisitId;
}

/** An inpatient stay a settled inpatient claim records, for the re-admission rule (分解住院). */
export interface InpatientStay {
  readonly providerId: ProviderId;
  readonly serviceDate: LocalDate;
}

/**
 * A claim held for review (人工审核): the claim as it arrived, kept until a reviewer
 * decides it, with the flags it raised; the decision that ended it, for the audit.
 */
export interface HeldClaim {
  readonly claim: ClaimEvent;
  readonly flags: readonly ReviewFlag[];
  /** The reviewDecision that ended the review; null while it waits. */
  readonly decidedBy: EventId | null;
}

/** What a settled claim changed, kept so that a reversal can undo exactly that. */
export interface ClaimRecord {
  readonly claimId: EventId;
  readonly memberId: MemberId;
  /** The visit the claim holds until it is reversed; null when the claim named none. */
  readonly visit: VisitRef | null;
  /** The stay an inpatient claim records (READMISSION), freed by its reversal; null for other visit types. */
  readonly stay: InpatientStay | null;
  readonly year: number;
  readonly accumulatorDeltas: Readonly<Record<string, Fen>>;
  /** Debits per account and balance, in the order they were made. */
  readonly debits: readonly AccountMove[];
  readonly payments: Payments;
  readonly reversedBy: EventId | null;
}

/** Money taken from (positive) one member's account, split by balance. */
export interface AccountMove {
  readonly memberId: MemberId;
  readonly currentFen: Fen;
  readonly historicalFen: Fen;
}

export interface StateView {
  readonly catalog: Catalog;
  member(id: MemberId): Member | undefined;
  account(id: MemberId): Account | undefined;
  /** The binding in which this person is a member (not the holder), if any. */
  bindingOf(memberId: MemberId): FamilyBinding | undefined;
  /** How many members this person's own group (as holder) has. */
  groupSize(holderId: MemberId): number;
  policy(productId: PlanId, insuredId: MemberId): Policy | undefined;
  /** Every policy the person is insured by. */
  policiesOf(insuredId: MemberId): readonly Policy[];
  /** Relatives (not self) the payer pays for from the personal account, in this product. */
  accountPaidRelatives(productId: PlanId, payerId: MemberId): number;
  accumulators(memberId: MemberId, year: number): Accumulators;
  claimRecord(claimId: EventId): ClaimRecord | undefined;
  viewerBound(ownerId: MemberId, memberId: MemberId): boolean;
  /** The settled, unreversed (or held) claim that holds this provider's visit, if any. */
  visitHolder(providerId: ProviderId, visitId: VisitId): EventId | undefined;
  /** The claim held for review under this id (waiting or decided), if any. */
  heldClaim(claimId: EventId): HeldClaim | undefined;
  /** Service dates of the member's settled, unreversed inpatient claims at this provider, by claim id. */
  inpatientStays(memberId: MemberId, providerId: ProviderId): ReadonlyMap<EventId, LocalDate>;
}
