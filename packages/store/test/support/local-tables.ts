/**
 * Test support (store tests → DynamoDB Local): the CDK app's tables on the local
 * stack, a Store on them, and a way to empty them between cases. Real DynamoDB
 * semantics (conditions, transactions, consistent reads), no mocks.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { synthesizeTemplate } from '@medins/infra';
import { type CfnTemplate, LOCAL_CREDENTIALS, type LocalStack, startLocalStack } from '@medins/local-stack';
import { documentClient, Store, TABLE_ROLES, type TableNames, type TableRole } from '../../src/index.ts';

export interface LocalTables {
  readonly stack: LocalStack;
  readonly db: DynamoDBDocumentClient;
  readonly tables: TableNames;
  readonly store: Store;
  /** Deletes every item of every table, and forgets the store's cached catalog. */
  empty(): Promise<void>;
  stop(): Promise<void>;
}

function tableIds(template: CfnTemplate): Record<TableRole, string> {
  const out: Partial<Record<TableRole, string>> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const role = resource.Metadata?.['medins:table'];
    if (typeof role === 'string' && (TABLE_ROLES as readonly string[]).includes(role)) out[role as TableRole] = logicalId;
  }
  return out as Record<TableRole, string>;
}

export async function startLocalTables(): Promise<LocalTables> {
  const template = synthesizeTemplate({ stage: 'dev' }) as CfnTemplate;
  const stack = await startLocalStack({ template });
  const ids = tableIds(template);
  const tables = Object.fromEntries(TABLE_ROLES.map((role) => [role, stack.tableNames[ids[role]]!])) as unknown as TableNames;
  const db = documentClient({ endpoint: stack.endpoints.dynamodb, region: stack.region, credentials: LOCAL_CREDENTIALS });
  const store = new Store(db, tables);
  const keys = new Map<string, string[]>();
  for (const table of Object.values(tables)) {
    const out = await stack.dynamodb.send(new DescribeTableCommand({ TableName: table }));
    keys.set(
      table,
      (out.Table?.KeySchema ?? []).map((k) => k.AttributeName!),
    );
  }
  return {
    stack,
    db,
    tables,
    store,
    async empty() {
      await Promise.all(
        Object.values(tables).map(async (table) => {
          const names = keys.get(table)!;
          let start: Record<string, unknown> | undefined;
          do {
            const page = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
            const items = page.Items ?? [];
            for (let i = 0; i < items.length; i += 25) {
              let requests = items
                .slice(i, i + 25)
                .map((item) => ({ DeleteRequest: { Key: Object.fromEntries(names.map((k) => [k, item[k]])) } }));
              while (requests.length > 0) {
                const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
                requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
              }
            }
            start = page.LastEvaluatedKey;
          } while (start);
        }),
      );
      store.refreshCatalog();
    },
    stop: () => stack.stop(),
  };
}
