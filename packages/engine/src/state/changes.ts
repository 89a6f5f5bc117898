/**
 * What applying an event changes, as data. The engine decides; an adapter applies:
 * the in-memory replay mutates maps, the DynamoDB store turns the same list into
 * one TransactWriteItems conditioned on the versions it read. Nothing else moves
 * money.
 */

import type { EventId, MemberId } from '../core/ids.ts';
import type { Fen } from '../core/money.ts';
import type { FamilyBinding, Policy } from '../world/people.ts';
import type { EventResult } from '../world/results.ts';
import type { ClaimRecord, HeldClaim } from './view.ts';

/** Why money moved, recorded in the ledger. */
export type MovePurpose = 'claim' | 'enrollment' | 'renewal' | 'reversal';

export type Change =
  /** Balance deltas of one account: negative debits, positive credits (a reversal). */
  | {
      readonly kind: 'account';
      readonly memberId: MemberId;
      readonly currentFen: Fen;
      readonly historicalFen: Fen;
      readonly purpose: MovePurpose;
      /** For family aid: the holder's reserve the balance may not go below. */
      readonly floorFen: Fen;
    }
  | {
      readonly kind: 'accumulators';
      readonly memberId: MemberId;
      readonly year: number;
      readonly deltas: Readonly<Record<string, Fen>>;
    }
  | { readonly kind: 'claimRecord'; readonly record: ClaimRecord }
  | { readonly kind: 'claimReversed'; readonly claimId: EventId; readonly reversalId: EventId }
  /** A claim held for review: recorded once, and it takes its visit like a settled claim. */
  | { readonly kind: 'claimHeld'; readonly held: HeldClaim }
  /** A reviewer decided a held claim: it is held no more and frees its visit (an approval's claimRecord takes it again). */
  | { readonly kind: 'reviewDecided'; readonly claimId: EventId; readonly decisionId: EventId }
  | { readonly kind: 'policy'; readonly policy: Policy }
  | { readonly kind: 'familyBind'; readonly binding: FamilyBinding }
  | { readonly kind: 'familyUnbind'; readonly holderId: MemberId; readonly memberId: MemberId }
  | { readonly kind: 'viewerBind'; readonly ownerId: MemberId; readonly memberId: MemberId };

export type NotificationKind =
  | 'claimSettled'
  | 'familyAccountUsed'
  | 'claimReversed'
  | 'familyAccountRefunded'
  | 'enrolled'
  | 'renewed'
  | 'renewalReminder';

/** A message owed to a member; composed and masked by the notification sender. */
export interface Notification {
  readonly to: MemberId;
  readonly kind: NotificationKind;
  readonly eventId: EventId;
  /** The patient or insured the message is about, when not the recipient. */
  readonly aboutId: MemberId | null;
  readonly amountFen: Fen;
}

/** The engine's answer to one event: the result, and what must change for it, atomically. */
export interface Decision<R extends EventResult = EventResult> {
  readonly result: R;
  readonly changes: readonly Change[];
  readonly notifications: readonly Notification[];
}
