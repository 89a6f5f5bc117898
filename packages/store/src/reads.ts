/**
 * Reads outside the hot path: an event's outcome (API, idempotency), a member's
 * balances (API), pages of a product's policies in creation order (renewal), an
 * applied event's result and notifications (a duplicate's commit), and whole-table exports for the local
 * pipeline's reconciliation.
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Account, Counters, EventResult, Policy } from '@medins/engine';
import { asStoreError } from './dynamo.ts';
import { decodeEventItem } from './event-codec.ts';
import { type EventItem, type LedgerItem, type StoredMemberState, yearAttribute } from './items.ts';
import type { OwedNotification } from './ports.ts';
import type { TableNames, TableRole } from './tables.ts';

export async function getItem<T>(db: DynamoDBDocumentClient, table: string, key: Record<string, unknown>): Promise<T | null> {
  try {
    const out = await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
    return (out.Item as T | undefined) ?? null;
  } catch (e) {
    throw asStoreError(e);
  }
}

export async function readEvent(db: DynamoDBDocumentClient, tables: TableNames, eventId: string): Promise<EventItem | null> {
  const raw = await getItem<Record<string, unknown>>(db, tables.events, { eventId });
  return raw ? decodeEventItem(raw) : null;
}

export async function readResult(db: DynamoDBDocumentClient, tables: TableNames, eventId: string): Promise<EventResult | null> {
  return (await readPrior(db, tables, eventId))?.result ?? null;
}

/** An applied event's result and the notifications it owes (what a duplicate's commit answers with). */
export async function readPrior(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  eventId: string,
): Promise<{ result: EventResult; notifications: readonly OwedNotification[] } | null> {
  const item = await readEvent(db, tables, eventId);
  return item ? { result: JSON.parse(item.result) as EventResult, notifications: item.notifications ?? [] } : null;
}

export async function readBalances(db: DynamoDBDocumentClient, tables: TableNames, memberId: string): Promise<Account | null> {
  return (await getItem<StoredMemberState>(db, tables.accounts, { memberId }))?.account ?? null;
}

/** A member's accumulators of one year; null when the member has none kept for that year. */
export async function readAccumulators(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  memberId: string,
  year: number,
): Promise<Counters | null> {
  const state = await getItem<StoredMemberState>(db, tables.accounts, { memberId });
  return (state?.[yearAttribute(year) as `accumulators_${number}`] as Counters | undefined) ?? null;
}

/** The policies a member is insured by (the member state item's, by product id); null without a state item. */
export async function readPolicies(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  memberId: string,
): Promise<Readonly<Record<string, Policy>> | null> {
  return (await getItem<StoredMemberState>(db, tables.accounts, { memberId }))?.policies ?? null;
}

/** One page of a product's policies in creation order (the `byCreation` index). */
export async function listPolicyPage(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  productId: string,
  cursor: string | null,
  limit: number,
): Promise<{ policies: Policy[]; cursor: string | null }> {
  try {
    const out = await db.send(
      new QueryCommand({
        TableName: tables.policies,
        IndexName: 'byCreation',
        KeyConditionExpression: 'productId = :p',
        ExpressionAttributeValues: { ':p': productId },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: JSON.parse(cursor) } : {}),
      }),
    );
    const policies = (out.Items ?? []).map((i) => ({
      id: i.policyId ?? i.id,
      productId: i.productId,
      insuredId: i.insuredId,
      payerId: i.payerId,
      relationship: i.relationship,
      payment: i.payment,
    })) as Policy[];
    return { policies, cursor: out.LastEvaluatedKey ? JSON.stringify(out.LastEvaluatedKey) : null };
  } catch (e) {
    throw asStoreError(e);
  }
}

/** A configuration document of the catalog table (`principal|<id>`, `workload|fingerprint`…), parsed. */
export async function readConfig(db: DynamoDBDocumentClient, tables: TableNames, pk: string): Promise<Record<string, unknown> | null> {
  return (await readVersionedConfig(db, tables, pk))?.doc ?? null;
}

/** A configuration document and its version (a document written before versions existed is version 0). */
export async function readVersionedConfig(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  pk: string,
): Promise<{ doc: Record<string, unknown>; version: number } | null> {
  const item = await getItem<{ doc?: unknown; version?: unknown }>(db, tables.catalog, { pk });
  if (!item || typeof item.doc !== 'string') return null;
  return { doc: JSON.parse(item.doc) as Record<string, unknown>, version: typeof item.version === 'number' ? item.version : 0 };
}

/** How many items a table holds (tools only: a full scan). */
export async function countItems(db: DynamoDBDocumentClient, tables: TableNames, role: TableRole): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tables[role], Select: 'COUNT', ExclusiveStartKey: start }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/** Every item of a table (local pipeline and reconciliation only: never on a hot path). */
export async function scanAll<T>(db: DynamoDBDocumentClient, tables: TableNames, role: TableRole): Promise<T[]> {
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tables[role], ExclusiveStartKey: start, ConsistentRead: true }));
    out.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

export type { LedgerItem };
