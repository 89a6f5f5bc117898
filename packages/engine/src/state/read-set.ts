/**
 * engine → state: the items one event reads, derived from the event and what is
 * already loaded (a claim needs its holder's items only once its binding is
 * known). A store calls `missingReads` until it comes back empty — at most three
 * rounds — then settles on the snapshot. Pure, so the store, the Lambdas and the
 * tests agree.
 */
import { own } from '../core/dict.ts';
import type { EventId, MemberId, ProviderId, VisitId } from '../core/ids.ts';
import { yearOf } from '../core/time.ts';
import type { ClaimEvent, DomainEvent, QuoteEvent, RenewalCampaignEvent } from '../world/events.ts';
import type { Policy } from '../world/people.ts';
import { accumulatorsKey, emptyMemberState, type StateItems, stayKey, viewerKey, visitKey } from './items.ts';
import type { Snapshot } from './snapshot.ts';

/** Keys of the items to read, per kind (see StateItems for the key of each). */
export interface ReadSet {
  readonly members: Set<MemberId>;
  readonly states: Set<MemberId>;
  readonly accumulators: Set<string>;
  readonly claims: Set<EventId>;
  readonly viewers: Set<string>;
  readonly visits: Set<string>;
  readonly held: Set<EventId>;
  readonly stays: Set<string>;
}

export const emptyReadSet = (): ReadSet => ({
  members: new Set(),
  states: new Set(),
  accumulators: new Set(),
  claims: new Set(),
  viewers: new Set(),
  visits: new Set(),
  held: new Set(),
  stays: new Set(),
});

export function isEmptyReadSet(r: ReadSet): boolean {
  return Object.values(r).every((part: Set<unknown>) => part.size === 0);
}

class Needs {
  readonly set = emptyReadSet();
  readonly #have: Snapshot;
  constructor(have: Snapshot) {
    this.#have = have;
  }
  member(id: MemberId) {
    if (!Object.hasOwn(this.#have.members, id)) this.set.members.add(id);
  }
  state(id: MemberId) {
    if (!Object.hasOwn(this.#have.states, id)) this.set.states.add(id);
  }
  accumulators(member: MemberId, year: number) {
    const k = accumulatorsKey(member, year);
    if (!Object.hasOwn(this.#have.accumulators, k)) this.set.accumulators.add(k);
  }
  claim(id: EventId) {
    if (!Object.hasOwn(this.#have.claims, id)) this.set.claims.add(id);
  }
  viewer(owner: MemberId, member: MemberId) {
    const k = viewerKey(owner, member);
    if (!Object.hasOwn(this.#have.viewers, k)) this.set.viewers.add(k);
  }
  visit(provider: ProviderId, visit: VisitId) {
    const k = visitKey(provider, visit);
    if (!Object.hasOwn(this.#have.visits, k)) this.set.visits.add(k);
  }
  held(id: EventId) {
    if (!Object.hasOwn(this.#have.held, id)) this.set.held.add(id);
  }
  stays(member: MemberId, provider: ProviderId) {
    const k = stayKey(member, provider);
    if (!Object.hasOwn(this.#have.stays, k)) this.set.stays.add(k);
  }
}

/** What settling a claim (or answering a quote) reads; a held claim's approval reads the same. */
function visitReads(n: Needs, event: ClaimEvent | QuoteEvent, have: Snapshot): void {
  const patient = event.memberId;
  n.member(patient);
  n.state(patient);
  n.accumulators(patient, yearOf(event.serviceDate));
  // Whether a settled claim already holds the visit (DUPLICATE_VISIT); read even when
  // another reason rejects the claim, so the commit checks it did not change.
  if (event.visitId !== null) n.visit(event.providerId, event.visitId);
  // A settled inpatient claim records its stay, and the re-admission rule reads the earlier ones.
  if (event.type === 'claim' && event.visitType === 'inpatient') n.stays(patient, event.providerId);
  const binding = own(have.states, patient)?.binding;
  if (binding) {
    n.member(binding.holderId);
    n.state(binding.holderId);
  }
}

/** What a single-step event still needs beyond `have`. */
export function missingReads(event: Exclude<DomainEvent, RenewalCampaignEvent>, have: Snapshot): ReadSet {
  const n = new Needs(have);
  switch (event.type) {
    case 'claim':
    case 'quote':
      visitReads(n, event, have);
      break;
    case 'reviewDecision': {
      // The held claim; while it waits, everything its settlement reads (a decided one is NOT_HELD and reads no more).
      n.held(event.claimId);
      const held = own(have.held, event.claimId);
      if (held && !held.decidedBy) visitReads(n, held.claim, have);
      break;
    }
    case 'reverseClaim': {
      n.claim(event.claimId);
      const record = own(have.claims, event.claimId);
      if (record) {
        n.accumulators(record.memberId, record.year);
        for (const debit of record.debits) n.state(debit.memberId);
        // The profiles of whom its messages go to (the patient, the holder who paid): in the same round, so the
        // commit records each message with its masked recipient and the notification step reads nothing.
        n.member(record.memberId);
        if (record.payments.familyHolderId) n.member(record.payments.familyHolderId);
        // The reversal frees the visit the claim holds, and its inpatient stay.
        if (record.visit) n.visit(record.visit.providerId, record.visit.visitId);
        if (record.stay) n.stays(record.memberId, record.stay.providerId);
      }
      break;
    }
    case 'enroll':
      n.member(event.payerId);
      n.member(event.insuredId);
      n.state(event.payerId);
      n.state(event.insuredId);
      break;
    case 'bindFamily':
      n.member(event.holderId);
      n.member(event.memberId);
      n.state(event.holderId);
      n.state(event.memberId);
      break;
    case 'unbindFamily':
      // Unbinding shrinks the holder's group: the holder's state is written too.
      n.state(event.memberId);
      n.state(event.holderId);
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
export function missingRenewalReads(policy: Policy, have: Snapshot): ReadSet {
  const n = new Needs(have);
  n.member(policy.payerId);
  n.member(policy.insuredId);
  n.state(policy.payerId);
  n.state(policy.insuredId);
  return n.set;
}

/**
 * Copies the items `reads` names from a complete set of items (the memory state)
 * into a snapshot, absent ones as absent: the store's load, without a database,
 * for the serial reference and the tests.
 */
export function copyReads(source: StateItems, reads: ReadSet, into: Snapshot): void {
  for (const id of reads.members) into.members[id] = own(source.members, id) ?? null;
  for (const id of reads.states) into.states[id] = own(source.states, id) ?? emptyMemberState(id);
  for (const k of reads.accumulators) into.accumulators[k] = own(source.accumulators, k) ?? {};
  for (const id of reads.claims) into.claims[id] = own(source.claims, id) ?? null;
  for (const k of reads.viewers) into.viewers[k] = own(source.viewers, k) ?? false;
  for (const k of reads.visits) into.visits[k] = own(source.visits, k) ?? null;
  for (const id of reads.held) into.held[id] = own(source.held, id) ?? null;
  for (const k of reads.stays) into.stays[k] = own(source.stays, k) ?? {};
}
