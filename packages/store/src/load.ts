/**
 * Loading an event's snapshot: ask the engine what it reads (`missingReads`),
 * fetch those items with consistent batched reads, fill the snapshot, ask again
 * until nothing is missing. Every versioned item read is remembered with its
 * version, so the commit can check that nothing it relied on changed meanwhile.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type ClaimRecord,
  dict,
  type EventResult,
  emptyMemberState,
  emptySnapshot,
  type Fen,
  type HeldClaim,
  isEmptyReadSet,
  missingReads,
  missingRenewalReads,
  type Policy,
  type ReadSet,
  type SingleStepEvent,
  type Snapshot,
} from '@medins/engine';
import { CATALOG_POINTER, catalogVersionOf } from './catalog.ts';
import { batchGet } from './dynamo.ts';
import { StoreError } from './errors.ts';
import { decodeEventItem } from './event-codec.ts';
import {
  type EventItem,
  type ItemRef,
  type MemberItem,
  memberStateOf,
  ref,
  type StayItem,
  type StoredMemberState,
  type VisitItem,
  yearAttribute,
} from './items.ts';
import type { Loaded } from './ports.ts';
import type { TableNames } from './tables.ts';

/** The items that answer a read set. */
function refsFor(reads: ReadSet): ItemRef[] {
  const refs: ItemRef[] = [];
  for (const id of reads.members) refs.push(ref.member(id));
  for (const id of reads.states) refs.push(ref.state(id));
  // A member's accumulators are on their state item.
  for (const k of reads.accumulators) refs.push(ref.state(splitKey(k)[0]));
  for (const id of reads.claims) refs.push(ref.event(id));
  for (const k of reads.viewers) {
    const [owner, member] = splitKey(k);
    refs.push(ref.viewer(owner, member));
  }
  for (const k of reads.visits) {
    const [provider, visit] = splitKey(k);
    refs.push(ref.visit(provider, visit));
  }
  for (const id of reads.held) refs.push(ref.event(id));
  for (const k of reads.stays) {
    const [member, provider] = splitKey(k);
    refs.push(ref.stay(member, provider));
  }
  return refs;
}

/**
 * The version of an event outcome item as its readers see it: 0 absent, 1 written, and
 * one more for each later update (a review decision, a reversal). Every reader of a
 * claim's item (a reversal, a decision) gets the same number, so the serial order
 * places them consistently.
 */
export function eventItemVersion(item: EventItem | undefined): number {
  return !item ? 0 : 1 + (item.decidedBy ? 1 : 0) + (item.reversedBy ? 1 : 0);
}

/** The parts of a `a|b` key (ids cannot contain `|`: the contract's id rule). */
const splitKey = (k: string) => k.split('|') as [string, string];

type MutableLoaded = {
  snapshot: Snapshot;
  versions: Record<string, number>;
  prior: EventResult | null;
  priorNotifications?: Loaded['priorNotifications'];
  catalogVersion: number;
};

/** Puts the items read into the snapshot, remembering the version of every item a commit may change or check. */
function fill(reads: ReadSet, items: Map<string, Record<string, unknown>>, loaded: MutableLoaded): void {
  const s = loaded.snapshot;
  for (const id of reads.members) s.members[id] = (items.get(ref.member(id).id) as MemberItem | undefined) ?? null;
  for (const id of reads.states) {
    const r = ref.state(id);
    const stored = items.get(r.id) as StoredMemberState | undefined;
    if (stored) {
      s.states[id] = memberStateOf(stored);
      loaded.versions[r.id] = stored.version;
    } else {
      s.states[id] = emptyMemberState(id);
      loaded.versions[r.id] = 0;
    }
  }
  for (const k of reads.accumulators) {
    const [member, year] = splitKey(k);
    const r = ref.state(member);
    const item = items.get(r.id) as StoredMemberState | undefined;
    s.accumulators[k] = Object.assign(dict<Fen>(), item?.[yearAttribute(Number(year)) as `accumulators_${number}`] ?? {});
    loaded.versions[r.id] = item?.version ?? 0;
  }
  for (const id of reads.claims) {
    const raw = items.get(ref.event(id).id);
    const item = raw ? decodeEventItem(raw) : undefined;
    // A claim's outcome item: absent (0), applied (1), decided or reversed (one more each). The commit checks it still is.
    loaded.versions[ref.event(id).id] = eventItemVersion(item);
    // A record written before claims named their visit (or their stay) holds none; an approved claim's is the approval's.
    const json = item?.record ?? item?.approvedRecord;
    const record = json ? (JSON.parse(json) as Omit<ClaimRecord, 'visit' | 'stay'> & Partial<Pick<ClaimRecord, 'visit' | 'stay'>>) : null;
    s.claims[id] = record
      ? {
          ...record,
          visit: record.visit ?? null,
          stay: record.stay ?? null,
          reversedBy: (item?.reversedBy ?? null) as ClaimRecord['reversedBy'],
        }
      : null;
  }
  for (const k of reads.viewers) {
    const [owner, member] = splitKey(k);
    const r = ref.viewer(owner, member);
    s.viewers[k] = items.has(r.id);
    loaded.versions[r.id] = items.has(r.id) ? 1 : 0;
  }
  for (const k of reads.visits) {
    const [provider, visit] = splitKey(k);
    const r = ref.visit(provider, visit);
    const item = items.get(r.id) as VisitItem | undefined;
    // Held by a claim, or free (never taken: version 0; freed by a reversal: claimId absent).
    s.visits[k] = (item?.claimId ?? null) as Snapshot['visits'][string];
    loaded.versions[r.id] = item?.version ?? 0;
  }
  for (const id of reads.held) {
    const raw = items.get(ref.event(id).id);
    const item = raw ? decodeEventItem(raw) : undefined;
    loaded.versions[ref.event(id).id] = eventItemVersion(item);
    s.held[id] = item?.held
      ? { ...(JSON.parse(item.held) as Omit<HeldClaim, 'decidedBy'>), decidedBy: (item.decidedBy ?? null) as HeldClaim['decidedBy'] }
      : null;
  }
  for (const k of reads.stays) {
    const [member, provider] = splitKey(k);
    const r = ref.stay(member, provider);
    const item = items.get(r.id) as StayItem | undefined;
    s.stays[k] = Object.assign(dict<Snapshot['stays'][string][string]>(), item?.stays ?? {});
    loaded.versions[r.id] = item?.version ?? 0;
  }
}

async function loadWith(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  eventId: string,
  next: (have: Snapshot) => ReadSet,
): Promise<Loaded> {
  const loaded: MutableLoaded = { snapshot: emptySnapshot(), versions: dict(), prior: null, catalogVersion: 0 };
  // The first round also reads the event's own outcome item and the catalog's version pointer (no extra request).
  let extra: ItemRef[] = [ref.event(eventId), CATALOG_POINTER];
  // Every item is read once per load: an item a later round asks for again (a member's accumulators of another year,
  // on the state item read before) is answered from the first read, so the snapshot never mixes two versions of it.
  const fetched = new Map<string, Record<string, unknown> | undefined>();
  for (let round = 0; round < 4; round++) {
    const reads = next(loaded.snapshot);
    if (isEmptyReadSet(reads) && extra.length === 0) return loaded;
    const wanted = [...extra, ...refsFor(reads)];
    const got = await batchGet(
      db,
      tables,
      wanted.filter((r) => !fetched.has(r.id)),
    );
    for (const r of wanted) if (!fetched.has(r.id)) fetched.set(r.id, got.get(r.id));
    const items = new Map(wanted.flatMap((r) => (fetched.get(r.id) ? [[r.id, fetched.get(r.id)!] as const] : [])));
    if (extra.length > 0) {
      loaded.catalogVersion = catalogVersionOf(items.get(CATALOG_POINTER.id));
      const raw = items.get(ref.event(eventId).id);
      const prior = raw ? decodeEventItem(raw) : undefined;
      if (prior) {
        loaded.prior = JSON.parse(prior.result) as EventResult;
        loaded.priorNotifications = prior.notifications ?? [];
        return loaded;
      }
      extra = [];
    }
    fill(reads, items, loaded);
  }
  throw new StoreError('the read set did not settle in 4 rounds', { entity: `events|${eventId}` });
}

/** The snapshot a single-step event is decided on (or its prior result, if it was applied before). */
export function loadEvent(db: DynamoDBDocumentClient, tables: TableNames, event: SingleStepEvent): Promise<Loaded> {
  return loadWith(db, tables, event.id, (have) => missingReads(event, have));
}

/** The snapshot one policy's renewal in a campaign is decided on. */
export function loadRenewal(db: DynamoDBDocumentClient, tables: TableNames, policy: Policy, eventId: string): Promise<Loaded> {
  return loadWith(db, tables, eventId, (have) => missingRenewalReads(policy, have));
}
