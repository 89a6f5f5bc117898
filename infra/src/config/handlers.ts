/**
 * infra → config: every Lambda handler of `functions/src/<key>.ts`, with its size,
 * its time limit and exactly the tables it may touch. The function construct turns
 * the table map into both the `MEDINS_TABLE_<ROLE>` variables and the IAM
 * statements, so a handler can only read the names of tables it is allowed to use.
 */
import type { TableRole } from './tables.ts';

export const HANDLER_KEYS = [
  'claims/check-eligibility',
  'claims/settle-tiers',
  'claims/deduct-from-accounts',
  'events/decide',
  'events/record-rejection',
  'events/notify',
  'ingest/queue-consumer',
  'api/http',
  'renewal/start-campaign',
  'renewal/list-policy-page',
  'renewal/renew-policy-page',
  'renewal/finish-campaign',
  'review/open-review',
  'review/publish-task',
  'review/close-task',
] as const;
export type HandlerKey = (typeof HANDLER_KEYS)[number];

/**
 * What a handler does with a table; each maps to a fixed list of DynamoDB actions
 * (see `TABLE_ACTIONS`). No handler scans: every read is a key lookup or a
 * key-range query (a catalog version is one item, its pointer another). `TransactWriteItems` has no IAM action of its own: it is authorised item
 * by item as PutItem / UpdateItem / ConditionCheckItem.
 */
export type TableAccess =
  | 'catalog' // catalog versions and their pointer, principals: by key
  | 'read' // snapshot reads: GetItem, BatchGetItem, Query
  | 'check' // ConditionCheckItem: a commit asserts the version it read, writes nothing
  | 'commit' // read + the items of the one-transaction commit
  | 'putOnce' // read + a conditional PutItem / UpdateItem of one item (an outcome, a campaign report)
  | 'accept' // snapshot reads + the API's conditional records (accept records, the national gateway's messages and visits)
  | 'walkByCreation' // Query on the policies GSI `byCreation` only
  | 'reviewTask'; // GetItem, PutItem, UpdateItem of review tasks only: items whose key starts `review|` (TABLE_CONDITIONS)

export const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  catalog: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'],
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  check: ['dynamodb:ConditionCheckItem'],
  commit: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
  ],
  putOnce: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  accept: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  walkByCreation: ['dynamodb:Query'],
  reviewTask: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
};

/**
 * Conditions on an access's statement. A review task shares the events table with
 * the outcomes (store/src/reviews.ts), so the functions that publish and close
 * tasks may touch only the items under `review|<claim id>`: never an outcome.
 */
export const TABLE_CONDITIONS: Readonly<Partial<Record<TableAccess, Readonly<Record<string, Readonly<Record<string, string[]>>>>>>> = {
  reviewTask: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['review|*'] } },
};

/** Accesses that write, so the caller also needs to encrypt with the table's key. */
export const WRITING_ACCESS: ReadonlySet<TableAccess> = new Set(['commit', 'putOnce', 'reviewTask']);

export interface HandlerSpec {
  readonly description: string;
  /** POWERTOOLS_SERVICE_NAME. */
  readonly service: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly tables: Readonly<Partial<Record<TableRole, TableAccess>>>;
}

type TableMap = Partial<Record<TableRole, TableAccess>>;

/**
 * What `Store.load` reads (packages/store/src/load.ts): members, the accounts
 * table's member states (with their years' accumulators), prior events, viewer bindings, and the
 * catalog's version pointer (same BatchGetItem); then the version itself.
 */
export const SNAPSHOT_READS = {
  catalog: 'catalog',
  members: 'read',
  accounts: 'read',
  bindings: 'read',
  events: 'read',
} as const satisfies TableMap;

/** The one-transaction commit of docs/architecture.md ("How an event is applied", step 3). */
export const COMMIT_WRITES = {
  events: 'commit',
  accounts: 'commit',
  policies: 'commit',
  bindings: 'commit',
} as const satisfies TableMap;

export const CATALOG_ONLY = { catalog: 'catalog' } as const satisfies TableMap;

export const HANDLERS: Readonly<Record<HandlerKey, HandlerSpec>> = {
  'claims/check-eligibility': {
    description:
      'ClaimWorkflow CheckEligibility: reads the claim snapshot (BatchGetItem, strongly consistent), then the engine decides eligibility.',
    service: 'medins-claims',
    memoryMb: 256,
    timeoutSeconds: 10,
    // The load step it absorbed: the snapshot reads, nothing written.
    tables: SNAPSHOT_READS,
  },
  'claims/settle-tiers': {
    description: 'ClaimWorkflow SettleTiers: basic, critical illness, assistance, supplementary.',
    service: 'medins-claims',
    memoryMb: 256,
    timeoutSeconds: 10,
    tables: CATALOG_ONLY,
  },
  'claims/deduct-from-accounts': {
    description: 'ClaimWorkflow DeductFromAccounts: own account, family account, cash; then the claim’s one TransactWriteItems.',
    service: 'medins-claims',
    memoryMb: 256,
    timeoutSeconds: 10,
    // The commit step it absorbed: the catalog to decide on, the commit's items to write.
    tables: { ...CATALOG_ONLY, ...COMMIT_WRITES },
  },
  'events/decide': {
    description: 'MemberEventWorkflow / ReviewWorkflow DecideEvent: reads the event snapshot, the engine decides, one TransactWriteItems.',
    service: 'medins-events',
    memoryMb: 256,
    timeoutSeconds: 10,
    // The load and the commit steps it absorbed.
    tables: { ...SNAPSHOT_READS, ...COMMIT_WRITES },
  },
  'events/record-rejection': {
    description: 'ClaimWorkflow RecordRejection: records the rejected outcome once, asserting what it read.',
    service: 'medins-events',
    memoryMb: 256,
    timeoutSeconds: 10,
    // The commit of a rejection puts the outcome and condition-checks the versions it read.
    tables: { events: 'putOnce', accounts: 'check', bindings: 'check' },
  },
  'events/notify': {
    description: 'NotifyMembers: publishes what the commit returned, each under its notification id (at least once).',
    service: 'medins-notifications',
    memoryMb: 256,
    timeoutSeconds: 10,
    // Reads nothing: the messages are in the workflow state, as the commit returned them.
    tables: {},
  },
  'ingest/queue-consumer': {
    description: 'Queue consumer: one synchronous Express execution per message, partial batch failures.',
    service: 'medins-ingest',
    memoryMb: 256,
    timeoutSeconds: 60,
    // No Powertools idempotency record: the commit is conditional on the event id, so a duplicate
    // delivery already changes nothing; the record cost 2 WRU on every message to spare a second
    // workflow run on well under 1 % of them (docs/cost.md). Its one write: marking the API's accept
    // record of an event failed for good (an UpdateItem), so the event's route says so.
    tables: { events: 'putOnce' },
  },
  'api/http': {
    description: 'HTTP API: validates with the contract schemas, authorizes, enqueues; quotes and reads on a snapshot.',
    service: 'medins-api',
    memoryMb: 512,
    timeoutSeconds: 15,
    // Principals live in the catalog; a quote is decided on a snapshot (no state written). It writes only its own
    // conditional records in the events table: accept records (idempotency keys), the national gateway's messages and visits.
    tables: { ...SNAPSHOT_READS, events: 'accept' },
  },
  'renewal/start-campaign': {
    description: 'RenewalWorkflow StartCampaign: validates the campaign event, starts an empty report.',
    service: 'medins-renewal',
    memoryMb: 256,
    timeoutSeconds: 10,
    tables: {},
  },
  'renewal/list-policy-page': {
    description: 'RenewalWorkflow ListPolicyPage: one page of the byCreation index (none for a campaign recorded before).',
    service: 'medins-renewal',
    memoryMb: 256,
    timeoutSeconds: 30,
    // The events table: whether the campaign's report is recorded already (GetItem), before the first page.
    tables: { policies: 'walkByCreation', events: 'read' },
  },
  'renewal/renew-policy-page': {
    description: 'RenewalWorkflow RenewPolicyPage: renews or reminds each policy of a page, once per campaign.',
    service: 'medins-renewal',
    memoryMb: 512,
    timeoutSeconds: 300,
    tables: { ...SNAPSHOT_READS, ...COMMIT_WRITES },
  },
  'renewal/finish-campaign': {
    description: 'RenewalWorkflow FinishCampaign: records the campaign report under its event id, once.',
    service: 'medins-renewal',
    memoryMb: 256,
    timeoutSeconds: 30,
    tables: { events: 'putOnce' },
  },
  'review/open-review': {
    description: 'ClaimWorkflow OpenReview: starts the held claim’s ReviewWorkflow execution, once (named after the claim).',
    service: 'medins-review',
    memoryMb: 256,
    timeoutSeconds: 10,
    tables: {},
  },
  'review/publish-task': {
    description: 'ReviewWorkflow AwaitReviewer / AwaitSupervisor: publishes the review task with its task token, then the execution waits.',
    service: 'medins-review',
    memoryMb: 256,
    timeoutSeconds: 10,
    // Its one item: the claim's review task (`review|<claim id>`), put whole.
    tables: { events: 'reviewTask' },
  },
  'review/close-task': {
    description: 'ReviewWorkflow CloseReviewTask: marks the task decided and removes its spent token.',
    service: 'medins-review',
    memoryMb: 256,
    timeoutSeconds: 10,
    tables: { events: 'reviewTask' },
  },
};

/** Powertools metrics namespace shared by every function. */
export const METRICS_NAMESPACE = 'Medins';
