/**
 * Thin DynamoDB helpers: batched consistent reads that finish unprocessed keys,
 * and the mapping of SDK failures onto the store's error family.
 */
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransientError } from './errors.ts';
import type { ItemRef } from './items.ts';
import type { TableNames } from './tables.ts';

const TRANSIENT = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
]);

/** Wraps throttling, timeouts and 5xx as TransientError; lets everything else through. */
export function asStoreError(e: unknown): unknown {
  const err = e as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; message?: string };
  // A socket error is an Error named "Error" whose `code` says what happened: look at both.
  const name = [err?.name, err?.code].find((n): n is string => n !== undefined && TRANSIENT.has(n));
  if (name !== undefined || (err?.$metadata?.httpStatusCode ?? 0) >= 500) {
    return new TransientError(`DynamoDB: ${name ?? err?.name ?? 'server error'}`, { cause: e });
  }
  return e;
}

/**
 * Reads items by reference with strongly consistent BatchGetItem (100 keys a call),
 * retrying unprocessed keys. Returns a map ref id → item, absent items omitted.
 */
export async function batchGet(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  refs: readonly ItemRef[],
): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  const unique = [...new Map(refs.map((r) => [r.id, r])).values()];
  // Answers come back per table in any order: match them to refs by their key attributes.
  const keyNames = new Map(unique.map((r) => [r.role as string, Object.keys(r.key).sort()]));
  const keyId = (role: string, item: Readonly<Record<string, unknown>>) =>
    `${role}|${(keyNames.get(role) ?? []).map((k) => String(item[k])).join('|')}`;
  const byKey = new Map(unique.map((r) => [keyId(r.role, r.key), r]));
  const roleOf = new Map(Object.entries(tables).map(([role, name]) => [name, role]));
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> = {};
    for (const r of unique.slice(i, i + 100)) {
      const table = tables[r.role];
      request[table] ??= { Keys: [], ConsistentRead: true };
      request[table].Keys.push({ ...r.key });
    }
    for (let attempt = 0; Object.keys(request).length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      if (attempt > 8) throw new TransientError('DynamoDB left keys unprocessed after 8 retries');
      let response: BatchGetCommandOutput;
      try {
        response = await db.send(new BatchGetCommand({ RequestItems: request }));
      } catch (e) {
        throw asStoreError(e);
      }
      for (const [table, items] of Object.entries(response.Responses ?? {})) {
        const role = roleOf.get(table) ?? '';
        for (const item of items) {
          const r = byKey.get(keyId(role, item));
          if (r) out.set(r.id, item);
        }
      }
      request = (response.UnprocessedKeys ?? {}) as typeof request;
    }
  }
  return out;
}
