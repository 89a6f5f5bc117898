/**
 * Loading a scenario's world into the tables (the local pipeline, tests, the main
 * job): member profiles, member state items (accounts, bindings, group sizes,
 * policies held, relatives paid for) and policy items in document order (renewal
 * campaigns walk them in creation order). The catalog is published by
 * `Store.seed` as a version (catalog.ts).
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { itemsOfWorld, type MemberId, type MemberState, type World } from '@medins/engine';
import type { TableNames, TableRole } from './tables.ts';

/** Writes items in batches of 25 (unprocessed ones again, with backoff), `concurrency` batches at a time. */
export async function writeAll(
  db: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
  concurrency = 1,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let start = next; start < items.length; start = next) {
        next += 25;
        let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> = {
          [table]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
        };
        for (let attempt = 0; Object.keys(request).length > 0; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
          const out = await db.send(new BatchWriteCommand({ RequestItems: request }));
          request = (out.UnprocessedItems ?? {}) as typeof request;
        }
      }
    }),
  );
}

/** Member state items of a world, by member id: the engine's items, so memory and tables start alike. */
export function statesOf(world: World): Map<MemberId, MemberState> {
  return new Map(Object.entries(itemsOfWorld(world).states) as [MemberId, MemberState][]);
}

/**
 * Writes a world's state into empty tables (its catalog is published apart:
 * `publishCatalogDocs`). Versions start at 1 for every state item written.
 */
export async function seedWorld(db: DynamoDBDocumentClient, tables: TableNames, world: World): Promise<void> {
  const put = (role: TableRole, items: Record<string, unknown>[]) => writeAll(db, tables[role], items);
  // Members arrive sealed (names, ID numbers, phones as keyed digests and masks: engine's core/personal.ts).
  await put(
    'members',
    world.members.map((m) => ({ ...m, memberId: m.id }) as unknown as Record<string, unknown>),
  );
  await put(
    'accounts',
    [...statesOf(world).values()].map((s) => ({ ...s, version: 1 }) as unknown as Record<string, unknown>),
  );
  await put(
    'policies',
    world.policies.map((p, i) => ({
      ...p,
      sk: `insured|${p.insuredId}`,
      policyId: p.id,
      createdKey: `${String(i).padStart(17, '0')}|${p.insuredId}`,
      seeded: true,
    })),
  );
}
