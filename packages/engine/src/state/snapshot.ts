/**
 * A snapshot: the part of the state one event reads, as plain JSON, so that it can
 * travel between workflow steps and be settled by any of them. A store loads it;
 * SnapshotView serves it to the engine. Asking for something the loader did not
 * load is a bug in the loader, not "absent", so it throws.
 */
import type { Fen } from '../core/money.ts';
import { dict } from '../core/dict.ts';
import type { EventId, MemberId, PlanId } from '../core/ids.ts';
import type { Catalog } from '../world/catalog.ts';
import type { Account, FamilyBinding, Member, Policy } from '../world/people.ts';
import type { Accumulators, ClaimRecord, StateView } from './view.ts';

/** Keys: member ids, `productId|insuredId`, `productId|payerId`, `memberId|year`, `ownerId|memberId`. */
export interface Snapshot {
  members: Record<string, Member | null>;
  accounts: Record<string, Account | null>;
  bindings: Record<string, FamilyBinding | null>;
  groupSizes: Record<string, number>;
  policies: Record<string, Policy | null>;
  /** For claims: the policies the patient holds among the products covering the service date. */
  policiesOf: Record<string, Policy[]>;
  relatives: Record<string, number>;
  accumulators: Record<string, Record<string, Fen>>;
  claims: Record<string, ClaimRecord | null>;
  viewers: Record<string, boolean>;
}

export const emptySnapshot = (): Snapshot => ({
  members: dict(),
  accounts: dict(),
  bindings: dict(),
  groupSizes: dict(),
  policies: dict(),
  policiesOf: dict(),
  relatives: dict(),
  accumulators: dict(),
  claims: dict(),
  viewers: dict(),
});

export class SnapshotMissError extends Error {
  override readonly name = 'SnapshotMissError';
}

function read<T>(table: Record<string, T>, key: string, what: string): T {
  if (!Object.hasOwn(table, key)) throw new SnapshotMissError(`the snapshot did not load ${what} ${key}`);
  return table[key]!;
}

export class SnapshotView implements StateView {
  readonly catalog: Catalog;
  readonly snapshot: Snapshot;

  constructor(catalog: Catalog, snapshot: Snapshot) {
    this.catalog = catalog;
    this.snapshot = snapshot;
  }

  member(id: MemberId) { return read(this.snapshot.members, id, 'member') ?? undefined; }
  account(id: MemberId) { return read(this.snapshot.accounts, id, 'account') ?? undefined; }
  bindingOf(memberId: MemberId) { return read(this.snapshot.bindings, memberId, 'binding of') ?? undefined; }
  groupSize(holderId: MemberId) { return read(this.snapshot.groupSizes, holderId, 'group of'); }
  policy(productId: PlanId, insuredId: MemberId) { return read(this.snapshot.policies, `${productId}|${insuredId}`, 'policy') ?? undefined; }
  policiesOf(insuredId: MemberId) { return read(this.snapshot.policiesOf, insuredId, 'policies of'); }
  accountPaidRelatives(productId: PlanId, payerId: MemberId) { return read(this.snapshot.relatives, `${productId}|${payerId}`, 'relatives of'); }
  accumulators(memberId: MemberId, year: number): Accumulators {
    return new Map(Object.entries(read(this.snapshot.accumulators, `${memberId}|${year}`, 'accumulators')));
  }
  claimRecord(claimId: EventId) { return read(this.snapshot.claims, claimId, 'claim') ?? undefined; }
  viewerBound(ownerId: MemberId, memberId: MemberId) { return read(this.snapshot.viewers, `${ownerId}|${memberId}`, 'viewer'); }
}

/**
 * Which parts of the state one event reads. A store answers these keys in one or
 * two batched reads; `needs` is pure so the store and tests agree on it.
 */
export interface ReadSet {
  members: Set<MemberId>;
  accounts: Set<MemberId>;
  bindings: Set<MemberId>;
  groupSizes: Set<MemberId>;
  policies: Set<string>;
  policiesOf: Map<MemberId, PlanId[]>;
  relatives: Set<string>;
  accumulators: Set<string>;
  claims: Set<EventId>;
  viewers: Set<string>;
}

export const emptyReadSet = (): ReadSet => ({
  members: new Set(),
  accounts: new Set(),
  bindings: new Set(),
  groupSizes: new Set(),
  policies: new Set(),
  policiesOf: new Map(),
  relatives: new Set(),
  accumulators: new Set(),
  claims: new Set(),
  viewers: new Set(),
});

/**
 * Copies what `reads` names from any view into `into` (a memory state, in tests
 * and in the serial reference), so the same snapshot path can be checked without
 * a database.
 */
export function fillSnapshot(source: StateView, reads: ReadSet, into: Snapshot): void {
  for (const id of reads.members) into.members[id] = source.member(id) ?? null;
  for (const id of reads.accounts) into.accounts[id] = source.account(id) ?? null;
  for (const id of reads.bindings) into.bindings[id] = source.bindingOf(id) ?? null;
  for (const id of reads.groupSizes) into.groupSizes[id] = source.groupSize(id);
  for (const k of reads.policies) {
    const [product, insured] = k.split('|') as [PlanId, MemberId];
    into.policies[k] = source.policy(product, insured) ?? null;
  }
  for (const [insured, products] of reads.policiesOf) {
    into.policiesOf[insured] = source.policiesOf(insured).filter((p) => products.includes(p.productId));
  }
  for (const k of reads.relatives) {
    const [product, payer] = k.split('|') as [PlanId, MemberId];
    into.relatives[k] = source.accountPaidRelatives(product, payer);
  }
  for (const k of reads.accumulators) {
    const [member, year] = k.split('|') as [MemberId, string];
    const counters = dict<Fen>();
    for (const [name, value] of source.accumulators(member, Number(year))) counters[name] = value;
    into.accumulators[k] = counters;
  }
  for (const id of reads.claims) into.claims[id] = source.claimRecord(id) ?? null;
  for (const k of reads.viewers) {
    const [owner, member] = k.split('|') as [MemberId, MemberId];
    into.viewers[k] = source.viewerBound(owner, member);
  }
}
