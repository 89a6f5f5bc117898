/**
 * The keys one event reads, derived from the event and what is already loaded
 * (a claim needs its holder's account only once its binding is known). A store
 * calls `missingReads` until it comes back empty — at most three rounds — then
 * settles on the snapshot. Pure, so the store, the Lambdas and the tests agree.
 */
import type { EventId, MemberId, PlanId } from '../core/ids.ts';
import { yearOf } from '../core/time.ts';
import { own } from '../core/dict.ts';
import type { Catalog } from '../world/catalog.ts';
import type { DomainEvent, RenewalCampaignEvent } from '../world/events.ts';
import type { Policy } from '../world/people.ts';
import { emptyReadSet, type ReadSet, type Snapshot } from './snapshot.ts';

class Needs {
  readonly set = emptyReadSet();
  readonly #have: Snapshot;
  constructor(have: Snapshot) {
    this.#have = have;
  }
  member(id: MemberId) { if (!Object.hasOwn(this.#have.members, id)) this.set.members.add(id); }
  account(id: MemberId) { if (!Object.hasOwn(this.#have.accounts, id)) this.set.accounts.add(id); }
  binding(id: MemberId) { if (!Object.hasOwn(this.#have.bindings, id)) this.set.bindings.add(id); }
  groupSize(id: MemberId) { if (!Object.hasOwn(this.#have.groupSizes, id)) this.set.groupSizes.add(id); }
  policy(product: PlanId, insured: MemberId) {
    const k = `${product}|${insured}`;
    if (!Object.hasOwn(this.#have.policies, k)) this.set.policies.add(k);
  }
  policiesOf(insured: MemberId, products: PlanId[]) {
    if (!Object.hasOwn(this.#have.policiesOf, insured)) this.set.policiesOf.set(insured, products);
  }
  relatives(product: PlanId, payer: MemberId) {
    const k = `${product}|${payer}`;
    if (!Object.hasOwn(this.#have.relatives, k)) this.set.relatives.add(k);
  }
  accumulators(member: MemberId, year: number) {
    const k = `${member}|${year}`;
    if (!Object.hasOwn(this.#have.accumulators, k)) this.set.accumulators.add(k);
  }
  claim(id: EventId) { if (!Object.hasOwn(this.#have.claims, id)) this.set.claims.add(id); }
  viewer(owner: MemberId, member: MemberId) {
    const k = `${owner}|${member}`;
    if (!Object.hasOwn(this.#have.viewers, k)) this.set.viewers.add(k);
  }
}

export function isEmptyReadSet(r: ReadSet): boolean {
  return Object.values(r).every((part: Set<unknown> | Map<unknown, unknown>) => part.size === 0);
}

/** What a single-step event still needs beyond `have`. */
export function missingReads(event: Exclude<DomainEvent, RenewalCampaignEvent>, catalog: Catalog, have: Snapshot): ReadSet {
  const n = new Needs(have);
  switch (event.type) {
    case 'claim':
    case 'quote': {
      const patient = event.memberId;
      n.member(patient);
      n.account(patient);
      n.binding(patient);
      n.accumulators(patient, yearOf(event.serviceDate));
      n.policiesOf(patient, catalog.productsCovering(event.serviceDate).map((p) => p.id));
      const binding = own(have.bindings, patient);
      if (binding) {
        n.member(binding.holderId);
        n.account(binding.holderId);
      }
      break;
    }
    case 'reverseClaim': {
      n.claim(event.claimId);
      const record = own(have.claims, event.claimId);
      if (record) {
        n.accumulators(record.memberId, record.year);
        for (const debit of record.debits) n.account(debit.memberId);
      }
      break;
    }
    case 'enroll':
      n.member(event.payerId);
      n.member(event.insuredId);
      n.account(event.payerId);
      n.policy(event.productId, event.insuredId);
      n.relatives(event.productId, event.payerId);
      break;
    case 'bindFamily':
      n.member(event.holderId);
      n.member(event.memberId);
      n.account(event.holderId);
      n.binding(event.memberId);
      n.binding(event.holderId);
      n.groupSize(event.memberId);
      break;
    case 'unbindFamily':
      n.binding(event.memberId);
      // Unbinding shrinks the holder's group: the holder's state is written too.
      n.groupSize(event.holderId);
      break;
    case 'bindViewer':
      n.member(event.ownerId);
      n.member(event.memberId);
      n.viewer(event.ownerId, event.memberId);
      break;
  }
  return n.set;
}

/** What renewing one policy in a campaign needs. */
export function missingRenewalReads(campaign: RenewalCampaignEvent, policy: Policy, have: Snapshot): ReadSet {
  const n = new Needs(have);
  n.policy(campaign.toProductId, policy.insuredId);
  n.member(policy.payerId);
  n.member(policy.insuredId);
  n.account(policy.payerId);
  n.relatives(campaign.toProductId, policy.payerId);
  return n.set;
}
