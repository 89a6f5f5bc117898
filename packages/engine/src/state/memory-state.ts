/**
 * engine → state: every item in memory, the scenario replay's adapter of the
 * StateView port. Changes are applied by `applyChanges` (apply.ts), the same
 * function the DynamoDB commit uses, so the scenario command and the stack can
 * never settle differently.
 */
import { dict, own } from '../core/dict.ts';
import type { MemberId, PlanId } from '../core/ids.ts';
import { ZERO } from '../core/money.ts';
import type { Catalog } from '../world/catalog.ts';
import type { Account, FamilyBinding, Member, Policy } from '../world/people.ts';
import { type Applied, applyChanges } from './apply.ts';
import type { Change } from './changes.ts';
import { emptyItems, emptyMemberState, type StateItems } from './items.ts';
import { SnapshotView } from './snapshot.ts';

/** The state of the world a scenario starts from. */
export interface World {
  readonly catalog: Catalog;
  readonly members: readonly Member[];
  readonly accounts: ReadonlyMap<MemberId, Account>;
  readonly familyBindings: readonly FamilyBinding[];
  /** In creation order: renewal campaigns walk them in this order. */
  readonly policies: readonly Policy[];
}

/**
 * The items of a world: member profiles, and member state items built by applying
 * its bindings and policies as changes (so a seeded store and the memory state
 * start from the very same items).
 */
export function itemsOfWorld(world: World): StateItems {
  const items = emptyItems();
  for (const m of world.members) {
    items.members[m.id] = m;
    const account = world.accounts.get(m.id) ?? (m.hasPersonalAccount ? { currentFen: ZERO, historicalFen: ZERO } : null);
    if (account) items.states[m.id] = { ...emptyMemberState(m.id), account };
  }
  applyChanges(items, [
    ...world.familyBindings.map((binding): Change => ({ kind: 'familyBind', binding })),
    ...world.policies.map((policy): Change => ({ kind: 'policy', policy })),
  ]);
  return items;
}

export class MemoryState extends SnapshotView {
  /** Policies by product in creation order: the memory counterpart of the store's `byCreation` index. */
  readonly #byProduct = new Map<PlanId, Policy[]>();

  constructor(world: World) {
    super(world.catalog, itemsOfWorld(world), { complete: true });
    this.#index(world.policies);
  }

  /** Every item (read-only by convention: change it only through `apply`). */
  get items(): StateItems {
    return this.snapshot;
  }

  /** The policies of a product, in creation order (a copy: renewals may add policies while it is walked). */
  policiesOfProduct(productId: PlanId): Policy[] {
    return [...(this.#byProduct.get(productId) ?? [])];
  }

  /** Balances of every member with a personal account, by member id. */
  balances(): Record<string, Account> {
    const out = dict<Account>();
    for (const id of Object.keys(this.snapshot.states).sort()) {
      const account = own(this.snapshot.states, id)?.account;
      if (account) out[id] = account;
    }
    return out;
  }

  /** Applies one decision's changes; they were decided against this state, so they all hold. */
  apply(changes: readonly Change[]): Applied {
    const applied = applyChanges(this.snapshot, changes);
    this.#index(applied.policies);
    return applied;
  }

  #index(policies: readonly Policy[]): void {
    for (const p of policies) {
      const list = this.#byProduct.get(p.productId);
      if (list) list.push(p);
      else this.#byProduct.set(p.productId, [p]);
    }
  }
}
