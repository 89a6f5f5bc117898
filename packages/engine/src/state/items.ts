/**
 * engine → state: the state as items, the one shape every adapter keeps it in.
 * The memory state holds every item; a snapshot holds the items one event reads;
 * the DynamoDB store keeps each item in a table under a version. The unit of
 * concurrency is the member state item: one per member, holding the personal
 * account, the member's family binding, the size of the group they hold, the
 * policies they hold and the relatives they pay for. Every event that changes a
 * member changes that one item, so checking its version at commit is what makes
 * concurrent events serializable.
 */
import { dict } from '../core/dict.ts';
import type { EventId, MemberId, ProviderId, VisitId } from '../core/ids.ts';
import type { Fen } from '../core/money.ts';
import type { LocalDate } from '../core/time.ts';
import type { Account, FamilyBinding, Member, Policy } from '../world/people.ts';
import type { ClaimRecord, HeldClaim } from './view.ts';

/** The member state item (table role `accounts`). */
export interface MemberState {
  readonly memberId: MemberId;
  readonly account: Account | null;
  /** The binding in which this member is a member of someone's family group. */
  readonly binding: FamilyBinding | null;
  /** How many members this person's own group (as holder) has. */
  readonly groupSize: number;
  /** The policies this member is insured by, by product id. */
  readonly policies: Readonly<Record<string, Policy>>;
  /** Relatives this member pays for from the personal account, by product id. */
  readonly relatives: Readonly<Record<string, number>>;
}

/** A member's settled, unreversed inpatient stays at one provider: claim id → service date (empty: none). */
export type Stays = Readonly<Record<string, LocalDate>>;

/** A member's counters of one year (name → fen; a counter at zero is absent). */
export type Counters = Readonly<Record<string, Fen>>;

/**
 * Items by key. Keys: member ids (`members`, `states`), `memberId|year`
 * (`accumulators`), claim event ids (`claims`), `ownerId|memberId` (`viewers`),
 * `providerId|visitId` (`visits`), claim event ids (`held`), `memberId|providerId`
 * (`stays`).
 * A key present with `null` (or an empty state, empty counters, `false`) was
 * looked up and is absent; a key missing was never looked up. Every record is a
 * prototype-free dict: ids such as `__proto__` are ordinary keys.
 */
export interface StateItems {
  /** Member profiles: configuration, never changed by events. */
  members: Record<string, Member | null>;
  states: Record<string, MemberState>;
  accumulators: Record<string, Counters>;
  claims: Record<string, ClaimRecord | null>;
  viewers: Record<string, boolean>;
  /**
   * Visits by provider: the claim that holds the visit (settled, not reversed), or
   * null when it is free. A claim holds its visit when recorded and a reversal frees
   * it, so a visit settles once (DUPLICATE_VISIT).
   */
  visits: Record<string, EventId | null>;
  /** Claims held for review, by claim id (a decided one keeps its decision); null: never held. */
  held: Record<string, HeldClaim | null>;
  /** Inpatient stays by member and provider, for the re-admission rule (an empty dict: none). */
  stays: Record<string, Stays>;
}

export const emptyItems = (): StateItems => ({
  members: dict(),
  states: dict(),
  accumulators: dict(),
  claims: dict(),
  viewers: dict(),
  visits: dict(),
  held: dict(),
  stays: dict(),
});

/** The state item of a member no event has touched yet. */
export const emptyMemberState = (memberId: MemberId): MemberState => ({
  memberId,
  account: null,
  binding: null,
  groupSize: 0,
  policies: dict(),
  relatives: dict(),
});

export const accumulatorsKey = (memberId: MemberId, year: number) => `${memberId}|${year}`;
export const viewerKey = (ownerId: MemberId, memberId: MemberId) => `${ownerId}|${memberId}`;
/** A visit id is unique per provider only: the same id at another provider is another visit. */
export const visitKey = (providerId: ProviderId, visitId: VisitId) => `${providerId}|${visitId}`;
/** A member's inpatient stays are kept per provider: re-admission counts at the same provider only. */
export const stayKey = (memberId: MemberId, providerId: ProviderId) => `${memberId}|${providerId}`;

/** A shallow copy: new records, the same (immutable) items. Applying changes to it leaves `items` as it was. */
export function copyItems(items: StateItems): StateItems {
  const copy = <T>(from: Record<string, T>) => Object.assign(dict<T>(), from);
  return {
    members: copy(items.members),
    states: copy(items.states),
    accumulators: copy(items.accumulators),
    claims: copy(items.claims),
    viewers: copy(items.viewers),
    visits: copy(items.visits),
    held: copy(items.held),
    stays: copy(items.stays),
  };
}
