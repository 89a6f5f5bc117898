/**
 * The one-transaction commit of an applied event. The engine's changes are applied
 * to copies of the items the decision read; every changed item is written back
 * conditional on the version that was read, every item read but not changed is
 * checked at that version, and the event's own outcome item is written only if
 * the event id is new. Either all of it happens, once, or none of it.
 */

import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Applied,
  accumulatorsKey,
  applyChanges,
  copyItems,
  type EventId,
  type EventResult,
  InvariantError,
  type MemberId,
  own,
} from '@medins/engine';
import { commitClock } from './clock.ts';
import { asStoreError } from './dynamo.ts';
import { ConflictError, StoreError } from './errors.ts';
import { encodeEventItem } from './event-codec.ts';
import { type EventItem, type ItemRef, owedNotificationOf, ref, type StayItem, type VisitItem, yearAttribute } from './items.ts';
import type { CommitInput, CommitOutcome, Loaded, OwedNotification } from './ports.ts';
import type { TableNames } from './tables.ts';

type Condition = { condition: string; names?: Record<string, string>; values?: Record<string, unknown> };
type Op =
  | (Condition & { put: ItemRef; item: Record<string, unknown> })
  | (Condition & { check: ItemRef })
  | (Condition & { update: ItemRef; expression: string });

const versionCondition = (version: number, pk: string): Condition =>
  version === 0
    ? { condition: `attribute_not_exists(${pk})` }
    : { condition: '#v = :v', names: { '#v': 'version' }, values: { ':v': version } };

function toTransactItem(tables: TableNames, op: Op): TransactWriteItem {
  const common = {
    ConditionExpression: op.condition,
    ...(op.names ? { ExpressionAttributeNames: op.names } : {}),
    ...(op.values ? { ExpressionAttributeValues: op.values } : {}),
  };
  if ('check' in op)
    return { ConditionCheck: { TableName: tables[op.check.role], Key: { ...op.check.key }, ...common } } as unknown as TransactWriteItem;
  if ('update' in op) {
    return {
      Update: { TableName: tables[op.update.role], Key: { ...op.update.key }, UpdateExpression: op.expression, ...common },
    } as unknown as TransactWriteItem;
  }
  return { Put: { TableName: tables[op.put.role], Item: op.item, ...common } } as unknown as TransactWriteItem;
}

const splitKey = (k: string) => k.split('|') as [string, string];

/** An update that sets `set`'s attributes (a new item is created with its key), under `condition`. */
function updateOf(r: ItemRef, set: Record<string, unknown>, condition: Condition): Op {
  const names: Record<string, string> = { ...condition.names };
  const values: Record<string, unknown> = { ...condition.values };
  const parts = Object.entries(set).map(([attribute, value], i) => {
    names[`#a${i}`] = attribute;
    values[`:a${i}`] = value;
    return `#a${i} = :a${i}`;
  });
  return { update: r, expression: `SET ${parts.join(', ')}`, condition: condition.condition, names, values };
}

/**
 * Builds the transaction for one applied event; exported for tests and for the
 * cost model. The engine's `applyChanges` (the one implementation of every state
 * change) runs on a copy of the snapshot; every item it replaced is written under
 * the version read, every other item read is checked at that version.
 */
export function buildCommit(
  tables: TableNames,
  input: CommitInput,
  loaded: Loaded,
  committedAt: number,
): { items: TransactWriteItem[]; notifications: OwedNotification[] } {
  const after = copyItems(loaded.snapshot);
  let applied: Applied;
  try {
    applied = applyChanges(after, input.changes);
  } catch (e) {
    if (e instanceof InvariantError)
      throw new StoreError(`event ${input.eventId} does not apply to the items it read: ${e.message}`, { entity: e.entity, cause: e });
    throw e;
  }
  // Every item written must have been read: its version is what makes the write safe.
  for (const id of applied.states)
    if (!Object.hasOwn(loaded.snapshot.states, id))
      throw new StoreError('the commit touches a member state that was not read', { entity: `accounts|${id}` });
  for (const k of applied.accumulators)
    if (!Object.hasOwn(loaded.snapshot.accumulators, k))
      throw new StoreError('the commit touches accumulators that were not read', { entity: `accumulators|${k}` });
  for (const k of applied.visits)
    if (!Object.hasOwn(loaded.snapshot.visits, k))
      throw new StoreError('the commit touches a visit that was not read', { entity: `visits|${k}` });
  for (const k of applied.stays)
    if (!Object.hasOwn(loaded.snapshot.stays, k))
      throw new StoreError('the commit touches inpatient stays that were not read', { entity: `stays|${k}` });
  for (const id of applied.held)
    if (id !== input.eventId && !Object.hasOwn(loaded.snapshot.held, id))
      throw new StoreError('the commit decides a held claim that was not read', { entity: `events|${id}` });
  const versionRead = (id: string) => loaded.versions[id] ?? 0;
  const ops: Op[] = [];
  const writes: Record<string, number> = { [ref.event(input.eventId).id]: 1 };

  const recorded = [...applied.recorded][0];
  // A claim records itself; an approval records the held claim it settles, on that claim's own item (below).
  const ownRecord = recorded === input.eventId ? recorded : undefined;
  const heldHere = applied.held.has(input.eventId as EventId) ? own(after.held, input.eventId) : undefined;
  // What the event owes is recorded on its own outcome item (no item per message): the commit returns it for the
  // notification step to publish, and a redelivery finds it there and publishes it again under the same ids.
  const notifications = input.notifications.map((n) => owedNotificationOf(n, own(loaded.snapshot.members, n.to)));
  const eventItem: EventItem = {
    eventId: input.eventId,
    type: input.type,
    status: input.result.status,
    result: JSON.stringify(input.result),
    event: input.eventDoc === undefined ? null : JSON.stringify(input.eventDoc),
    record: ownRecord === undefined ? null : JSON.stringify(own(after.claims, ownRecord)),
    ...(heldHere ? { held: JSON.stringify({ claim: heldHere.claim, flags: heldHere.flags }) } : {}),
    committedAt,
    reads: { ...loaded.versions },
    writes,
    catalogVersion: loaded.catalogVersion,
    notifications,
    ledger: applied.ledger.map(({ memberId, purpose, currentFen, historicalFen, balanceAfterFen }) => ({
      memberId,
      purpose,
      currentFen,
      historicalFen,
      balanceAfterFen,
    })),
  };

  // Member state items, each holding the member's state and their accumulators of every year: one update if either
  // changed, else one check, under the version read.
  const years = new Map<string, Set<number>>();
  for (const k of Object.keys(after.accumulators)) {
    const [member, year] = splitKey(k);
    years.set(member, (years.get(member) ?? new Set()).add(Number(year)));
  }
  for (const id of new Set([...Object.keys(after.states), ...years.keys()])) {
    const r = ref.state(id);
    const read = versionRead(r.id);
    const stateChanged = applied.states.has(id as MemberId);
    const changedYears = [...(years.get(id) ?? [])].filter((y) => applied.accumulators.has(accumulatorsKey(id as MemberId, y)));
    if (!stateChanged && changedYears.length === 0) {
      ops.push({ check: r, ...versionCondition(read, 'memberId') });
      continue;
    }
    writes[r.id] = read + 1;
    const set: Record<string, unknown> = { version: read + 1 };
    if (stateChanged) {
      const { account, binding, groupSize, policies, relatives } = own(after.states, id)!;
      Object.assign(set, { account, binding, groupSize, policies, relatives });
    }
    for (const y of changedYears) set[yearAttribute(y)] = { ...(own(after.accumulators, accumulatorsKey(id as MemberId, y)) ?? {}) };
    ops.push(updateOf(r, set, versionCondition(read, 'memberId')));
  }
  // Viewer bindings: added once, or still as read.
  for (const k of Object.keys(after.viewers)) {
    const [owner, member] = splitKey(k);
    const r = ref.viewer(owner, member);
    if (applied.viewers.has(k)) {
      writes[r.id] = 1;
      ops.push({
        put: r,
        item: { pk: owner, sk: `viewer|${member}`, ownerId: owner, memberId: member },
        condition: 'attribute_not_exists(pk)',
      });
    } else ops.push({ check: r, condition: versionRead(r.id) === 0 ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)' });
  }
  // Visits: taken by the claim recorded here or freed by the reversal, under the version read (a claim that
  // found the visit free conflicts with one that took it meanwhile); a visit only read is checked as read.
  for (const k of Object.keys(after.visits)) {
    const [provider, visit] = splitKey(k);
    const r = ref.visit(provider, visit);
    const read = versionRead(r.id);
    if (applied.visits.has(k)) {
      writes[r.id] = read + 1;
      const holder = own(after.visits, k) ?? null;
      const item: VisitItem = {
        ...(r.key as { pk: string; sk: string }),
        providerId: provider,
        visitId: visit,
        ...(holder === null ? {} : { claimId: holder }),
        version: read + 1,
      };
      ops.push({ put: r, item: item as unknown as Record<string, unknown>, ...versionCondition(read, 'pk') });
    } else ops.push({ check: r, ...versionCondition(read, 'pk') });
  }
  // Inpatient stays: recorded by a settled inpatient claim or freed by its reversal, under the version read.
  for (const k of Object.keys(after.stays)) {
    const [member, provider] = splitKey(k);
    const r = ref.stay(member, provider);
    const read = versionRead(r.id);
    if (applied.stays.has(k)) {
      writes[r.id] = read + 1;
      const item: StayItem = {
        ...(r.key as { pk: string; sk: string }),
        memberId: member,
        providerId: provider,
        stays: { ...(own(after.stays, k) ?? {}) },
        version: read + 1,
      };
      ops.push({ put: r, item: item as unknown as Record<string, unknown>, ...versionCondition(read, 'pk') });
    } else ops.push({ check: r, ...versionCondition(read, 'pk') });
  }
  // Claims' outcome items read (by a reversal or a review decision): updated here once, or still as read.
  const claimItems = new Set([...Object.keys(after.claims), ...Object.keys(after.held)]);
  for (const claimId of claimItems) {
    if (claimId === input.eventId) continue;
    const r = ref.event(claimId);
    const read = versionRead(r.id);
    const reversalId = applied.reversed.get(claimId as EventId);
    const decided = applied.held.has(claimId as EventId) ? own(after.held, claimId) : undefined;
    if (reversalId !== undefined) {
      writes[r.id] = read + 1;
      ops.push({
        update: r,
        expression: 'SET reversedBy = :r',
        condition: 'attribute_exists(eventId) AND attribute_not_exists(reversedBy)',
        values: { ':r': reversalId },
      });
    } else if (decided?.decidedBy) {
      writes[r.id] = read + 1;
      const approved = recorded === claimId ? own(after.claims, claimId) : undefined;
      ops.push({
        update: r,
        expression: approved ? 'SET decidedBy = :d, approvedRecord = :a' : 'SET decidedBy = :d',
        condition: 'attribute_exists(eventId) AND attribute_not_exists(decidedBy)',
        values: { ':d': decided.decidedBy, ...(approved ? { ':a': JSON.stringify(approved) } : {}) },
      });
    } else if (read < 2) {
      // From 2 on (decided or reversed) no later change of the item alters an answer given on it: nothing to check.
      const condition =
        read === 0
          ? 'attribute_not_exists(eventId)'
          : 'attribute_exists(eventId) AND attribute_not_exists(decidedBy) AND attribute_not_exists(reversedBy)';
      ops.push({ check: r, condition });
    }
  }
  for (const p of applied.policies) {
    ops.push({
      put: ref.policy(p.productId, p.insuredId),
      item: { ...p, sk: `insured|${p.insuredId}`, policyId: p.id, createdKey: `${String(committedAt).padStart(17, '0')}|${p.insuredId}` },
      condition: 'attribute_not_exists(sk)',
    });
  }
  // Encoded last: `writes` is complete only now, and the serial order of a run is derived from it.
  ops.unshift({
    put: ref.event(input.eventId),
    item: encodeEventItem(eventItem) as unknown as Record<string, unknown>,
    condition: 'attribute_not_exists(eventId)',
  });
  if (ops.length > 100)
    throw new StoreError(`event ${input.eventId} needs ${ops.length} writes; a transaction takes 100`, {
      entity: `events|${input.eventId}`,
    });
  return { items: ops.map((op) => toTransactItem(tables, op)), notifications };
}

/** Commits one applied event. Throws ConflictError when an item read has changed since. */
export async function commitEvent(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  input: CommitInput,
  loaded: Loaded,
  readPrior: (eventId: string) => Promise<{ result: EventResult; notifications: readonly OwedNotification[] } | null>,
): Promise<CommitOutcome> {
  if (loaded.prior) return { applied: false, result: loaded.prior, committedAt: null, notifications: loaded.priorNotifications ?? [] };
  const committedAt = commitClock();
  const { items, notifications } = buildCommit(tables, input, loaded, committedAt);
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items as never }));
    return { applied: true, result: input.result, committedAt, notifications };
  } catch (e) {
    const err = e as { name?: string; CancellationReasons?: { Code?: string }[] };
    if (err.name === 'TransactionCanceledException') {
      const reasons = err.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') {
        // Applied before (a duplicate delivery that raced this one): answer with the first result.
        const prior = await readPrior(input.eventId);
        if (prior) return { applied: false, result: prior.result, committedAt: null, notifications: prior.notifications };
      }
      if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) {
        throw new ConflictError(`event ${input.eventId}: an item it read changed before the commit`, { cause: e });
      }
    }
    if (err.name === 'TransactionConflictException')
      throw new ConflictError(`event ${input.eventId}: concurrent transaction`, { cause: e });
    throw asStoreError(e);
  }
}
