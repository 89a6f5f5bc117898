/**
 * The raw reference (src/stack.ts `rawTransactions`) on the embedded stack: in `asRun`
 * mode every transaction does what the one it imitates did — inserts fresh items,
 * updates, replaces and checks items that exist under their version — and succeeds;
 * in `inserts` mode it only inserts. What each wrote is read back from the table.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Embedded, startEmbedded } from '@medins/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RawShape, rawTransactions } from '../src/stack.ts';

let embedded: Embedded;
beforeAll(async () => {
  embedded = await startEmbedded();
});
afterAll(async () => {
  await embedded?.stop();
});

/** Every raw item of a run, by partition. */
async function rawItems(run: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < 50; i++) {
    for (const pk of [`raw|${run}|existing|${i}`, `raw|${run}|${i}`]) {
      const out = await embedded.stack.documentClient.send(
        new QueryCommand({
          TableName: embedded.tables.bindings,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
        }),
      );
      items.push(...(out.Items ?? []));
    }
  }
  return items;
}

const SHAPES: RawShape[] = [
  { items: 3, bytes: [700, 300, 120], ops: ['insert', 'update', 'check'] },
  { items: 2, bytes: [650, 200], ops: ['insert', 'replace'] },
];

describe('rawTransactions', () => {
  it('repeats what each item did: existing items are changed under their version, new ones inserted', async () => {
    // Act: 4 transactions, 2 at a time, cycling the shapes (run "claims1": the first run of the process).
    const perSec = await rawTransactions(embedded, SHAPES, 4, 2, 'claims');
    // Assess
    const items = await rawItems('claims1');
    const existing = items.filter((i) => String(i.pk).includes('|existing|'));
    const inserted = items.filter((i) => !String(i.pk).includes('|existing|'));
    expect(perSec).toBeGreaterThan(0);
    // Transactions 0 and 2: an update (now version 2) and a check (still 1); 1 and 3: a replace (version 2).
    expect(existing.map((i) => [i.pk, i.sk, i.version]).sort()).toEqual(
      [
        ['raw|claims1|existing|0', '1', 2],
        ['raw|claims1|existing|0', '2', 1],
        ['raw|claims1|existing|1', '1', 2],
        ['raw|claims1|existing|2', '1', 2],
        ['raw|claims1|existing|2', '2', 1],
        ['raw|claims1|existing|3', '1', 2],
      ].sort(),
    );
    expect(inserted).toHaveLength(4);
    // Each item is about the size of the one it stands for.
    const updated = existing.find((i) => i.pk === 'raw|claims1|existing|0' && i.sk === '1')!;
    expect(JSON.stringify(updated).length).toBeGreaterThan(250);
    expect(JSON.stringify(updated).length).toBeLessThan(350);
  });

  it('writes only fresh items in inserts mode', async () => {
    // Act
    await rawTransactions(embedded, SHAPES, 4, 2, 'claims', 'inserts');
    // Assess: 3 + 2 + 3 + 2 inserts, nothing existing.
    const items = await rawItems('claims2');
    expect(items.filter((i) => String(i.pk).includes('|existing|'))).toEqual([]);
    expect(items).toHaveLength(10);
  });
});
