/**
 * The pipeline end to end: claims sent to the claims queue, consumed by the queue
 * workers, settled by the ClaimWorkflow (the real handlers in the synthesized
 * definition), committed, notified — against raw TransactWriteItems of the same
 * shapes (items per transaction, item sizes) at the same concurrency on the same
 * DynamoDB Local. And one claim at a time, what a claim does: the states it
 * visits, each handler's time and CPU, the capacity units, the notifications, the
 * log bytes and the HTTP API's part: the cost model's inputs.
 */
import { parseEvent, parseJsonText } from '@medins/contract';
import type { ClaimMeasurements, HandlerTime, TemplateFacts } from './cost-model.ts';
import { BenchRunError } from './errors.ts';
import { type BenchStack, cpuOf, percentile, profiled, rawReferences } from './stack.ts';

export interface ClaimDoc {
  readonly id: string;
  readonly type: string;
  readonly [k: string]: unknown;
}

export interface PipelineFigures {
  /** Claims counted: those of the rounds. */
  readonly claims: number;
  /** Claims sent first to warm the process up, not counted. */
  readonly warmUp: number;
  /** Their rate, printed so that what the warm-up leaves out can be seen. */
  readonly warmUpPerSec: number;
  /** Pipeline shares, each followed by its raw reference (`benchPipeline`). */
  readonly rounds: number;
  readonly claimsPerSec: number;
  /** Raw transactions doing what the run's did (stack.ts `rawTransactions`, `asRun`): the ratio's reference. */
  readonly storeTxPerSec: number;
  /** The median round's claims/s over its raw reference's tx/s. */
  readonly ratio: number;
  readonly roundRatios: readonly number[];
  /** Raw transactions of the same sizes writing only fresh items, the reference before issue 15's fourth step. */
  readonly insertTxPerSec: number;
  readonly insertRatio: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly concurrency: number;
  /** Messages kept in flight (sent, not yet finished). */
  readonly window: number;
  readonly deadLettered: number;
  /** Under load, per claim: what the run cost in capacity (conflict retries included). */
  readonly perClaim: {
    readonly rru: number;
    readonly wru: number;
    readonly transactItems: number;
    readonly dynamoCalls: number;
    /** SQS requests on the claims queue per claim (send, receive, delete; empty receives included). */
    readonly sqsCalls: number;
    /** Lambda invocations per claim: the workflow's steps and the consumer's share of a batch. */
    readonly lambdaInvocations: number;
  };
  /**
   * The claim commits (TransactWriteItems) under load: bytes per transaction (items
   * as DynamoDB sizes them) and items per transaction by table role.
   */
  readonly commits: { readonly bytes: number; readonly itemsByTable: Readonly<Record<string, number>> };
  /** SQS requests on the claims queue by command, per claim. */
  readonly sqsByCommand: Readonly<Record<string, number>>;
  /** CPU per claim (this process: queue, interpreter, handlers; DynamoDB Local's JVM) and per raw transaction. */
  readonly cpuMs: { readonly node: number; readonly dynamodb: number; readonly rawNode: number; readonly rawDynamodb: number };
}

/**
 * Sends events through their queue keeping `window` in flight; returns the rate
 * and each event's latency from send to finished.
 */
async function drive(
  bs: BenchStack,
  queue: 'claims' | 'enrollments',
  events: readonly ClaimDoc[],
  window: number,
): Promise<{ seconds: number; latencies: number[]; deadLettered: number }> {
  const { embedded } = bs;
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let deadLettered = 0;
  const started = performance.now();
  for (const e of events) {
    while (inFlight.size >= window) await Promise.race(inFlight);
    const p = (async () => {
      const sent = performance.now();
      const settled = embedded.settlements.expect(e.id);
      await embedded.send(queue, JSON.stringify(e));
      if ((await settled) === 'deadLettered') deadLettered++;
      latencies.push(performance.now() - sent);
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), deadLettered };
}

/**
 * A warm-up share of the claims (a fifth, not counted: the first claims through
 * a fresh process run cold, as the engine bench's first rounds), then the rest
 * in `rounds` back to back pairs — a share through the pipeline, then the raw
 * reference of the transactions that share committed — so that the machine's
 * drift hits both sides of each ratio. `ratio` is the median round's; the rates,
 * latencies and per-claim figures are the counted rounds'. Under `--profile`,
 * the last round is profiled.
 */
export async function benchPipeline(
  bs: BenchStack,
  claims: readonly ClaimDoc[],
  concurrency: number,
  rounds = PIPELINE_ROUNDS,
): Promise<PipelineFigures> {
  const window = 2 * concurrency;
  const warmUp = Math.floor(claims.length / 5);
  const warming = await drive(bs, 'claims', claims.slice(0, warmUp), window);
  const counted = claims.slice(warmUp);
  bs.meter.reset();
  bs.path.reset();
  const size = Math.ceil(counted.length / rounds);
  const latencies: number[] = [];
  const ratios: number[] = [];
  const insertRatios: number[] = [];
  const sum = { seconds: 0, nodeMs: 0, dynamodbMs: 0, deadLettered: 0, rawSeconds: 0, rawNodeMs: 0, rawDynamodbMs: 0, insertSeconds: 0 };
  for (let r = 0; r * size < counted.length; r++) {
    const share = counted.slice(r * size, (r + 1) * size);
    const profile = (name: string) => ((r + 1) * size >= counted.length ? name : null);
    const since = bs.meter.transactions.length;
    const {
      value: run,
      nodeMs,
      dynamodbMs,
    } = await cpuOf(bs.embedded, () => profiled(profile('pipeline'), () => drive(bs, 'claims', share, window)));
    const { asRun: raw, insertsPerSec } = await rawReferences(bs, share.length, concurrency, 'claims', profile('pipeline-raw'), since);
    const claimsPerSec = share.length / run.seconds;
    ratios.push(claimsPerSec / raw.value);
    insertRatios.push(claimsPerSec / insertsPerSec);
    latencies.push(...run.latencies);
    sum.seconds += run.seconds;
    sum.nodeMs += nodeMs;
    sum.dynamodbMs += dynamodbMs;
    sum.deadLettered += run.deadLettered;
    sum.rawSeconds += share.length / raw.value;
    sum.rawNodeMs += raw.nodeMs;
    sum.rawDynamodbMs += raw.dynamodbMs;
    sum.insertSeconds += share.length / insertsPerSec;
  }
  latencies.sort((a, b) => a - b);
  const load = bs.meter.snapshot();
  const sqs = { ...bs.path.sqs };
  const invocations = bs.path.invocations;
  const n = counted.length;
  return {
    claims: n,
    warmUp,
    warmUpPerSec: round(warmUp / warming.seconds, 1),
    rounds: ratios.length,
    claimsPerSec: round(n / sum.seconds, 1),
    storeTxPerSec: round(n / sum.rawSeconds, 1),
    ratio: round(median(ratios), 3),
    roundRatios: ratios.map((x) => round(x, 3)),
    insertTxPerSec: round(n / sum.insertSeconds, 1),
    insertRatio: round(median(insertRatios), 3),
    p50Ms: round(percentile(latencies, 0.5), 1),
    p99Ms: round(percentile(latencies, 0.99), 1),
    concurrency,
    window,
    deadLettered: sum.deadLettered,
    perClaim: {
      rru: round(load.rru / n, 2),
      wru: round(load.wru / n, 2),
      transactItems: round(load.transactItems / Math.max(1, load.transactions), 2),
      dynamoCalls: round(Object.values(load.calls).reduce((s, c) => s + c, 0) / n, 2),
      sqsCalls: round(Object.values(sqs).reduce((s, c) => s + c, 0) / n, 2),
      lambdaInvocations: round(invocations / n, 2),
    },
    commits: commitShape(bs, bs.meter.transactions),
    sqsByCommand: Object.fromEntries(Object.entries(sqs).map(([k, c]) => [k, round(c / n, 2)])),
    cpuMs: {
      node: round(sum.nodeMs / n, 2),
      dynamodb: round(sum.dynamodbMs / n, 2),
      rawNode: round(sum.rawNodeMs / n, 2),
      rawDynamodb: round(sum.rawDynamodbMs / n, 2),
    },
  };
}

/** Pairs of a pipeline share and its raw reference: an odd number for a median, each share long enough (240 claims in a quick run) to reach its pace. */
const PIPELINE_ROUNDS = 5;

/** The middle value (of an even count, the mean of the middle two). */
const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Mean bytes and items by table role of the run's transactions. */
function commitShape(bs: BenchStack, txs: readonly { bytes: number[]; tables: string[] }[]): PipelineFigures['commits'] {
  const roleOf = new Map(Object.entries(bs.embedded.tables).map(([role, name]) => [name, role]));
  const n = Math.max(1, txs.length);
  const itemsByTable: Record<string, number> = {};
  for (const t of txs)
    for (const name of t.tables) itemsByTable[roleOf.get(name) ?? name] = (itemsByTable[roleOf.get(name) ?? name] ?? 0) + 1;
  return {
    bytes: round(txs.reduce((s, t) => s + t.bytes.reduce((a, b) => a + b, 0), 0) / n, 0),
    itemsByTable: Object.fromEntries(Object.entries(itemsByTable).map(([k, c]) => [k, round(c / n, 2)])),
  };
}

const API_CALLER = 'arn:aws-cn:sts::000000000000:assumed-role/medins-bench/intake';

/** The HTTP API's POST /claims for each claim (queue left out: the message is counted, not sent). */
async function measureApi(bs: BenchStack, sample: readonly ClaimDoc[]): Promise<(HandlerTime & { rru: number }) | null> {
  try {
    const { create, CREDENTIAL_HEADER } = await import('@medins/functions/api/http');
    const { principalDoc } = await import('@medins/functions/api/principals');
    const { credentialVerifier, generateCredentialKeys, publicKeysOf, signCredential } = await import('@medins/functions/api/credentials');
    // The hospitals' intake: a provider principal for every provider of the sample, each claim with its patient's e-voucher.
    const { normalizeArn } = await import('@medins/functions/api/identity');
    const providerIds = [...new Set(sample.map((c) => String(c.providerId)))];
    const caller = principalDoc({ id: normalizeArn(API_CALLER), role: 'provider', providerIds });
    await bs.embedded.store.writeConfig(caller.pk, caller.doc);
    const keys = await generateCredentialKeys();
    let queued = 0;
    const api = {
      handler: create({
        store: bs.embedded.store,
        telemetry: bs.embedded.telemetry,
        clock: { now: () => Date.now() },
        credentials: credentialVerifier(publicKeysOf(keys)),
        queue: { send: async () => void queued++ },
      }) as (event: unknown) => Promise<{ statusCode?: number }>,
    };
    const before = bs.meter.snapshot();
    let wallMs = 0;
    let cpuMs = 0;
    for (const c of sample) {
      const { at: _at, cardHolderId: _card, ...body } = c as ClaimDoc & { at?: string; cardHolderId?: string };
      const voucher = await signCredential(keys, 'voucher', String(c.memberId));
      const event = {
        version: '2.0',
        routeKey: 'POST /claims',
        rawPath: '/claims',
        rawQueryString: '',
        headers: { 'content-type': 'application/json', [CREDENTIAL_HEADER]: voucher },
        requestContext: {
          http: { method: 'POST', path: '/claims', protocol: 'HTTP/1.1', sourceIp: '203.0.113.200', userAgent: 'bench' },
          authorizer: { iam: { userArn: API_CALLER, accountId: '000000000000', callerId: 'bench' } },
          requestId: c.id,
          routeKey: 'POST /claims',
          stage: '$default',
          timeEpoch: Date.now(),
        },
        body: JSON.stringify(body),
        isBase64Encoded: false,
      };
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const out = await api.handler(event);
      const used = process.cpuUsage(cpu);
      wallMs += performance.now() - wall;
      cpuMs += (used.user + used.system) / 1000;
      if (out.statusCode !== 202) throw new BenchRunError(`POST /claims answered ${out.statusCode}`, { entity: c.id });
    }
    if (queued !== sample.length)
      throw new BenchRunError(`the API enqueued ${queued} of ${sample.length} claims`, { entity: 'POST /claims' });
    const after = bs.meter.snapshot();
    return { wallMs: wallMs / sample.length, cpuMs: cpuMs / sample.length, rru: (after.rru - before.rru) / sample.length };
  } catch (e) {
    console.error(`(the HTTP API was not measured: ${(e as Error).message}; the model uses its fallback)`);
    return null;
  }
}

/**
 * One claim at a time through the ClaimWorkflow (as the consumer starts it), with
 * the handlers' logs at the production template's level.
 */
const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/**
 * Log bytes per claim at every level: claims run at DEBUG, each line counted
 * toward the levels that let it through (a line plus its newline; metric lines
 * pass at any level). A separate pass: logging at DEBUG would slow the timed one.
 */
async function logBytesByLevel(bs: BenchStack, sample: readonly ClaimDoc[]): Promise<Record<string, { bytes: number; lines: number }>> {
  const before = bs.logged();
  bs.setLogLevel('DEBUG');
  for (const c of sample) await bs.embedded.workflows.claim.run({ event: c, attempt: 0 }, { name: c.id.replace(/[^\w-]/g, '_') });
  await bs.logSettled();
  const after = bs.logged();
  const lines = bs.logLinesSince(before.fileBytes).map((line) => {
    let level = 'INFO';
    try {
      level = String((JSON.parse(line) as { level?: string }).level ?? 'INFO').toUpperCase();
    } catch {
      // not JSON: counted as INFO
    }
    return { level, bytes: Buffer.byteLength(line, 'utf8') + 1 };
  });
  const metrics = { bytes: after.metricBytes - before.metricBytes, lines: after.metricLines - before.metricLines };
  const out: Record<string, { bytes: number; lines: number }> = {};
  for (const threshold of LEVELS) {
    const passing = lines.filter((l) => LEVELS.indexOf(l.level as (typeof LEVELS)[number]) >= LEVELS.indexOf(threshold));
    out[threshold] = {
      bytes: (passing.reduce((s, l) => s + l.bytes, 0) + metrics.bytes) / sample.length,
      lines: (passing.length + metrics.lines) / sample.length,
    };
  }
  return out;
}

export async function measureClaims(
  bs: BenchStack,
  sample: readonly ClaimDoc[],
  facts: TemplateFacts,
  logSample: readonly ClaimDoc[] = [],
): Promise<ClaimMeasurements> {
  const { embedded } = bs;
  const level = facts.functions['claims/check-eligibility']?.applicationLogLevel ?? 'INFO';
  bs.setLogLevel(level);
  await bs.logSettled();
  const logs0 = bs.logged();
  const api = await measureApi(bs, sample);

  bs.handlers.clear();
  bs.timing = true;
  bs.meter.reset();
  const stateToKey = new Map(embedded.workflows.claim.bindings.filter((b) => b.kind === 'lambda').map((b) => [b.state, b.target]));
  const visits = new Map<string, number>();
  let transitions = 0;
  let executionMs = 0;
  let notifications = 0;
  for (const c of sample) {
    const run = await embedded.workflows.claim.run({ event: c, attempt: 0 }, { name: c.id.replace(/[^\w-]/g, '_') });
    if (run.status !== 'SUCCEEDED') throw new BenchRunError(`claim ${c.id} ended ${run.status}`, { entity: c.id });
    transitions += run.transitions;
    executionMs += run.durationMs;
    for (const s of run.states) {
      const key = stateToKey.get(s.name);
      if (key) visits.set(key, (visits.get(key) ?? 0) + 1);
    }
    notifications += (run.output as { outcome?: { notifications?: unknown[] } }).outcome?.notifications?.length ?? 0;
  }

  bs.timing = false;
  const units = bs.meter.snapshot();
  await bs.logSettled();
  const logs = bs.logged();

  // The consumer's own work per message: parse and validate (it then waits for the execution).
  const bodies = sample.map((c) => JSON.stringify(c));
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (const b of bodies) parseEvent(parseJsonText(b, 'message'));
  const used = process.cpuUsage(cpu);
  const consumerPerMessage = {
    wallMs: (performance.now() - wall) / bodies.length,
    cpuMs: (used.user + used.system) / 1000 / bodies.length,
  };

  const logByLevel = logSample.length > 0 ? await logBytesByLevel(bs, logSample) : undefined;
  bs.setLogLevel(level);

  const n = sample.length;
  const steps: Record<string, HandlerTime & { perClaim: number }> = {};
  for (const [key, count] of visits) {
    const s = bs.handlers.get(key)!;
    steps[key] = { perClaim: count / n, wallMs: s.wallMs / s.calls, cpuMs: s.cpuMs / s.calls };
  }
  return {
    sample: n,
    steps,
    transitions: transitions / n,
    localExecutionMs: executionMs / n,
    rru: units.rru / n + (api?.rru ?? 0),
    wru: units.wru / n,
    notifications: notifications / n,
    logBytes: (logs.bytes - logs0.bytes) / n,
    logLines: (logs.lines - logs0.lines) / n,
    ...(logByLevel ? { logByLevel } : {}),
    api: api ? { wallMs: api.wallMs, cpuMs: api.cpuMs, rru: api.rru } : null,
    consumerPerMessage,
    messageBytes: bodies.reduce((s, b) => s + Buffer.byteLength(b), 0) / n,
  };
}
