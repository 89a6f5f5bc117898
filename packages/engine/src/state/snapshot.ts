/**
 * engine → state: the StateView over items. A snapshot is the items one event
 * reads, as plain JSON, so that it can travel between workflow steps and be
 * settled by any of them; the memory state is every item (memory-state.ts). Asking
 * a snapshot for something its loader did not load is a bug in the loader, not
 * "absent", so it throws.
 */
import { dict, own } from '../core/dict.ts';
import { MedinsError } from '../core/errors.ts';
import type { EventId, MemberId, PlanId, ProviderId, VisitId } from '../core/ids.ts';
import type { Fen } from '../core/money.ts';
import type { LocalDate } from '../core/time.ts';
import type { Catalog } from '../world/catalog.ts';
import type { Member, Policy } from '../world/people.ts';
import {
  accumulatorsKey,
  type Counters,
  emptyItems,
  emptyMemberState,
  type MemberState,
  type StateItems,
  type Stays,
  stayKey,
  viewerKey,
  visitKey,
} from './items.ts';
import type { Accumulators, ClaimRecord, HeldClaim, StateView } from './view.ts';

const NO_COUNTERS: Counters = Object.freeze(dict<Fen>());

/** The items one event was decided on. */
export type Snapshot = StateItems;

export const emptySnapshot = emptyItems;

/** The view asked a snapshot for an item its loader did not load. */
export class SnapshotMissError extends MedinsError {
  override readonly name = 'SnapshotMissError';
  readonly code = 'SNAPSHOT_MISS';
}

/**
 * The engine's StateView over items. With `complete` (the memory state), a key
 * never looked up is simply absent; without it (a snapshot), it is a loader bug.
 */
export class SnapshotView implements StateView {
  readonly catalog: Catalog;
  readonly snapshot: Snapshot;
  readonly #complete: boolean;

  constructor(catalog: Catalog, snapshot: Snapshot, options: { readonly complete?: boolean } = {}) {
    this.catalog = catalog;
    this.snapshot = snapshot;
    this.#complete = options.complete ?? false;
  }

  /** The item under `key`; undefined when absent from a complete view. */
  #read<T>(table: Readonly<Record<string, T>>, key: string, what: string): T | undefined {
    if (Object.hasOwn(table, key)) return table[key] as T;
    if (this.#complete) return undefined;
    throw new SnapshotMissError(`the snapshot did not load ${what}`, { entity: `${what}|${key}` });
  }

  #state(id: MemberId): MemberState {
    // The empty state is built only when absent: views are read many times per event.
    return this.#read(this.snapshot.states, id, 'states') ?? emptyMemberState(id);
  }

  member(id: MemberId): Member | undefined {
    return this.#read<Member | null>(this.snapshot.members, id, 'members') ?? undefined;
  }
  account(id: MemberId) {
    return this.#state(id).account ?? undefined;
  }
  bindingOf(memberId: MemberId) {
    return this.#state(memberId).binding ?? undefined;
  }
  groupSize(holderId: MemberId) {
    return this.#state(holderId).groupSize;
  }
  policy(productId: PlanId, insuredId: MemberId): Policy | undefined {
    return own(this.#state(insuredId).policies, productId);
  }
  policiesOf(insuredId: MemberId): readonly Policy[] {
    return Object.values(this.#state(insuredId).policies);
  }
  accountPaidRelatives(productId: PlanId, payerId: MemberId) {
    return own(this.#state(payerId).relatives, productId) ?? 0;
  }
  accumulators(memberId: MemberId, year: number): Accumulators {
    const counters = this.#read<Counters>(this.snapshot.accumulators, accumulatorsKey(memberId, year), 'accumulators');
    return counters ?? NO_COUNTERS;
  }
  claimRecord(claimId: EventId): ClaimRecord | undefined {
    return this.#read<ClaimRecord | null>(this.snapshot.claims, claimId, 'claims') ?? undefined;
  }
  viewerBound(ownerId: MemberId, memberId: MemberId): boolean {
    return this.#read<boolean>(this.snapshot.viewers, viewerKey(ownerId, memberId), 'viewers') ?? false;
  }
  visitHolder(providerId: ProviderId, visitId: VisitId): EventId | undefined {
    return this.#read<EventId | null>(this.snapshot.visits, visitKey(providerId, visitId), 'visits') ?? undefined;
  }
  heldClaim(claimId: EventId): HeldClaim | undefined {
    return this.#read<HeldClaim | null>(this.snapshot.held, claimId, 'held') ?? undefined;
  }
  inpatientStays(memberId: MemberId, providerId: ProviderId): ReadonlyMap<EventId, LocalDate> {
    const stays = this.#read<Stays>(this.snapshot.stays, stayKey(memberId, providerId), 'stays');
    return new Map(stays ? (Object.entries(stays) as [EventId, LocalDate][]) : []);
  }
}
