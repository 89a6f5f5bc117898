/**
 * Test support (store property tests → a DynamoDB document client in memory): the
 * few commands and the few expressions the store sends, evaluated as DynamoDB
 * does, so that a property can run a thousand scenarios through the real Store
 * code in seconds. An expression it does not know throws: it can never pass a
 * condition by not understanding it. The same property runs on DynamoDB Local
 * too (commit.property.test.ts), which is what keeps this one honest.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;
type Values = Record<string, unknown>;
type Names = Record<string, string>;

/** Key attribute names per table (what DescribeTable would say). */
export type KeySchemas = Readonly<Record<string, readonly string[]>>;

const clone = <T>(x: T): T => structuredClone(x);

class ConditionFailed extends Error {
  override readonly name = 'ConditionalCheckFailedException';
}

function attr(token: string, names: Names | undefined): string {
  return token.startsWith('#') ? (names?.[token] ?? token) : token;
}

/** `attribute_not_exists(a)`, `attribute_exists(a)`, `a = :v`, joined by AND. */
function holds(expression: string, item: Item | undefined, names: Names | undefined, values: Values | undefined): boolean {
  return expression.split(/\s+AND\s+/).every((clause) => {
    const c = clause.trim();
    let m = /^attribute_not_exists\(([#\w]+)\)$/.exec(c);
    if (m) return item === undefined || item[attr(m[1]!, names)] === undefined;
    m = /^attribute_exists\(([#\w]+)\)$/.exec(c);
    if (m) return item !== undefined && item[attr(m[1]!, names)] !== undefined;
    m = /^([#\w]+)\s*=\s*(:\w+)$/.exec(c);
    if (m) return item !== undefined && JSON.stringify(item[attr(m[1]!, names)]) === JSON.stringify(values?.[m[2]!]);
    throw new Error(`memory DynamoDB does not understand the condition "${c}"`);
  });
}

/** `SET a = :x, #b = :y` and `REMOVE c`. */
function update(item: Item, expression: string, names: Names | undefined, values: Values | undefined): Item {
  const next = { ...item };
  const m = /^SET\s+(.+?)(?:\s+REMOVE\s+(.+))?$/.exec(expression.trim());
  if (!m) throw new Error(`memory DynamoDB does not understand the update "${expression}"`);
  for (const assignment of m[1]!.split(',')) {
    const [left, right] = assignment.split('=').map((s) => s.trim()) as [string, string];
    if (!right?.startsWith(':')) throw new Error(`memory DynamoDB does not understand "${assignment}"`);
    next[attr(left, names)] = clone(values?.[right]);
  }
  for (const removed of m[2]?.split(',') ?? []) delete next[attr(removed.trim(), names)];
  return next;
}

/** Tables in memory behind the document client interface the store uses. */
export function memoryDynamoDb(keys: KeySchemas): {
  client: DynamoDBDocumentClient;
  tables: Map<string, Map<string, Item>>;
  requests: () => number;
} {
  const tables = new Map<string, Map<string, Item>>();
  let requests = 0;
  const table = (name: string) => {
    const t = tables.get(name) ?? new Map<string, Item>();
    tables.set(name, t);
    return t;
  };
  const keyOf = (name: string, item: Item) => {
    const schema = keys[name];
    if (!schema) throw new Error(`memory DynamoDB has no table ${name}`);
    return JSON.stringify(schema.map((k) => item[k]));
  };
  const get = (name: string, key: Item) => table(name).get(keyOf(name, key));

  async function send(command: unknown): Promise<unknown> {
    requests++;
    if (command instanceof GetCommand) {
      const item = get(command.input.TableName!, command.input.Key!);
      return { Item: item ? clone(item) : undefined };
    }
    if (command instanceof BatchGetCommand) {
      const Responses: Record<string, Item[]> = {};
      for (const [name, request] of Object.entries(command.input.RequestItems ?? {})) {
        Responses[name] = (request.Keys ?? [])
          .map((k) => get(name, k))
          .filter((i): i is Item => i !== undefined)
          .map(clone);
      }
      return { Responses, UnprocessedKeys: {} };
    }
    if (command instanceof BatchWriteCommand) {
      for (const [name, requests] of Object.entries(command.input.RequestItems ?? {})) {
        for (const r of requests) {
          if (r.PutRequest) table(name).set(keyOf(name, r.PutRequest.Item!), clone(r.PutRequest.Item!));
          if (r.DeleteRequest) table(name).delete(keyOf(name, r.DeleteRequest.Key!));
        }
      }
      return { UnprocessedItems: {} };
    }
    if (command instanceof ScanCommand) return { Items: [...table(command.input.TableName!).values()].map(clone) };
    if (command instanceof QueryCommand) {
      const { TableName, IndexName, KeyConditionExpression, ExpressionAttributeValues } = command.input;
      const m = /^(\w+)\s*=\s*(:\w+)$/.exec(KeyConditionExpression ?? '');
      if (!m || IndexName !== 'byCreation')
        throw new Error(`memory DynamoDB does not understand the query ${IndexName} ${KeyConditionExpression}`);
      const all = [...table(TableName!).values()].filter((i) => i[m[1]!] === ExpressionAttributeValues?.[m[2]!]);
      all.sort((a, b) => (String(a.createdKey) < String(b.createdKey) ? -1 : 1));
      const start = command.input.ExclusiveStartKey
        ? all.findIndex((i) => i.createdKey === command.input.ExclusiveStartKey?.createdKey) + 1
        : 0;
      const limit = command.input.Limit ?? all.length;
      const page = all.slice(start, start + limit);
      const more = start + limit < all.length;
      const last = page.at(-1);
      return {
        Items: page.map(clone),
        LastEvaluatedKey: more && last ? { productId: last.productId, sk: last.sk, createdKey: last.createdKey } : undefined,
      };
    }
    if (command instanceof UpdateCommand) {
      const { TableName, Key, UpdateExpression, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = command.input;
      const before = get(TableName!, Key!);
      if (ConditionExpression && !holds(ConditionExpression, before, ExpressionAttributeNames, ExpressionAttributeValues))
        throw new ConditionFailed('the conditional request failed');
      table(TableName!).set(
        keyOf(TableName!, Key!),
        update(before ?? clone(Key!), UpdateExpression!, ExpressionAttributeNames, ExpressionAttributeValues),
      );
      return {};
    }
    if (command instanceof TransactWriteCommand) {
      const items = command.input.TransactItems ?? [];
      const writes: [string, string, Item][] = [];
      const reasons = items.map((t) => {
        const op = (t.Put ?? t.Update ?? t.ConditionCheck)!;
        const name = op.TableName!;
        const key = t.Put ? t.Put.Item! : (op as { Key: Item }).Key;
        const before = get(name, key);
        const ok =
          !op.ConditionExpression || holds(op.ConditionExpression, before, op.ExpressionAttributeNames, op.ExpressionAttributeValues);
        if (ok && t.Put) writes.push([name, keyOf(name, key), clone(t.Put.Item!)]);
        if (ok && t.Update)
          writes.push([
            name,
            keyOf(name, key),
            update(before ?? clone(key), t.Update.UpdateExpression!, t.Update.ExpressionAttributeNames, t.Update.ExpressionAttributeValues),
          ]);
        return { Code: ok ? 'None' : 'ConditionalCheckFailed' };
      });
      const targets = items.map((t) => {
        const name = (t.Put ?? t.Update ?? t.ConditionCheck)!.TableName!;
        return `${name}|${keyOf(name, t.Put ? t.Put.Item! : (t.Update ?? t.ConditionCheck)!.Key!)}`;
      });
      if (new Set(targets).size !== items.length) {
        throw Object.assign(new Error('Transaction request cannot include multiple operations on one item'), {
          name: 'ValidationException',
        });
      }
      if (reasons.some((r) => r.Code !== 'None'))
        throw Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: reasons });
      for (const [name, key, item] of writes) table(name).set(key, item);
      return {};
    }
    throw new Error(`memory DynamoDB does not implement ${(command as object).constructor.name}`);
  }

  return { client: { send } as unknown as DynamoDBDocumentClient, tables, requests: () => requests };
}
