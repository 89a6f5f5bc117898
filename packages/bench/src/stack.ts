/**
 * The embedded stack instrumented for measuring: every handler timed (wall clock
 * and process CPU, meaningful when one runs at a time), every DynamoDB request
 * metered, the handlers' log lines written to a file at the level the production
 * template configures, and the metric lines (EMF) they would print counted.
 */
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Embedded, startEmbedded } from '@medins/embedded';
import type { LocalHandler } from '@medins/local-stack';
import { writeAll } from '@medins/store';
import { type Meter, meterDynamo, type RawOp, type TableKeys } from './capacity.ts';
import { BenchRunError } from './errors.ts';

export interface HandlerStats {
  calls: number;
  wallMs: number;
  cpuMs: number;
}

/** Requests and invocations on a claim's path that are not DynamoDB's, counted since the last `reset()`. */
export interface PathCounter {
  /** SQS requests on the claims queue, by command (empty long polls included: Lambda's poller makes them too). */
  readonly sqs: Record<string, number>;
  /** Lambda invocations: workflow handler calls plus the claims consumer's (one per receive that returned messages). */
  invocations: number;
  reset(): void;
}

export interface BenchStack {
  readonly embedded: Embedded;
  readonly meter: Meter;
  readonly path: PathCounter;
  /** Per handler key, while `timing` is on. */
  readonly handlers: Map<string, HandlerStats>;
  timing: boolean;
  /** Bytes and lines the handlers have logged so far (log file plus metric lines). */
  logged(): { bytes: number; lines: number; fileBytes: number; metricBytes: number; metricLines: number };
  /** The log file's lines from a byte offset on (see `logged().fileBytes`). */
  logLinesSince(fileBytes: number): string[];
  /** Waits until the log file has stopped growing (its stream writes asynchronously). */
  logSettled(): Promise<void>;
  setLogLevel(level: string): void;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  readonly concurrency: number;
  readonly batchSize?: number;
  readonly dataDir?: string;
}

/** Key attributes of every local table and its indexes, for the capacity meter. */
function tableKeys(embedded: Embedded): Record<string, TableKeys> {
  const out: Record<string, TableKeys> = {};
  for (const t of Object.values(embedded.stack.tables)) {
    const c = t.createTable;
    out[c.TableName!] = {
      key: (c.KeySchema ?? []).map((k) => k.AttributeName!),
      indexes: (c.GlobalSecondaryIndexes ?? []).map((i) => (i.KeySchema ?? []).map((k) => k.AttributeName!)),
    };
  }
  return out;
}

export async function startBenchStack(o: BenchStackOptions): Promise<BenchStack> {
  const handlers = new Map<string, HandlerStats>();
  const state = { timing: false };
  const path: PathCounter = {
    sqs: {},
    invocations: 0,
    reset() {
      for (const k of Object.keys(this.sqs)) delete this.sqs[k];
      this.invocations = 0;
    },
  };
  const wrap =
    (key: string, handler: LocalHandler): LocalHandler =>
    async (event, context) => {
      path.invocations++;
      if (!state.timing) return handler(event, context);
      const wall = performance.now();
      const cpu = process.cpuUsage();
      try {
        return await handler(event, context);
      } finally {
        const used = process.cpuUsage(cpu);
        const s = handlers.get(key) ?? { calls: 0, wallMs: 0, cpuMs: 0 };
        s.calls++;
        s.wallMs += performance.now() - wall;
        s.cpuMs += (used.user + used.system) / 1000;
        handlers.set(key, s);
      }
    };
  const logDir = mkdtempSync(join(tmpdir(), 'medins-bench-logs-'));
  const logFile = join(logDir, 'handlers.log');
  // Locally metric documents are not printed (stdout carries the output); count the line each flush would print.
  const emf = { bytes: 0, lines: 0 };
  const embedded = await startEmbedded({
    onMetrics: (doc) => {
      emf.bytes += Buffer.byteLength(JSON.stringify(doc), 'utf8') + 1;
      emf.lines++;
    },
    concurrency: o.concurrency,
    ...(o.batchSize ? { batchSize: o.batchSize } : {}),
    wrapHandler: wrap,
    logFile,
    logLevel: 'WARN',
    ...(o.dataDir ? { dataDir: o.dataDir } : {}),
  });
  const meter = meterDynamo(embedded.db, tableKeys(embedded));
  countClaimsQueue(embedded, path);

  // The handlers' own logger (the embedded stack's telemetry).
  const { logger } = embedded.telemetry;

  const fileSize = () => {
    try {
      return statSync(logFile).size;
    } catch {
      return 0;
    }
  };
  const lineCount = () => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').length - 1;
    } catch {
      return 0;
    }
  };
  return {
    embedded,
    meter,
    path,
    handlers,
    get timing() {
      return state.timing;
    },
    set timing(on: boolean) {
      state.timing = on;
    },
    logged: () => ({
      bytes: fileSize() + emf.bytes,
      lines: lineCount() + emf.lines,
      fileBytes: fileSize(),
      metricBytes: emf.bytes,
      metricLines: emf.lines,
    }),
    logSettled: async () => {
      let size = -1;
      for (let i = 0; i < 50 && fileSize() !== size; i++) {
        size = fileSize();
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    logLinesSince: (offset) => {
      try {
        return readFileSync(logFile)
          .subarray(offset)
          .toString('utf8')
          .split('\n')
          .filter((l) => l.length > 0);
      } catch {
        return [];
      }
    },
    setLogLevel: (level) => {
      // The base level too: Powertools restores it at every invocation (its debug sampling).
      const base = logger as unknown as { setInitialLogLevel?(level: string): void };
      base.setInitialLogLevel?.(level);
      logger.setLogLevel(level as Parameters<typeof logger.setLogLevel>[0]);
    },
    stop: () => embedded.stop(),
  };
}

/** Counts the SQS requests on the claims queue (a middleware on the stack's SQS client) and the consumer's invocations. */
function countClaimsQueue(embedded: Embedded, path: PathCounter): void {
  const claimsUrl = embedded.queueUrls.claims;
  embedded.stack.sqs.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if ((args.input as { QueueUrl?: string }).QueueUrl !== claimsUrl) return out;
      const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
      path.sqs[name] = (path.sqs[name] ?? 0) + 1;
      if (name === 'ReceiveMessage' && ((out.output as { Messages?: unknown[] }).Messages?.length ?? 0) > 0) path.invocations++;
      return out;
    },
    { step: 'initialize', name: 'benchClaimsQueueCounter' },
  );
}

/** CPU milliseconds a process has used so far (Linux /proc; 0 elsewhere). */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime (fields 14 and 15 of stat), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU used by this process and by DynamoDB Local's JVM while `work` runs. */
export async function cpuOf<T>(embedded: Embedded, work: () => Promise<T>): Promise<{ value: T; nodeMs: number; dynamodbMs: number }> {
  const node = process.cpuUsage();
  const jvm = processCpuMs(embedded.stack.dynamodbPid);
  const value = await work();
  const used = process.cpuUsage(node);
  return { value, nodeMs: (used.user + used.system) / 1000, dynamodbMs: processCpuMs(embedded.stack.dynamodbPid) - jvm };
}

/** Where `profiled` writes CPU profiles (`--profile DIR`); unset: no profiling. */
export const profiling: { dir: string | null } = { dir: null };

/**
 * Runs `work` under the V8 CPU profiler when `profiling.dir` is set, writing
 * `<dir>/<name>.cpuprofile` (open it in Chrome DevTools, or summarize it with
 * `node packages/bench/src/profile-summary.ts FILE`).
 */
export async function profiled<T>(name: string | null, work: () => Promise<T>): Promise<T> {
  if (!profiling.dir || name === null) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(profiling.dir, { recursive: true });
    writeFileSync(join(profiling.dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** Percentile of sorted numbers. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

let rawRuns = 0;

/** A transaction to imitate: its items' sizes and what each does (capacity.ts `RawOp`), as the meter records it. */
export interface RawShape {
  readonly items: number;
  readonly bytes: readonly number[];
  readonly ops: readonly RawOp[];
}

/**
 * How the raw reference writes: `asRun` repeats what each item of the run did — an
 * insert creates a fresh item, a replace, update, check or delete acts on an item
 * that exists, under a version condition as the commits' are; `inserts` writes
 * every item as a fresh insert (cheaper in DynamoDB Local: nothing to read, no
 * expression to apply), the yardstick until the operations were recorded.
 */
export type RawMode = 'asRun' | 'inserts';

/**
 * Raw commits: `count` TransactWriteItems with the item counts, sizes and
 * operations of the given transactions (cycled), in the bindings table, under a
 * `raw|` partition no binding, visit or stay uses, `concurrency` at a time,
 * through the local stack's own (unmetered) client. The items an `asRun`
 * transaction acts on are written first, untimed. Returns transactions per second.
 */
export async function rawTransactions(
  embedded: Embedded,
  shapes: readonly RawShape[],
  count: number,
  concurrency: number,
  tag: string,
  mode: RawMode = 'asRun',
): Promise<number> {
  if (shapes.length === 0) throw new BenchRunError('no transactions to imitate', { entity: tag });
  const table = embedded.tables.bindings;
  const run = `${tag}${++rawRuns}`;
  const opsOf = (shape: RawShape): readonly RawOp[] => (mode === 'inserts' ? shape.ops.map(() => 'insert' as const) : shape.ops);
  // Pad an item to the size of the one it stands for (names, keys and a version count too).
  const padded = (pk: string, sk: string, bytes: number | undefined, versioned = true) =>
    'x'.repeat(Math.max(1, (bytes ?? 200) - pk.length - sk.length - (versioned ? 'pkskpadversion'.length + 2 : 'pkskpad'.length)));
  const existing = (i: number) => `raw|${run}|existing|${i}`;
  const acted: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const shape = shapes[i % shapes.length]!;
    opsOf(shape).forEach((op, j) => {
      if (op !== 'insert') acted.push({ pk: existing(i), sk: String(j), version: 1, pad: padded(existing(i), String(j), shape.bytes[j]) });
    });
  }
  await writeAll(embedded.stack.documentClient, table, acted, concurrency);
  const version = { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': 1 } };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const shape = shapes[i % shapes.length]!;
        const items = opsOf(shape).map((op, j) => {
          if (op === 'insert') {
            const pk = `raw|${run}|${worker}`;
            const sk = `${i}|${j}`;
            return {
              Put: {
                TableName: table,
                Item: { pk, sk, pad: padded(pk, sk, shape.bytes[j], false) },
                ConditionExpression: 'attribute_not_exists(sk)',
              },
            };
          }
          const Key = { pk: existing(i), sk: String(j) };
          const pad = padded(Key.pk, Key.sk, shape.bytes[j]);
          switch (op) {
            case 'replace':
              return { Put: { TableName: table, Item: { ...Key, version: 2, pad }, ConditionExpression: '#v = :v', ...version } };
            case 'update':
              return {
                Update: {
                  TableName: table,
                  Key,
                  UpdateExpression: 'SET #pad = :pad, #v = :next',
                  ConditionExpression: '#v = :v',
                  ExpressionAttributeNames: { ...version.ExpressionAttributeNames, '#pad': 'pad' },
                  ExpressionAttributeValues: { ...version.ExpressionAttributeValues, ':pad': pad, ':next': 2 },
                },
              };
            case 'check':
              return { ConditionCheck: { TableName: table, Key, ConditionExpression: '#v = :v', ...version } };
            default: // 'delete'
              return { Delete: { TableName: table, Key, ConditionExpression: '#v = :v', ...version } };
          }
        });
        await embedded.stack.documentClient.send(new TransactWriteCommand({ TransactItems: items }));
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/**
 * Both raw references for the transactions the meter recorded since its reset
 * (or since its `since`-th transaction):
 * `asRun` (the ratio's reference), its rate and CPU measured (and profiled as
 * `<profile>` under `--profile`), then `inserts` (printed beside it).
 */
export async function rawReferences(
  bs: BenchStack,
  count: number,
  concurrency: number,
  tag: string,
  profile: string | null,
  since = 0,
): Promise<{ asRun: { value: number; nodeMs: number; dynamodbMs: number }; insertsPerSec: number }> {
  const shapes = bs.meter.transactions.slice(since);
  const asRun = await cpuOf(bs.embedded, () => profiled(profile, () => rawTransactions(bs.embedded, shapes, count, concurrency, tag)));
  const insertsPerSec = await rawTransactions(bs.embedded, shapes, count, concurrency, tag, 'inserts');
  return { asRun, insertsPerSec };
}
