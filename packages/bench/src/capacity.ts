/**
 * Counting DynamoDB capacity the way on-demand billing counts it, request by
 * request, from what the handlers actually send and receive (a middleware on the
 * store's client): item sizes by DynamoDB's rules, 1 RRU per 4 KB per item read
 * strongly consistent (a key that finds nothing still costs one), 1 WRU per KB
 * written, twice that for every item of a TransactWriteItems (ConditionCheck
 * included, at the size of the item it checks), a failed conditional write
 * billed like a successful one, and each write to a table with a global
 * secondary index written again into the index when the item carries its keys.
 * It asks DynamoDB Local for nothing extra (no `ReturnConsumedCapacity`: that
 * costs the JVM about 0.3 ms per transaction, which the raw reference would not pay).
 */

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

type Av = AttributeValue;
type Item = Record<string, Av>;

/** Bytes of a number as DynamoDB stores it: about one byte per two significant digits, plus one. */
function numberBytes(n: string): number {
  const digits = n.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

function valueBytes(v: Av): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S, 'utf8');
  if (v.N !== undefined) return numberBytes(v.N);
  if (v.B !== undefined) return (v.B as Uint8Array).length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((s, x) => s + Buffer.byteLength(x, 'utf8'), 0);
  if (v.NS) return v.NS.reduce((s, x) => s + numberBytes(x), 0);
  if (v.BS) return v.BS.reduce((s, x) => s + (x as Uint8Array).length, 0);
  // Lists and maps: 3 bytes, plus 1 per element, plus the elements (and map keys).
  if (v.L) return 3 + v.L.reduce((s, x) => s + 1 + valueBytes(x), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((s, [k, x]) => s + 1 + Buffer.byteLength(k, 'utf8') + valueBytes(x), 0);
  return 0;
}

/** The size DynamoDB bills an item at: attribute names and values. */
export function itemBytes(item: Item): number {
  return Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k, 'utf8') + valueBytes(v), 0);
}

const kb = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const fourKb = (bytes: number) => Math.max(1, Math.ceil(bytes / 4096));

/** Which attributes key each table and its indexes (from the template's key schemas). */
export interface TableKeys {
  readonly key: readonly string[];
  /** The key attributes of each global secondary index. */
  readonly indexes: readonly (readonly string[])[];
}

/**
 * What one item of a transaction does to the table: creates an item that was not
 * there (a Put conditional on its absence), replaces or updates one that was, checks
 * one, or deletes one. The raw reference repeats each (stack.ts `rawTransactions`).
 */
export type RawOp = 'insert' | 'replace' | 'update' | 'check' | 'delete';

function opOf(item: Record<string, Record<string, unknown>>): RawOp {
  const [kind, body] = Object.entries(item)[0]!;
  if (kind === 'Update') return 'update';
  if (kind === 'ConditionCheck') return 'check';
  if (kind === 'Delete') return 'delete';
  const condition = String(body.ConditionExpression ?? '');
  return condition === '' || /attribute_not_exists/.test(condition) ? 'insert' : 'replace';
}

export interface Meter {
  /** Read request units, counted by the billing rules. */
  rru: number;
  /** Write request units, counted by the billing rules. */
  wru: number;
  /** Requests by operation. */
  readonly calls: Record<string, number>;
  /** Items per TransactWriteItems, one entry per transaction. */
  readonly transactions: { items: number; bytes: number[]; tables: string[]; ops: RawOp[] }[];
  reset(): void;
  snapshot(): MeterSnapshot;
}

export interface MeterSnapshot {
  readonly rru: number;
  readonly wru: number;
  readonly calls: Readonly<Record<string, number>>;
  readonly transactions: number;
  readonly transactItems: number;
}

interface Stack {
  add(mw: unknown, options: { step: string; name: string; override?: boolean }): void;
}

/**
 * Meters every request of a DynamoDB (document) client.
 *
 * @param tables table name → its key attributes (from the template)
 */
export function meterDynamo(client: { middlewareStack: unknown }, tables: Readonly<Record<string, TableKeys>>): Meter {
  const sizes = new Map<string, number>();
  const keyOf = (table: string, item: Item) =>
    `${table}|${(tables[table]?.key ?? Object.keys(item)).map((k) => JSON.stringify(item[k])).join('|')}`;
  const indexWrites = (table: string, item: Item | undefined) =>
    item ? (tables[table]?.indexes ?? []).filter((attrs) => attrs.every((a) => item[a] !== undefined)).length : 0;
  const meter: Meter = {
    rru: 0,
    wru: 0,
    calls: {},
    transactions: [],
    reset() {
      meter.rru = 0;
      meter.wru = 0;
      for (const k of Object.keys(meter.calls)) delete meter.calls[k];
      meter.transactions.length = 0;
    },
    snapshot: () => ({
      rru: meter.rru,
      wru: meter.wru,
      calls: { ...meter.calls },
      transactions: meter.transactions.length,
      transactItems: meter.transactions.reduce((s, t) => s + t.items, 0),
    }),
  };
  const remember = (table: string, item: Item) => sizes.set(keyOf(table, item), itemBytes(item));
  const known = (table: string, key: Item) => sizes.get(keyOf(table, key));

  const middleware =
    (next: (args: unknown) => Promise<{ output: Record<string, unknown> }>, context: { commandName?: string }) =>
    async (args: { input: Record<string, unknown> }) => {
      const op = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const input = args.input;
      meter.calls[op] = (meter.calls[op] ?? 0) + 1;
      const writeCost = (): number => {
        switch (op) {
          case 'PutItem': {
            const item = input.Item as Item;
            const table = String(input.TableName);
            return kb(Math.max(itemBytes(item), known(table, item) ?? 0)) * (1 + indexWrites(table, item));
          }
          case 'UpdateItem':
          case 'DeleteItem':
            return kb(known(String(input.TableName), input.Key as Item) ?? 1024);
          case 'TransactWriteItems': {
            const items = input.TransactItems as Record<string, Record<string, unknown>>[];
            const bytes = items.map((t) => {
              const [kind, body] = Object.entries(t)[0]!;
              const table = String(body.TableName);
              if (kind === 'Put') return itemBytes(body.Item as Item);
              return known(table, body.Key as Item) ?? 1024;
            });
            const tables = items.map((t) => String(Object.values(t)[0]!.TableName));
            meter.transactions.push({ items: items.length, bytes, tables, ops: items.map(opOf) });
            const index = items.reduce((s, t) => s + (t.Put ? indexWrites(String(t.Put.TableName), t.Put.Item as Item) : 0), 0);
            return bytes.reduce((s, b) => s + 2 * kb(b), 0) + index;
          }
          case 'BatchWriteItem': {
            const requests = input.RequestItems as Record<string, { PutRequest?: { Item: Item } }[]>;
            return Object.entries(requests).reduce(
              (s, [table, rs]) =>
                s +
                rs.reduce(
                  (t, r) => t + (r.PutRequest ? kb(itemBytes(r.PutRequest.Item)) * (1 + indexWrites(table, r.PutRequest.Item)) : 1),
                  0,
                ),
              0,
            );
          }
          default:
            return 0;
        }
      };
      // A write is billed whether or not its condition holds.
      meter.wru += writeCost();
      const out = await next(args);
      const o = out.output;
      const strong = (x: unknown) => (x === true ? 1 : 0.5);
      switch (op) {
        case 'GetItem': {
          const item = o.Item ? (marshall(o.Item, { removeUndefinedValues: true, convertClassInstanceToMap: true }) as Item) : undefined;
          if (item) remember(String(input.TableName), item);
          meter.rru += fourKb(item ? itemBytes(item) : 0) * strong(input.ConsistentRead);
          break;
        }
        case 'BatchGetItem': {
          const requests = input.RequestItems as Record<string, { Keys: Item[]; ConsistentRead?: boolean }>;
          const responses = (o.Responses ?? {}) as Record<string, Record<string, unknown>[]>;
          for (const [table, r] of Object.entries(requests)) {
            const found = (responses[table] ?? []).map(
              (i) => marshall(i, { removeUndefinedValues: true, convertClassInstanceToMap: true }) as Item,
            );
            for (const i of found) remember(table, i);
            const bytes = found.map(itemBytes);
            // Each key is read as its own GetItem: a key that finds nothing still costs one unit.
            const misses = Math.max(0, r.Keys.length - found.length);
            meter.rru += (bytes.reduce((s, b) => s + fourKb(b), 0) + misses) * strong(r.ConsistentRead);
          }
          break;
        }
        case 'Query':
        case 'Scan': {
          const items = ((o.Items ?? []) as Record<string, unknown>[]).map(
            (i) => marshall(i, { removeUndefinedValues: true, convertClassInstanceToMap: true }) as Item,
          );
          const consistent = op === 'Query' && input.IndexName ? 0.5 : strong(input.ConsistentRead);
          meter.rru += fourKb(items.reduce((s, i) => s + itemBytes(i), 0)) * consistent;
          break;
        }
      }
      return out;
    };
  (client.middlewareStack as Stack).add(middleware, { step: 'build', name: 'medinsCapacityMeter', override: true });
  return meter;
}
