/**
 * store → items: how the engine's items (packages/engine/src/state/items.ts) sit
 * in the tables. The member state item (table role `accounts`) is the unit of
 * concurrency: every event that changes a member changes that one item, under its
 * version, so checking the version read at commit makes concurrent events
 * serializable.
 */
import { type Catalog, emptyMemberState, type Member, type MemberState, type Notification } from '@medins/engine';
import type { OwedNotification } from './ports.ts';
import type { TableRole } from './tables.ts';

/** A reference to one item: its table role, its key, and a stable id used in maps and logs. */
export interface ItemRef {
  readonly role: TableRole;
  readonly key: Readonly<Record<string, string | number>>;
  readonly id: string;
}

export const ref = {
  member: (memberId: string): ItemRef => ({ role: 'members', key: { memberId }, id: `members|${memberId}` }),
  /**
   * The member state item. A member's accumulators of every year live on it too
   * (`yearAttribute`): a claim changes both, so one item is one write under one
   * version instead of two.
   */
  state: (memberId: string): ItemRef => ({ role: 'accounts', key: { memberId }, id: `accounts|${memberId}` }),
  event: (eventId: string): ItemRef => ({ role: 'events', key: { eventId }, id: `events|${eventId}` }),
  viewer: (ownerId: string, memberId: string): ItemRef => ({
    role: 'bindings',
    key: { pk: ownerId, sk: `viewer|${memberId}` },
    id: `bindings|${ownerId}|viewer|${memberId}`,
  }),
  /**
   * A provider's visit (就诊ID) in the bindings table, beside the viewer bindings: the
   * commit that settles a claim already writes there under the same permissions, and
   * the item is what makes two racing submissions of one visit settle once. Its
   * partition key holds a `|` that no member id can (the contract's id rule), so it
   * never meets a viewer binding's (`<ownerId>`, `viewer|<memberId>`); the id is
   * `role|pk|sk`, as the viewer's.
   */
  visit: (providerId: string, visitId: string): ItemRef => ({
    role: 'bindings',
    key: { pk: `visit|${providerId}`, sk: `visit|${visitId}` },
    id: `bindings|visit|${providerId}|visit|${visitId}`,
  }),
  /**
   * A member's settled, unreversed inpatient stays at one provider (the re-admission
   * rule, 分解住院), in the bindings table beside the visits and for the same reasons:
   * the claim's commit already writes there; `stay|` keeps it apart from both.
   */
  stay: (memberId: string, providerId: string): ItemRef => ({
    role: 'bindings',
    key: { pk: `stay|${memberId}`, sk: `stay|${providerId}` },
    id: `bindings|stay|${memberId}|stay|${providerId}`,
  }),
  policy: (productId: string, insuredId: string): ItemRef => ({
    role: 'policies',
    key: { productId, sk: `insured|${insuredId}` },
    id: `policies|${productId}|${insuredId}`,
  }),
  catalog: (pk: string): ItemRef => ({ role: 'catalog', key: { pk }, id: `catalog|${pk}` }),
};

/** The attribute of the member state item that holds a year's accumulators (counter → fen; a counter at zero is absent). */
export const yearAttribute = (year: number) => `accumulators_${year}`;

/**
 * The member state item as stored: the engine's item under its version (0: never
 * written), and beside it the member's accumulators, one attribute per year
 * (`yearAttribute`), written by the same commits under the same version.
 */
export type StoredMemberState = MemberState & { readonly version: number } & {
  readonly [year: `accumulators_${number}`]: Readonly<Record<string, number>> | undefined;
};

/**
 * A visit of a provider: `claimId` names the settled, unreversed claim that holds it
 * (absent: free again after a reversal). Never deleted: its version only grows, so
 * the versions events read and wrote order them (serial-order.ts).
 */
export interface VisitItem {
  readonly pk: string;
  readonly sk: string;
  readonly providerId: string;
  readonly visitId: string;
  readonly claimId?: string;
  readonly version: number;
}

/** A member's inpatient stays at one provider: claim id → service date; never deleted, its version only grows. */
export interface StayItem {
  readonly pk: string;
  readonly sk: string;
  readonly memberId: string;
  readonly providerId: string;
  readonly stays: Readonly<Record<string, string>>;
  readonly version: number;
}

/** One applied event: its outcome, and for a settled claim what a reversal must undo. */
export interface EventItem {
  readonly eventId: string;
  readonly type: string;
  readonly status: string;
  /** The contract result, JSON. */
  readonly result: string;
  /** The event as received (contract JSON), for audit, redrive and the commit-order export. */
  readonly event: string | null;
  /** The claim record (ClaimRecord JSON) of a settled claim. */
  readonly record: string | null;
  /** Set once, by the reversal (absent until then: the reversal's condition is `attribute_not_exists`). */
  readonly reversedBy?: string;
  /** A claim held for review: the engine's HeldClaim JSON without `decidedBy` (人工审核). */
  readonly held?: string;
  /** Set once, by the reviewDecision that ended the review. */
  readonly decidedBy?: string;
  /** The claim record an approval wrote (ClaimRecord JSON): what a reversal of the claim undoes. */
  readonly approvedRecord?: string;
  /** Commit time in microseconds since the epoch (wall clock: a tie-breaker, not the serial order). */
  readonly committedAt: number;
  /**
   * The versions of the items this event was decided on (item id → version; 0 = absent),
   * validated by its commit, and the versions its commit produced. Together they place
   * the event in the serial order the concurrent commits are equivalent to (see
   * `serialOrder`).
   */
  readonly reads?: Readonly<Record<string, number>>;
  readonly writes?: Readonly<Record<string, number>>;
  /** The catalog version the event was decided on (absent on items written before catalogs had versions). */
  readonly catalogVersion?: number;
  /** What the event owes (absent or empty: nothing); a redelivery publishes these again under the same ids. */
  readonly notifications?: readonly OwedNotification[];
  /**
   * The event's movements on personal accounts, in order (absent or empty: none): the
   * ledger. Kept on the outcome item the commit writes anyway, not as an item per
   * movement, which would double a claim's writes for what the outcome already says.
   */
  readonly ledger?: readonly LedgerLine[];
}

/** One movement on a personal account as the outcome item keeps it (the engine's LedgerEntry). */
export interface LedgerLine {
  readonly memberId: string;
  readonly purpose: string;
  /** Deltas: negative debits, positive credits. */
  readonly currentFen: number;
  readonly historicalFen: number;
  /** Current plus historical balance after the movement. */
  readonly balanceAfterFen: number;
}

/** A ledger entry as readers see it: a line of an event's outcome, named by the event and its place. */
export interface LedgerItem extends LedgerLine {
  /** `<committedAt>|<eventId>|<n>`: sorts by commit. */
  readonly entryId: string;
  readonly eventId: string;
}

/** The ledger entries of one applied event, from its outcome item. */
export function ledgerOf(item: EventItem): LedgerItem[] {
  return (item.ledger ?? []).map((line, n) => ({ ...line, entryId: `${item.committedAt}|${item.eventId}|${n}`, eventId: item.eventId }));
}

/**
 * The engine's member state from the stored item (without its version and its years'
 * accumulators). An item a claim created for a member's accumulators alone holds no
 * state: it reads as the empty state, as an absent item does.
 */
export function memberStateOf(stored: StoredMemberState): MemberState {
  const empty = emptyMemberState(stored.memberId);
  return {
    memberId: stored.memberId,
    account: stored.account ?? empty.account,
    binding: stored.binding ?? empty.binding,
    groupSize: stored.groupSize ?? empty.groupSize,
    policies: stored.policies ?? empty.policies,
    relatives: stored.relatives ?? empty.relatives,
  };
}

/** The years' accumulators a stored member state item holds: year → counters (empty counters included). */
export function accumulatorsOf(stored: StoredMemberState): Map<number, Readonly<Record<string, number>>> {
  const years = new Map<number, Readonly<Record<string, number>>>();
  for (const [attribute, value] of Object.entries(stored)) {
    const year = /^accumulators_(\d+)$/.exec(attribute)?.[1];
    if (year !== undefined && value) years.set(Number(year), value as Record<string, number>);
  }
  return years;
}

/**
 * The notification an event owes, as its commit records it (on the event's outcome
 * item) and returns it. Its id, `<eventId>|<recipient>|<kind>`, is what the SMS
 * provider deduplicates on: the same message of the same event is never a second
 * message, however often it is published. `recipient` is the profile the snapshot
 * read (a claim's patient and family holder, an enrollment's payer and insured, a
 * reversal's debited members); masked only.
 */
export function owedNotificationOf(n: Notification, recipient: Member | null | undefined): OwedNotification {
  return {
    notificationId: `${n.eventId}|${n.to}|${n.kind}`,
    eventId: n.eventId,
    to: n.to,
    kind: n.kind,
    aboutId: n.aboutId,
    amountFen: n.amountFen,
    maskedRecipient: recipient ? recipient.name.masked : '*',
    maskedPhone: recipient?.phone ? recipient.phone.masked : null,
  };
}

/** Member profiles are static configuration (changed by administration, not by events). */
export type MemberItem = Member;

export type { Catalog };
