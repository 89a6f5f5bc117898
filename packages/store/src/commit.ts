/**
 * The one-transaction commit of an applied event. The engine's changes are applied
 * to copies of the items the decision read; every changed item is written back
 * conditional on the version that was read, every item read but not changed is
 * checked at that version, and the event's own outcome item is written only if
 * the event id is new. Either all of it happens, once, or none of it.
 */
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Change, ClaimRecord, EventResult, MemberId, Notification } from '@medins/engine';
import { ConflictError, StoreError } from './errors.ts';
import { asStoreError } from './dynamo.ts';
import { commitClock } from './clock.ts';
import { encodeEventItem } from './event-codec.ts';
import { ref, type AccumulatorsItem, type EventItem, type ItemRef, type LedgerItem, type MemberState, type OutboxItem } from './items.ts';
import type { Loaded } from './load.ts';
import type { TableNames } from './tables.ts';

type Put = { ref: ItemRef; item: Record<string, unknown>; condition: string; names?: Record<string, string>; values?: Record<string, unknown> };

export interface CommitInput {
  readonly eventId: string;
  readonly type: string;
  readonly result: EventResult;
  /** The event as received (contract JSON), kept with the outcome. */
  readonly eventDoc: unknown;
  readonly changes: readonly Change[];
  readonly notifications: readonly Notification[];
}

export interface CommitOutcome {
  /** False when the event had been applied before: the prior result is returned, nothing changed. */
  readonly applied: boolean;
  readonly result: EventResult;
  readonly committedAt: number | null;
  readonly notificationIds: readonly string[];
}

/** Applies the engine's changes to the items as read; returns what must be written. */
class WorkingSet {
  readonly states = new Map<string, MemberState>();
  readonly accumulators = new Map<string, AccumulatorsItem>();
  readonly dirty = new Set<string>();
  readonly puts: Put[] = [];
  readonly ledger: { memberId: string; currentFen: number; historicalFen: number; purpose: string; balanceAfterFen: number }[] = [];
  record: ClaimRecord | null = null;
  readonly #loaded: Loaded;

  constructor(loaded: Loaded) {
    this.#loaded = loaded;
    for (const [id, s] of Object.entries(loaded.states)) this.states.set(id, s);
    for (const [k, a] of Object.entries(loaded.accumulators)) this.accumulators.set(k, a);
  }

  state(id: MemberId): MemberState {
    const s = this.states.get(id);
    if (!s) throw new StoreError(`commit touches member ${id} whose state was not read`);
    return s;
  }

  #setState(id: MemberId, next: MemberState): void {
    this.states.set(id, next);
    this.dirty.add(ref.state(id).id);
  }

  apply(change: Change, eventId: string): void {
    switch (change.kind) {
      case 'account': {
        const s = this.state(change.memberId);
        if (!s.account) throw new StoreError(`member ${change.memberId} has no account to move money on`);
        const account = {
          currentFen: s.account.currentFen + change.currentFen,
          historicalFen: s.account.historicalFen + change.historicalFen,
        } as NonNullable<MemberState['account']>;
        const total = account.currentFen + account.historicalFen;
        const debit = -(change.currentFen + change.historicalFen);
        if (account.currentFen < 0 || account.historicalFen < 0 || (debit > 0 && total < change.floorFen)) {
          throw new StoreError(`event ${eventId} would take account ${change.memberId} below zero or its reserve`);
        }
        this.#setState(change.memberId, { ...s, account });
        this.ledger.push({ memberId: change.memberId, currentFen: change.currentFen, historicalFen: change.historicalFen, purpose: change.purpose, balanceAfterFen: total });
        return;
      }
      case 'accumulators': {
        const k = `${change.memberId}|${change.year}`;
        const a = this.accumulators.get(k);
        if (!a) throw new StoreError(`commit touches accumulators ${k} that were not read`);
        const counters: Record<string, number> = { ...a.counters };
        for (const [name, delta] of Object.entries(change.deltas)) {
          counters[name] = (counters[name] ?? 0) + delta;
          if (counters[name]! < 0) throw new StoreError(`accumulator ${name} of ${k} would go negative`);
          if (counters[name] === 0) delete counters[name];
        }
        this.accumulators.set(k, { ...a, counters });
        this.dirty.add(ref.accumulators(change.memberId, change.year).id);
        return;
      }
      case 'claimRecord':
        this.record = change.record;
        return;
      case 'claimReversed':
        // The claim's outcome item gains `reversedBy`, once: the condition makes a second reversal fail.
        this.puts.push({
          ref: ref.event(change.claimId),
          item: {},
          condition: 'attribute_exists(eventId) AND attribute_not_exists(reversedBy)',
          values: { ':r': change.reversalId },
        });
        return;
      case 'policy': {
        const p = change.policy;
        const insured = this.state(p.insuredId);
        this.#setState(p.insuredId, { ...insured, policies: { ...insured.policies, [p.productId]: p } });
        if (p.payment === 'personalAccount' && p.payerId !== p.insuredId) {
          const payer = this.state(p.payerId);
          this.#setState(p.payerId, { ...payer, relatives: { ...payer.relatives, [p.productId]: (payer.relatives[p.productId] ?? 0) + 1 } });
        }
        return;
      }
      case 'familyBind': {
        const b = change.binding;
        const member = this.state(b.memberId);
        this.#setState(b.memberId, { ...member, binding: b });
        const holder = this.state(b.holderId);
        this.#setState(b.holderId, { ...holder, groupSize: holder.groupSize + 1 });
        return;
      }
      case 'familyUnbind': {
        const member = this.state(change.memberId);
        this.#setState(change.memberId, { ...member, binding: null });
        const holder = this.state(change.holderId);
        this.#setState(change.holderId, { ...holder, groupSize: Math.max(0, holder.groupSize - 1) });
        return;
      }
      case 'viewerBind':
        this.puts.push({
          ref: ref.viewer(change.ownerId, change.memberId),
          item: { pk: change.ownerId, sk: `viewer|${change.memberId}`, ownerId: change.ownerId, memberId: change.memberId },
          condition: 'attribute_not_exists(pk)',
        });
        return;
    }
  }

  versionRead(id: string): number {
    return this.#loaded.versions[id] ?? 0;
  }
}

const versionCondition = (version: number, pk: string) =>
  version === 0 ? { condition: `attribute_not_exists(${pk})` } : { condition: '#v = :v', names: { '#v': 'version' }, values: { ':v': version } };

function toTransactItem(tables: TableNames, op: Put | { check: ItemRef; condition: string; names?: Record<string, string>; values?: Record<string, unknown> }): TransactWriteItem {
  const common = (o: { condition: string; names?: Record<string, string>; values?: Record<string, unknown> }) => ({
    ConditionExpression: o.condition,
    ...(o.names ? { ExpressionAttributeNames: o.names } : {}),
    ...(o.values ? { ExpressionAttributeValues: o.values } : {}),
  });
  if ('check' in op) {
    return { ConditionCheck: { TableName: tables[op.check.role], Key: { ...op.check.key }, ...common(op) } } as unknown as TransactWriteItem;
  }
  if (op.ref.role === 'events' && Object.keys(op.item).length === 0) {
    return {
      Update: { TableName: tables.events, Key: { ...op.ref.key }, UpdateExpression: 'SET reversedBy = :r', ...common(op) },
    } as unknown as TransactWriteItem;
  }
  return { Put: { TableName: tables[op.ref.role], Item: op.item, ...common(op) } } as unknown as TransactWriteItem;
}

/** Builds the transaction for one applied event; exported for tests and for the cost model. */
export function buildCommit(tables: TableNames, input: CommitInput, loaded: Loaded, committedAt: number): { items: TransactWriteItem[]; notificationIds: string[] } {
  const work = new WorkingSet(loaded);
  for (const change of input.changes) work.apply(change, input.eventId);

  const ops: (Put | { check: ItemRef; condition: string; names?: Record<string, string>; values?: Record<string, unknown> })[] = [];
  const writes: Record<string, number> = { [ref.event(input.eventId).id]: 1 };
  for (const id of work.dirty) writes[id] = work.versionRead(id) + 1;
  for (const put of work.puts) writes[put.ref.id] = put.ref.role === 'events' ? 2 : 1;
  const eventItem: EventItem = {
    eventId: input.eventId,
    type: input.type,
    status: input.result.status,
    result: JSON.stringify(input.result),
    event: input.eventDoc === undefined ? null : JSON.stringify(input.eventDoc),
    record: work.record ? JSON.stringify(work.record) : null,
    committedAt,
    reads: { ...loaded.versions },
    writes,
  };
  ops.push({ ref: ref.event(input.eventId), item: encodeEventItem(eventItem) as unknown as Record<string, unknown>, condition: 'attribute_not_exists(eventId)' });

  for (const [id, state] of work.states) {
    const r = ref.state(id);
    const read = work.versionRead(r.id);
    if (work.dirty.has(r.id)) ops.push({ ref: r, item: { ...state, version: read + 1 }, ...versionCondition(read, 'memberId') });
    else ops.push({ check: r, ...versionCondition(read, 'memberId') });
  }
  for (const [k, acc] of work.accumulators) {
    const [member, year] = k.split('|') as [string, string];
    const r = ref.accumulators(member, Number(year));
    const read = work.versionRead(r.id);
    if (work.dirty.has(r.id)) ops.push({ ref: r, item: { ...acc, version: read + 1 }, ...versionCondition(read, 'memberId') });
    else ops.push({ check: r, ...versionCondition(read, 'memberId') });
  }
  for (const [id, version] of Object.entries(loaded.versions)) {
    // Viewer bindings read but not written: their absence or presence must still hold.
    if (!id.startsWith('bindings|') || work.puts.some((p) => p.ref.id === id)) continue;
    const [, owner, , member] = id.split('|') as [string, string, string, string];
    ops.push({ check: ref.viewer(owner, member), condition: version === 0 ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)' });
  }
  for (const [id, version] of Object.entries(loaded.versions)) {
    // Claims read but not reversed here: still absent, or still not reversed (a reversal is final).
    if (!id.startsWith('events|') || version === 2 || work.puts.some((p) => p.ref.id === id)) continue;
    const claimId = id.slice('events|'.length);
    if (claimId === input.eventId) continue;
    ops.push({
      check: ref.event(claimId),
      condition: version === 0 ? 'attribute_not_exists(eventId)' : 'attribute_exists(eventId) AND attribute_not_exists(reversedBy)',
    });
  }
  ops.push(...work.puts);
  for (const change of input.changes) {
    if (change.kind !== 'policy') continue;
    const p = change.policy;
    ops.push({
      ref: ref.policy(p.productId, p.insuredId),
      item: { ...p, sk: `insured|${p.insuredId}`, policyId: p.id, createdKey: `${String(committedAt).padStart(17, '0')}|${p.insuredId}` },
      condition: 'attribute_not_exists(sk)',
    });
  }
  work.ledger.forEach((entry, n) => {
    const item: LedgerItem = { ...entry, entryId: `${committedAt}|${input.eventId}|${n}`, eventId: input.eventId };
    ops.push({ ref: { role: 'ledger', key: { memberId: item.memberId, entryId: item.entryId }, id: `ledger|${item.entryId}` }, item: item as unknown as Record<string, unknown>, condition: 'attribute_not_exists(entryId)' });
  });
  const notificationIds: string[] = [];
  for (const n of input.notifications) {
    const item: OutboxItem = {
      notificationId: `${n.eventId}|${n.to}|${n.kind}`,
      eventId: n.eventId,
      to: n.to,
      kind: n.kind,
      aboutId: n.aboutId,
      amountFen: n.amountFen,
      status: 'pending',
      createdAt: committedAt,
    };
    notificationIds.push(item.notificationId);
    ops.push({ ref: { role: 'outbox', key: { notificationId: item.notificationId }, id: `outbox|${item.notificationId}` }, item: item as unknown as Record<string, unknown>, condition: 'attribute_not_exists(notificationId)' });
  }
  if (ops.length > 100) throw new StoreError(`event ${input.eventId} needs ${ops.length} writes; a transaction takes 100`);
  return { items: ops.map((op) => toTransactItem(tables, op)), notificationIds };
}

/** Commits one applied event. Throws ConflictError when an item read has changed since. */
export async function commitEvent(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  input: CommitInput,
  loaded: Loaded,
  readPrior: (eventId: string) => Promise<EventResult | null>,
): Promise<CommitOutcome> {
  if (loaded.prior) return { applied: false, result: loaded.prior, committedAt: null, notificationIds: [] };
  const committedAt = commitClock();
  const { items, notificationIds } = buildCommit(tables, input, loaded, committedAt);
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items as never }));
    return { applied: true, result: input.result, committedAt, notificationIds };
  } catch (e) {
    const err = e as { name?: string; CancellationReasons?: { Code?: string }[] };
    if (err.name === 'TransactionCanceledException') {
      const reasons = err.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') {
        // Applied before (a duplicate delivery that raced this one): answer with the first result.
        const prior = await readPrior(input.eventId);
        if (prior) return { applied: false, result: prior, committedAt: null, notificationIds: [] };
      }
      if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) {
        throw new ConflictError(`event ${input.eventId}: an item it read changed before the commit`, { cause: e });
      }
    }
    if (err.name === 'TransactionConflictException') throw new ConflictError(`event ${input.eventId}: concurrent transaction`, { cause: e });
    throw asStoreError(e);
  }
}
