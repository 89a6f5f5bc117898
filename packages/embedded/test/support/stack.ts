/**
 * Test support for the embedded-stack suites: one stack per test file (the
 * handlers read process.env, so one per process), emptied between scenarios so
 * each starts from its own world; the engine's replay of the same document as
 * the reference every pipeline outcome must equal.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { parseScenarioText, renderOutcome } from '@medins/contract';
import { replay } from '@medins/engine';
import type { Embedded } from '../../src/index.ts';

/** The contract's public examples and our own scenarios (test/scenarios). */
export const EXAMPLES_DIR = join(import.meta.dirname, '../../../../../shared/contract/examples');
const SCENARIOS_DIR = join(import.meta.dirname, '../../../../test/scenarios');

export interface ScenarioCase {
  readonly name: string;
  readonly file: string;
  readonly expectedFile: string;
  readonly public: boolean;
}

export function scenarioCases(): ScenarioCase[] {
  return [EXAMPLES_DIR, SCENARIOS_DIR]
    .filter((d) => existsSync(d))
    .flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith('.scenario.json'))
        .sort()
        .map((f) => ({
          name: f.replace('.scenario.json', ''),
          file: join(d, f),
          expectedFile: join(d, f.replace('.scenario.json', '.expected.json')),
          public: d === EXAMPLES_DIR,
        })),
    );
}

export const readText = (file: string): string => readFileSync(file, 'utf8');

/** The engine's serial replay of a scenario document, rendered as the contract prints it. */
export function engineOutcomeText(text: string): string {
  const s = parseScenarioText(text);
  return renderOutcome(replay(s.world, s.events));
}

const keyNames = new Map<string, string[]>();

async function keysOf(embedded: Embedded, table: string): Promise<string[]> {
  let keys = keyNames.get(table);
  if (!keys) {
    const out = await embedded.stack.dynamodb.send(new DescribeTableCommand({ TableName: table }));
    keys = (out.Table?.KeySchema ?? []).map((k) => k.AttributeName!);
    if (keys.length === 0) throw new Error(`table ${table} has no key schema`);
    keyNames.set(table, keys);
  }
  return keys;
}

/** Deletes every item of every table the store uses, and forgets the cached catalog. */
export async function emptyTables(embedded: Embedded): Promise<void> {
  // Reviews left waiting by the previous scenario would publish into the next one's tables.
  await embedded.reviews.reset();
  await Promise.all(
    Object.values(embedded.tables).map(async (table) => {
      const keys = await keysOf(embedded, table);
      const names = Object.fromEntries(keys.map((k, i) => [`#k${i}`, k]));
      let start: Record<string, unknown> | undefined;
      do {
        const page = await embedded.db.send(
          new ScanCommand({
            TableName: table,
            ProjectionExpression: Object.keys(names).join(', '),
            ExpressionAttributeNames: names,
            ExclusiveStartKey: start,
            ConsistentRead: true,
          }),
        );
        const items = page.Items ?? [];
        for (let i = 0; i < items.length; i += 25) {
          let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string] = items
            .slice(i, i + 25)
            .map((item) => ({ DeleteRequest: { Key: Object.fromEntries(keys.map((k) => [k, item[k]])) } }));
          while (requests.length > 0) {
            const out = await embedded.db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
            requests = out.UnprocessedItems?.[table] ?? [];
          }
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  embedded.store.refreshCatalog();
}
