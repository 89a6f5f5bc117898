/**
 * State in memory: the scenario replay's adapter of the StateView port. It applies
 * the engine's changes and asserts, on every change, the invariants the storage
 * conditions enforce in production: no balance below zero or below the holder's
 * reserve, no accumulator below zero, a claim recorded and reversed once.
 */
import type { Fen } from '../core/money.ts';
import { InvariantError } from '../core/errors.ts';
import { dict } from '../core/dict.ts';
import type { EventId, MemberId, PlanId } from '../core/ids.ts';
import type { Catalog } from '../world/catalog.ts';
import type { Account, FamilyBinding, Member, Policy } from '../world/people.ts';
import type { Change } from './changes.ts';
import type { Accumulators, ClaimRecord, StateView } from './view.ts';

/** The state of the world a scenario starts from. */
export interface World {
  readonly catalog: Catalog;
  readonly members: readonly Member[];
  readonly accounts: ReadonlyMap<MemberId, Account>;
  readonly familyBindings: readonly FamilyBinding[];
  /** In creation order: renewal campaigns walk them in this order. */
  readonly policies: readonly Policy[];
}

const EMPTY: Accumulators = new Map();

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}


export class MemoryState implements StateView {
  readonly catalog: Catalog;
  readonly #members = new Map<MemberId, Member>();
  readonly #accounts = new Map<MemberId, Account>();
  readonly #bindings = new Map<MemberId, FamilyBinding>();
  readonly #groupSizes = new Map<MemberId, number>();
  readonly #policies = new Map<string, Policy>();
  readonly #byInsured = new Map<MemberId, Policy[]>();
  readonly #byProduct = new Map<PlanId, Policy[]>();
  readonly #relatives = new Map<string, number>();
  readonly #accumulators = new Map<string, Map<string, Fen>>();
  readonly #claims = new Map<EventId, ClaimRecord>();
  readonly #viewers = new Set<string>();

  constructor(world: World) {
    this.catalog = world.catalog;
    for (const m of world.members) this.#members.set(m.id, m);
    for (const [id, a] of world.accounts) this.#accounts.set(id, a);
    for (const b of world.familyBindings) this.#bind(b);
    for (const p of world.policies) this.#addPolicy(p);
  }

  member(id: MemberId) { return this.#members.get(id); }
  account(id: MemberId) { return this.#accounts.get(id); }
  bindingOf(memberId: MemberId) { return this.#bindings.get(memberId); }
  groupSize(holderId: MemberId) { return this.#groupSizes.get(holderId) ?? 0; }
  policy(productId: PlanId, insuredId: MemberId) { return this.#policies.get(`${productId}|${insuredId}`); }
  policiesOf(insuredId: MemberId) { return this.#byInsured.get(insuredId) ?? []; }
  accountPaidRelatives(productId: PlanId, payerId: MemberId) { return this.#relatives.get(`${productId}|${payerId}`) ?? 0; }
  accumulators(memberId: MemberId, year: number) { return this.#accumulators.get(`${memberId}|${year}`) ?? EMPTY; }
  claimRecord(claimId: EventId) { return this.#claims.get(claimId); }
  viewerBound(ownerId: MemberId, memberId: MemberId) { return this.#viewers.has(`${ownerId}|${memberId}`); }

  /** The policies of a product, in creation order (a copy: renewals may add policies while it is walked). */
  policiesOfProduct(productId: PlanId): Policy[] {
    return [...(this.#byProduct.get(productId) ?? [])];
  }

  /** Balances of every member with a personal account, by member id. */
  balances(): Record<string, Account> {
    const out = dict<Account>();
    for (const id of [...this.#accounts.keys()].sort()) out[id] = this.#accounts.get(id)!;
    return out;
  }

  /** Applies one decision's changes; they were decided against this state, so they all hold. */
  apply(changes: readonly Change[]): void {
    for (const change of changes) this.#applyOne(change);
  }

  #applyOne(change: Change): void {
    switch (change.kind) {
      case 'account': {
        const before = this.#accounts.get(change.memberId);
        if (!before) throw new InvariantError(`no account for ${change.memberId}`);
        const after = {
          currentFen: (before.currentFen + change.currentFen) as Fen,
          historicalFen: (before.historicalFen + change.historicalFen) as Fen,
        };
        if (after.currentFen < 0 || after.historicalFen < 0) throw new InvariantError(`account ${change.memberId} would go negative`);
        const debit = -(change.currentFen + change.historicalFen);
        if (debit > 0 && after.currentFen + after.historicalFen < change.floorFen) {
          throw new InvariantError(`account ${change.memberId} would go below its reserve`);
        }
        this.#accounts.set(change.memberId, after);
        return;
      }
      case 'accumulators': {
        const key = `${change.memberId}|${change.year}`;
        const next = new Map(this.#accumulators.get(key) ?? EMPTY);
        for (const [name, delta] of Object.entries(change.deltas)) {
          const value = (next.get(name) ?? 0) + delta;
          if (value < 0) throw new InvariantError(`accumulator ${name} of ${change.memberId} would go negative`);
          next.set(name, value as Fen);
        }
        this.#accumulators.set(key, next);
        return;
      }
      case 'claimRecord':
        if (this.#claims.has(change.record.claimId)) throw new InvariantError(`claim ${change.record.claimId} recorded twice`);
        this.#claims.set(change.record.claimId, change.record);
        return;
      case 'claimReversed': {
        const record = this.#claims.get(change.claimId);
        if (!record || record.reversedBy) throw new InvariantError(`claim ${change.claimId} cannot be reversed`);
        this.#claims.set(change.claimId, { ...record, reversedBy: change.reversalId });
        return;
      }
      case 'policy':
        this.#addPolicy(change.policy);
        return;
      case 'familyBind':
        this.#bind(change.binding);
        return;
      case 'familyUnbind':
        this.#bindings.delete(change.memberId);
        this.#groupSizes.set(change.holderId, this.groupSize(change.holderId) - 1);
        return;
      case 'viewerBind':
        this.#viewers.add(`${change.ownerId}|${change.memberId}`);
        return;
    }
  }

  #bind(binding: FamilyBinding): void {
    if (this.#bindings.has(binding.memberId)) throw new InvariantError(`member ${binding.memberId} bound twice`);
    this.#bindings.set(binding.memberId, binding);
    this.#groupSizes.set(binding.holderId, this.groupSize(binding.holderId) + 1);
  }

  #addPolicy(policy: Policy): void {
    const key = `${policy.productId}|${policy.insuredId}`;
    if (this.#policies.has(key)) throw new InvariantError(`a second policy of ${policy.productId} for ${policy.insuredId}`);
    this.#policies.set(key, policy);
    pushTo(this.#byInsured, policy.insuredId, policy);
    pushTo(this.#byProduct, policy.productId, policy);
    if (policy.payment === 'personalAccount' && policy.payerId !== policy.insuredId) {
      const k = `${policy.productId}|${policy.payerId}`;
      this.#relatives.set(k, (this.#relatives.get(k) ?? 0) + 1);
    }
  }
}
