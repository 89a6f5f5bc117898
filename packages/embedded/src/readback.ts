/**
 * Reading a run back from the tables: each event's result, the final balances,
 * the order events were committed in, and the ledger. Scans are fine here: this
 * is reporting after a run, never a hot path.
 */
import type { Account, EventResult } from '@medins/engine';
import { dict } from '@medins/engine';
import {
  decodeEventItem,
  type EventItem,
  type LedgerItem,
  ledgerOf,
  orderNodes,
  type Store,
  type StoredMemberState,
  serialOrder,
} from '@medins/store';

/** Per-policy renewal items belong to their campaign: the campaign is the event. */
const isOwnEvent = (item: EventItem) => item.type !== 'policyRenewal';

export async function readEventItems(store: Store): Promise<EventItem[]> {
  // The API's accept records (`accept|<id>`), the national gateway's items (`hsa|…`) and held claims' review tasks
  // (`review|<claim>`) share the table; they are not outcomes.
  return (await store.scanAll<Record<string, unknown>>('events'))
    .filter((i) => !/^(accept|hsa|review)\|/.test(String(i.eventId)))
    .map(decodeEventItem);
}

/** Results of the given events in the given order (a missing one is `null`), from items already read. */
export function resultsOf(items: readonly EventItem[], eventIds: readonly string[]): (EventResult | null)[] {
  const byId = new Map(items.map((i) => [i.eventId, i]));
  return eventIds.map((id) => {
    const item = byId.get(id);
    return item ? (JSON.parse(item.result) as EventResult) : null;
  });
}

/** Results of the given events, in the given order: key lookups for a few, one scan for many. */
export async function readResults(store: Store, eventIds: readonly string[]): Promise<(EventResult | null)[]> {
  if (eventIds.length <= 100) return Promise.all(eventIds.map((id) => store.readResult(id)));
  return resultsOf(await readEventItems(store), eventIds);
}

/** Every personal account, by member id in id order (as the engine's replay reports them). */
export async function readAccounts(store: Store): Promise<Record<string, Account>> {
  const states = await store.scanAll<StoredMemberState>('accounts');
  const out = dict<Account>();
  for (const s of states.filter((x) => x.account).sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0))) {
    out[s.memberId] = { currentFen: s.account!.currentFen, historicalFen: s.account!.historicalFen };
  }
  return out;
}

/** The campaign a per-policy renewal belongs to; every other event is its own. */
function nodeOf(item: EventItem): string {
  if (isOwnEvent(item) || item.event === null) return item.eventId;
  return String((JSON.parse(item.event) as { campaignId?: string }).campaignId ?? item.eventId);
}

/**
 * The applied events as received, each once, in the serial order the concurrent
 * commits are equivalent to (derived from the item versions each event read and
 * produced; commit time breaks ties between independent events).
 */
export async function readCommitOrder(store: Store): Promise<CommittedEvent[]> {
  return serialEvents(await readEventItems(store));
}

export interface CommittedEvent {
  readonly eventId: string;
  readonly committedAt: number;
  readonly doc: unknown;
}

/** The same, from items already read. */
export function serialEvents(items: readonly EventItem[]): CommittedEvent[] {
  const byId = new Map(items.map((i) => [i.eventId, i]));
  return serialOrder(orderNodes(items, nodeOf))
    .map((id) => byId.get(id))
    .filter((i): i is EventItem => i !== undefined && isOwnEvent(i))
    .map((i) => ({ eventId: i.eventId, committedAt: i.committedAt, doc: i.event === null ? null : JSON.parse(i.event) }));
}

/** Every ledger entry: the lines of every applied event's outcome item. */
export async function readLedger(store: Store): Promise<LedgerItem[]> {
  return (await readEventItems(store)).flatMap(ledgerOf);
}
