/**
 * The embedded pipeline: the CDK app synthesized, its tables, queues and state
 * machines on the local stack, the real handlers bound to the workflows' Task
 * states, and queue workers doing what Lambda's SQS event source does. Events go
 * in through the queues exactly as on AWS; results are read back from the tables.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DIGEST_KEY_BYTES, hmacDigester, processDigester } from '@medins/contract';
import { ConfigurationError, type Digester, type World } from '@medins/engine';
import { createConsumer } from '@medins/functions/ingest/queue-consumer';
import { systemClock } from '@medins/functions/shared/clock';
import type { HandlerDeps } from '@medins/functions/shared/handler';
import { fileNotifier, type Notifier } from '@medins/functions/shared/notifier';
import { type ReviewDesk, reviewExecutionName } from '@medins/functions/shared/review-desk';
import { createTelemetry, type LogLevel, type Telemetry } from '@medins/functions/shared/telemetry';
import { HANDLER_KEYS, synthesizeTemplate } from '@medins/infra';
import {
  DIRECT_MIDDLEWARE_NAME,
  type ExecutionResult,
  InvalidTokenError,
  LOCAL_CREDENTIALS,
  type LocalHandler,
  type LocalStack,
  type LocalWorkflow,
  startLocalStack,
  TaskTimedOutError,
  TaskTokens,
} from '@medins/local-stack';
import type { CatalogDocs } from '@medins/store';
import { documentClient, QUIET_SDK_LOGGER, Store, type TableNames, type TableRole } from '@medins/store';
import { createHandlers } from './handlers.ts';
import { QueueWorkers } from './queue-workers.ts';
import { Settlements } from './settlements.ts';
import { batchSizesByQueue, logicalIdsByMetadata } from './template-roles.ts';

export type QueueRole = 'claims' | 'enrollments';
export type WorkflowRole = 'claim' | 'memberEvent' | 'renewal' | 'review';

/**
 * Sees everything that leaves the handlers: each request the stack's DynamoDB
 * and SQS clients send (its wire body: every item written, every message sent,
 * dead-letter queues included), and each handler's input and output (the
 * workflow state a trace could capture). The personal-data scans audit with it.
 * A request waits for what `request` returns: a test can hold one request (a
 * commit) until others (loads) have gone out, inside one handler.
 */
export interface Witness {
  request?(service: 'dynamodb' | 'sqs', body: string): void | Promise<void>;
  handler?(key: string, input: unknown, output: unknown): void;
}

export interface EmbeddedOptions {
  /** An auditor of what leaves the handlers (tests); default none. */
  readonly witness?: Witness;
  /** DynamoDB Local keeps its tables here (a restart finds them); default in memory. */
  readonly dataDir?: string;
  /** Notifications are appended here as JSON lines; default: kept in memory (`sentNotifications`). */
  readonly notificationsFile?: string;
  /** Handler log lines go here; default: no logging. */
  readonly logFile?: string;
  readonly logLevel?: LogLevel;
  /**
   * Queue workers per queue: how many receives run at once. Default 1. Each hands
   * its consumer up to `batchSize` messages, which the consumer processes together.
   */
  readonly concurrency?: number;
  /**
   * Messages per receive: default the template's event source mapping (`BatchSize`,
   * 10), as Lambda's poller hands them on AWS; 1 runs a worker's events strictly one
   * after another.
   */
  readonly batchSize?: number;
  /** Wraps each handler (by `medins:handler` key): the chaos run's fault hook. Never set in production. */
  readonly wrapHandler?: (key: string, handler: LocalHandler) => LocalHandler;
  /** Wraps the notifier the handlers publish through (the chaos run's faults before and after a publish). */
  readonly wrapNotifier?: (notifier: Notifier) => Notifier;
  /** Wraps the review desk (the chaos run's faults around a review's start and resume, SendTaskSuccess). */
  readonly wrapReviewDesk?: (desk: ReviewDesk) => ReviewDesk;
  /** Milliseconds before a failed message is received again (per receive). Default 200. */
  readonly retryBackoffMs?: number;
  /** Receives each invocation's metric document (default: dropped; stdout carries the commands' output). */
  readonly onMetrics?: (emf: unknown) => void;
  /** Policies per renewal page (default: the list function's POLICY_PAGE_SIZE in the template). */
  readonly policyPageSize?: number;
  /**
   * The review workflow's clock: its HeartbeatSeconds, TimeoutSeconds and retries
   * are multiplied by it. Default 1e-4 (a 24-hour heartbeat lapses after 8.6 s).
   */
  readonly reviewTimeScale?: number;
}

/**
 * Held claims' reviews on the embedded stack: the ReviewWorkflow executions this
 * stack started (one per claim, by execution name, as Step Functions keeps names),
 * the task tokens their waiting tasks issued, and the desk the handlers use.
 */
export interface EmbeddedReviews {
  /** What OpenReview and the claims consumer call: starts a claim's review once, resumes it with a decision. */
  readonly desk: ReviewDesk;
  /** The task tokens of the waiting tasks (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat). */
  readonly tokens: TaskTokens;
  /** Each review execution by name, to its end (`reviewExecutionName(claimId)`). */
  readonly executions: ReadonlyMap<string, Promise<ExecutionResult>>;
  /** Ends every waiting review and forgets the executions (a test starting afresh on emptied tables). */
  reset(): Promise<void>;
}

/**
 * The handlers the embedded pipeline runs in-process: all but the queue consumer
 * (its part is the queue workers') and the HTTP API (the api command's).
 */
const WORKFLOW_HANDLERS = HANDLER_KEYS.filter((key) => key !== 'ingest/queue-consumer' && key !== 'api/http');

const WORKFLOW_NAMES: Record<WorkflowRole, string> = {
  claim: 'ClaimWorkflow',
  memberEvent: 'MemberEventWorkflow',
  renewal: 'RenewalWorkflow',
  review: 'ReviewWorkflow',
};

export interface Embedded {
  readonly stack: LocalStack;
  readonly store: Store;
  /** The document client the store sends through (for tools' scans and the bench's request meter). */
  readonly db: DynamoDBDocumentClient;
  /** The handlers' logger, metrics and tracer. */
  readonly telemetry: Telemetry;
  /**
   * Seals personal data for this stack's tables (core/personal.ts): the key is
   * generated once and kept beside the tables of a data dir (a restart finds
   * both), or this process's key for tables in memory. Whatever sends events
   * seals them with it (`sealEvent`) as the API does.
   */
  readonly digest: Digester;
  /** The real workflow handlers by `medins:handler` key (without `wrapHandler`). */
  readonly handlers: Readonly<Record<string, LocalHandler>>;
  readonly tables: TableNames;
  readonly queueUrls: Readonly<Record<QueueRole | `${QueueRole}-dlq`, string>>;
  readonly workflows: Readonly<Record<WorkflowRole, LocalWorkflow>>;
  /** Tracks each event sent through a queue until its workflow has finished. */
  readonly settlements: Settlements;
  /** Held claims' reviews: their executions and task tokens. */
  readonly reviews: EmbeddedReviews;
  /** Notifications sent so far, when no notifications file was given. */
  readonly sentNotifications: unknown[];
  seed(catalog: CatalogDocs, world: World): Promise<void>;
  /** Changes the renewal page size from the next page on (as a new function configuration would). */
  setPolicyPageSize(size: number): void;
  /** Sends one message body (JSON) to a queue (no waiting). */
  send(queue: QueueRole, body: string): Promise<void>;
  /** Starts consuming the queues. */
  startWorkers(): void;
  /** Stops consuming (in-flight messages finish first). */
  stopWorkers(): Promise<void>;
  stop(): Promise<void>;
}

/** Claims, quotes and reversals go to the claims queue; everything else to the enrollments queue. */
export { queueFor } from '@medins/functions/shared/queue-sender';

type Client = {
  middlewareStack: {
    add(m: unknown, o: { step: 'finalizeRequest'; priority: 'low' }): void;
    addRelativeTo(m: unknown, o: { relation: 'before'; toMiddleware: string; name: string }): void;
  };
};

/** Hands `seen` the wire body (text or bytes) of every request the clients send (a client sharing another's stack may report twice). */
function watchRequests(seen: NonNullable<Witness['request']>, dynamodb: readonly unknown[], sqs: unknown): void {
  for (const client of new Set(dynamodb))
    (client as Client).middlewareStack.add(
      (next: (args: { request: { body?: unknown } }) => Promise<unknown>) => async (args: { request: { body?: unknown } }) => {
        const body = args.request.body;
        if (typeof body === 'string') await seen('dynamodb', body);
        else if (body instanceof Uint8Array) await seen('dynamodb', new TextDecoder().decode(body));
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
  // Most SQS commands never become a request here (fauxqs answers them directly, sqs-direct.ts): they are watched
  // as the JSON body SQS's protocol would carry, their input after the client's own changes (the text escape).
  (sqs as Client).middlewareStack.addRelativeTo(
    (next: (args: { input: unknown }) => Promise<unknown>) => async (args: { input: unknown }) => {
      await seen('sqs', JSON.stringify(args.input));
      return next(args);
    },
    { relation: 'before', toMiddleware: DIRECT_MIDDLEWARE_NAME, name: 'embeddedWitness' },
  );
}

/**
 * The digest key of a data dir: generated on first use, then read back (owner
 * read/write only). Tables in memory die with the process, so its key will do.
 */
function localDigester(dataDir: string | undefined): Digester {
  if (!dataDir) return processDigester();
  const file = join(dataDir, 'digest.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(DIGEST_KEY_BYTES), { mode: 0o600, flag: 'wx' });
  return hmacDigester(readFileSync(file));
}

export async function startEmbedded(options: EmbeddedOptions = {}): Promise<Embedded> {
  const template = synthesizeTemplate({ stage: 'dev' });
  const stack = await startLocalStack({
    template,
    dynamodb: options.dataDir ? { dataDir: options.dataDir } : {},
    sdkLogger: QUIET_SDK_LOGGER,
  });
  try {
    const tableIds = logicalIdsByMetadata(template, 'medins:table');
    const tables = Object.fromEntries(Object.entries(tableIds).map(([role, id]) => [role, stack.tableNames[id]!])) as Record<
      TableRole,
      string
    >;
    const queueIds = logicalIdsByMetadata(template, 'medins:queue');
    const queueUrl = (role: string) => {
      const url = stack.queueUrls[queueIds[role] ?? ''];
      if (!url) throw new ConfigurationError(`the template has no queue with medins:queue ${role}`, { entity: role });
      return url;
    };
    const queueUrls = {
      claims: queueUrl('claims'),
      enrollments: queueUrl('enrollments'),
      'claims-dlq': queueUrl('claims-dlq'),
      'enrollments-dlq': queueUrl('enrollments-dlq'),
    };
    const listFn = Object.values(stack.functions).find((f) => f.handlerKey === 'renewal/list-policy-page');
    const db = documentClient({ endpoint: stack.endpoints.dynamodb, region: stack.region, credentials: LOCAL_CREDENTIALS });
    const store = new Store(db, tables);
    const telemetry = createTelemetry({
      serviceName: 'medins-embedded',
      logLevel: options.logFile ? (options.logLevel ?? 'INFO') : 'SILENT',
      ...(options.logFile ? { logFile: options.logFile } : {}),
      // No X-Ray here, so no tracer (nor the X-Ray SDK's async hook); metric documents would go to stdout, which carries the commands' output.
      onMetrics: options.onMetrics ?? (() => {}),
    });
    const sentNotifications: unknown[] = [];
    const published: Notifier = options.notificationsFile
      ? fileNotifier(options.notificationsFile)
      : { send: async (m) => void sentNotifications.push(m) };
    const notifier = options.wrapNotifier ? options.wrapNotifier(published) : published;
    const noQueue = async () => {
      throw new ConfigurationError('the workflow handlers send to no queue', { entity: 'queue' });
    };
    let policyPageSize = options.policyPageSize ?? Number(listFn?.environment?.POLICY_PAGE_SIZE ?? 100);
    const digest = localDigester(options.dataDir);
    // Reviews: executions by name and the tokens of their waiting tasks (the workflows are bound below).
    const taskTokens = new TaskTokens();
    const reviewRuns = new Map<string, Promise<ExecutionResult>>();
    let reviewWorkflow: LocalWorkflow | undefined;
    const ownDesk: ReviewDesk = {
      async open(claimId) {
        const name = reviewExecutionName(claimId);
        if (reviewRuns.has(name)) return 'exists';
        if (!reviewWorkflow) throw new ConfigurationError('the review workflow is not bound yet', { entity: 'ReviewWorkflow' });
        reviewRuns.set(name, reviewWorkflow.run({ claimId, escalations: 0 }, { name }));
        return 'started';
      },
      async resume(token, answer) {
        try {
          taskTokens.sendTaskSuccess(token, JSON.stringify(answer));
          return 'resumed';
        } catch (e) {
          if (e instanceof TaskTimedOutError || e instanceof InvalidTokenError) return 'stale';
          throw e;
        }
      },
    };
    const desk = options.wrapReviewDesk ? options.wrapReviewDesk(ownDesk) : ownDesk;
    const deps: HandlerDeps = {
      store,
      telemetry,
      digest,
      clock: systemClock,
      notifier,
      queue: { send: noQueue },
      starter: { run: noQueue },
      reviews: desk,
      get policyPageSize() {
        return policyPageSize;
      },
    };

    if (options.witness?.request) watchRequests(options.witness.request, [db, stack.dynamodb, stack.documentClient], stack.sqs);
    const built = await createHandlers(WORKFLOW_HANDLERS, deps);
    const watched = (key: string, h: LocalHandler): LocalHandler => {
      const seen = options.witness?.handler;
      if (!seen) return h;
      return async (input, context) => {
        let output: unknown;
        try {
          output = await h(input, context);
          return output;
        } finally {
          seen(key, input, output);
        }
      };
    };
    const handlers = Object.fromEntries(
      Object.entries(built).map(([key, h]) => [key, options.wrapHandler ? options.wrapHandler(key, watched(key, h)) : watched(key, h)]),
    );
    const workflowIds = logicalIdsByMetadata(template, 'medins:workflow');
    const workflow = (role: WorkflowRole, timeScale = 0.01) =>
      stack.workflow(workflowIds[WORKFLOW_NAMES[role]] ?? WORKFLOW_NAMES[role], { handlers, timeScale, taskTokens });
    const workflows = {
      claim: workflow('claim'),
      memberEvent: workflow('memberEvent'),
      renewal: workflow('renewal'),
      review: workflow('review', options.reviewTimeScale ?? 1e-4),
    };
    reviewWorkflow = workflows.review;
    const reviews: EmbeddedReviews = {
      desk,
      tokens: taskTokens,
      executions: reviewRuns,
      async reset() {
        taskTokens.abortAll();
        await Promise.allSettled(reviewRuns.values());
        reviewRuns.clear();
      },
    };

    const settlements = new Settlements();
    const starter = {
      async run(name: 'claim' | 'memberEvent', input: unknown, executionName: string) {
        const r = await workflows[name].run(input, { name: executionName });
        if (r.status === 'SUCCEEDED') return { status: 'SUCCEEDED' as const, output: r.output };
        if (r.status === 'FAILED') return { status: 'FAILED' as const, error: r.error, cause: r.cause };
        return { status: 'TIMED_OUT' as const, error: r.status };
      },
    };
    const maxReceive = (role: QueueRole) => {
      const q = stack.queues.find((x) => x.queueUrl === queueUrls[role]);
      const policy = q?.createQueue.Attributes?.RedrivePolicy;
      return policy ? Number((JSON.parse(policy) as { maxReceiveCount: number }).maxReceiveCount) : Number.POSITIVE_INFINITY;
    };
    const consumerFor = (role: QueueRole) =>
      createConsumer({
        starter: starter as never,
        deadLetterQueueUrl: queueUrls[`${role}-dlq`],
        sqs: stack.sqs,
        telemetry,
        failures: store,
        maxReceiveCount: maxReceive(role),
        decisions: { store, reviews: desk },
      });
    const batchSizes = batchSizesByQueue(template);
    const workers = (['claims', 'enrollments'] as const).map((role) => {
      const lastReceive = maxReceive(role);
      return new QueueWorkers({
        sqs: stack.sqs,
        queueUrl: queueUrls[role],
        queueArn: stack.queueArns[queueIds[role]!]!,
        consumer: consumerFor(role),
        concurrency: options.concurrency ?? 1,
        // As many messages per receive as the template's event source mapping hands the consumer.
        batchSize: options.batchSize ?? batchSizes[queueIds[role]!] ?? 1,
        retryBackoffMs: options.retryBackoffMs ?? 200,
        processed: (body) => settlements.finished(body),
        failed: (body, receives) => {
          if (receives >= lastReceive) settlements.deadLettered(body);
        },
      });
    });

    let stopped: Promise<void> | undefined;
    return {
      stack,
      store,
      db,
      telemetry,
      digest,
      handlers: built,
      tables,
      queueUrls,
      workflows,
      settlements,
      reviews,
      sentNotifications,
      seed: (catalog, world) => store.seed(catalog, world),
      setPolicyPageSize: (size) => {
        policyPageSize = size;
      },
      async send(queue, body) {
        await stack.sqs.send(new SendMessageCommand({ QueueUrl: queueUrls[queue], MessageBody: body }));
      },
      startWorkers: () => {
        for (const w of workers) w.start();
      },
      stopWorkers: async () => void (await Promise.all(workers.map((w) => w.stop()))),
      stop: () =>
        (stopped ??= (async () => {
          await Promise.all(workers.map((w) => w.stop()));
          await reviews.reset();
          await stack.stop();
        })()),
    };
  } catch (e) {
    await stack.stop();
    throw e;
  }
}
