/**
 * Loading an event's snapshot: ask the engine what it reads (`missingReads`),
 * fetch those items with consistent batched reads, fill the snapshot, ask again
 * until nothing is missing. Every versioned item read is remembered with its
 * version, so the commit can check that nothing it relied on changed meanwhile.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  dict,
  emptySnapshot,
  isEmptyReadSet,
  missingReads,
  missingRenewalReads,
  type Catalog,
  type ClaimRecord,
  type EventResult,
  type MemberId,
  type PlanId,
  type Policy,
  type ReadSet,
  type RenewalCampaignEvent,
  type SingleStepEvent,
  type Snapshot,
} from '@medins/engine';
import { batchGet } from './dynamo.ts';
import { decodeEventItem } from './event-codec.ts';
import { emptyState, ref, type AccumulatorsItem, type ItemRef, type MemberItem, type MemberState } from './items.ts';
import type { TableNames } from './tables.ts';

/** What a decision was made on: the snapshot, the versions read, and a prior result if the event was applied before. */
export interface Loaded {
  readonly snapshot: Snapshot;
  /** Item id → version read (0: the item did not exist). Only items events change. */
  readonly versions: Record<string, number>;
  /** Member state items as read, for the commit to apply changes to. */
  readonly states: Record<string, MemberState>;
  /** Accumulator items as read. */
  readonly accumulators: Record<string, AccumulatorsItem>;
  readonly prior: EventResult | null;
}

const stateKeyOf = (k: string) => k.split('|')[1] as MemberId;

/** The items that answer a read set: member state items stand behind most parts. */
function refsFor(reads: ReadSet): ItemRef[] {
  const refs: ItemRef[] = [];
  for (const id of reads.members) refs.push(ref.member(id));
  for (const id of [...reads.accounts, ...reads.bindings, ...reads.groupSizes]) refs.push(ref.state(id));
  for (const k of reads.policies) refs.push(ref.state(stateKeyOf(k)));
  for (const id of reads.policiesOf.keys()) refs.push(ref.state(id));
  for (const k of reads.relatives) refs.push(ref.state(stateKeyOf(k)));
  for (const k of reads.accumulators) {
    const [member, year] = k.split('|') as [string, string];
    refs.push(ref.accumulators(member, Number(year)));
  }
  for (const id of reads.claims) refs.push(ref.event(id));
  for (const k of reads.viewers) {
    const [owner, member] = k.split('|') as [string, string];
    refs.push(ref.viewer(owner, member));
  }
  return refs;
}

function stateOf(items: Map<string, Record<string, unknown>>, loaded: MutableLoaded, id: MemberId): MemberState {
  const known = Object.hasOwn(loaded.states, id) ? loaded.states[id] : undefined;
  if (known) return known;
  const item = items.get(ref.state(id).id) as MemberState | undefined;
  const state = item ?? emptyState(id);
  loaded.states[id] = state;
  loaded.versions[ref.state(id).id] = state.version;
  return state;
}

type MutableLoaded = { -readonly [K in keyof Loaded]: Loaded[K] };

function fill(reads: ReadSet, items: Map<string, Record<string, unknown>>, loaded: MutableLoaded): void {
  const s = loaded.snapshot;
  for (const id of reads.members) s.members[id] = (items.get(ref.member(id).id) as MemberItem | undefined) ?? null;
  for (const id of reads.accounts) s.accounts[id] = stateOf(items, loaded, id).account;
  for (const id of reads.bindings) s.bindings[id] = stateOf(items, loaded, id).binding;
  for (const id of reads.groupSizes) s.groupSizes[id] = stateOf(items, loaded, id).groupSize;
  for (const k of reads.policies) {
    const [product, insured] = k.split('|') as [PlanId, MemberId];
    s.policies[k] = stateOf(items, loaded, insured).policies[product] ?? null;
  }
  for (const [insured, products] of reads.policiesOf) {
    const held = stateOf(items, loaded, insured).policies;
    s.policiesOf[insured] = products.map((p) => held[p]).filter((p): p is Policy => p !== undefined);
  }
  for (const k of reads.relatives) {
    const [product, payer] = k.split('|') as [PlanId, MemberId];
    s.relatives[k] = stateOf(items, loaded, payer).relatives[product] ?? 0;
  }
  for (const k of reads.accumulators) {
    const [member, year] = k.split('|') as [MemberId, string];
    const r = ref.accumulators(member, Number(year));
    const item = (items.get(r.id) as AccumulatorsItem | undefined) ?? { memberId: member, year: Number(year), version: 0, counters: {} };
    loaded.accumulators[k] = item;
    loaded.versions[r.id] = item.version;
    const counters = dict<number>();
    for (const [name, value] of Object.entries(item.counters)) counters[name] = value;
    s.accumulators[k] = counters as Snapshot['accumulators'][string];
  }
  for (const id of reads.claims) {
    const raw = items.get(ref.event(id).id);
    const item = raw ? decodeEventItem(raw) : undefined;
    // A claim's outcome item: absent (0), applied (1), reversed (2). The commit checks it still is.
    loaded.versions[ref.event(id).id] = !item ? 0 : item.reversedBy ? 2 : 1;
    s.claims[id] = item?.record ? { ...(JSON.parse(item.record) as ClaimRecord), reversedBy: (item.reversedBy ?? null) as ClaimRecord['reversedBy'] } : null;
  }
  for (const k of reads.viewers) {
    const [owner, member] = k.split('|') as [string, string];
    const r = ref.viewer(owner, member);
    s.viewers[k] = items.has(r.id);
    loaded.versions[r.id] = items.has(r.id) ? 1 : 0;
  }
}

async function loadWith(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  eventId: string,
  next: (have: Snapshot) => ReadSet,
): Promise<Loaded> {
  const loaded: MutableLoaded = { snapshot: emptySnapshot(), versions: dict(), states: dict(), accumulators: dict(), prior: null };
  let extra: ItemRef[] = [ref.event(eventId)];
  for (let round = 0; round < 4; round++) {
    const reads = next(loaded.snapshot);
    if (isEmptyReadSet(reads) && extra.length === 0) return loaded;
    const items = await batchGet(db, tables, [...extra, ...refsFor(reads)]);
    if (extra.length > 0) {
      const raw = items.get(ref.event(eventId).id);
      const prior = raw ? decodeEventItem(raw) : undefined;
      if (prior) {
        loaded.prior = JSON.parse(prior.result) as EventResult;
        return loaded;
      }
      extra = [];
    }
    fill(reads, items, loaded);
  }
  throw new Error(`the read set of ${eventId} did not settle in 4 rounds`);
}

/** The snapshot a single-step event is decided on (or its prior result, if it was applied before). */
export function loadEvent(db: DynamoDBDocumentClient, tables: TableNames, event: SingleStepEvent, catalog: Catalog): Promise<Loaded> {
  return loadWith(db, tables, event.id, (have) => missingReads(event, catalog, have));
}

/** The snapshot one policy's renewal in a campaign is decided on. */
export function loadRenewal(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  campaign: RenewalCampaignEvent,
  policy: Policy,
  eventId: string,
): Promise<Loaded> {
  return loadWith(db, tables, eventId, (have) => missingRenewalReads(campaign, policy, have));
}
