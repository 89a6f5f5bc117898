/**
 * store → Store: the one implementation of every port (ports.ts) on DynamoDB. It
 * reads the snapshot an event is decided on and commits the decision in one
 * transaction; the rest are key lookups and tools' reads. The document client is
 * the store's own: nothing outside this package sends DynamoDB requests through it.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Account, Catalog, Counters, EventResult, Member, MemberId, Policy, SingleStepEvent, World } from '@medins/engine';
import { acceptSubmission, failAccepted, readAccepted } from './accepted.ts';
import { type CatalogDocs, catalogFromDocs, mergeCatalogDocs, publishCatalogDocs, readCatalogDocs, readCatalogVersion } from './catalog.ts';
import { commitEvent } from './commit.ts';
import { asStoreError } from './dynamo.ts';
import { ConflictError } from './errors.ts';
import { acceptHsaMessage, answerHsaMessage, hsaPatient, putHsaVisit, readHsaVisit } from './hsa.ts';
import type { EventItem, MemberItem } from './items.ts';
import { loadEvent, loadRenewal } from './load.ts';
import type {
  AcceptRecord,
  ApiStore,
  AppliedEvent,
  CommitInput,
  CommitOutcome,
  EventFailure,
  EventStore,
  FailureStore,
  HsaMessage,
  HsaStore,
  HsaVisit,
  Loaded,
  PolicyPage,
  PrincipalDoc,
  RenewalStore,
  ReviewTask,
  ReviewTaskStore,
} from './ports.ts';
import {
  countItems,
  getItem,
  listPolicyPage,
  readAccumulators,
  readBalances,
  readConfig,
  readEvent,
  readPolicies,
  readPrior,
  readResult,
  readVersionedConfig,
  scanAll,
} from './reads.ts';
import { closeReviewTask, openReviewTask, readReviewTask } from './reviews.ts';
import { seedWorld, writeAll } from './seed.ts';
import { type TableNames, type TableRole, tableNamesFromEnv } from './tables.ts';

/**
 * The SDK's logger for our clients: it drops everything, as the SDK's default
 * does, but has no `info` or `debug`. The SDK builds a redacted copy of every
 * request and response for `logger?.info?.(…)` and a string of every endpoint
 * rule for `logger?.debug?.(…)` before calling them, even when the default
 * logger then drops them; without the methods the optional calls skip that work
 * (3 % of the pipeline's Node CPU, docs/performance.md). Warnings and errors
 * keep their methods: some SDK code calls them unguarded.
 */
export const QUIET_SDK_LOGGER = { warn: () => {}, error: () => {} } as unknown as NonNullable<DynamoDBClientConfig['logger']>;

/** Document client with plain JS numbers and no undefined attributes. */
export function documentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({ logger: QUIET_SDK_LOGGER, ...config }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
}

/**
 * Catalog versions a process keeps (the most recently used). Claims in flight
 * across a publish need two; more covers a burst of publishes without letting a
 * long-lived container grow.
 */
export const CATALOG_VERSIONS_CACHED = 4;

export class Store implements EventStore, RenewalStore, ApiStore, FailureStore, HsaStore, ReviewTaskStore {
  readonly tables: TableNames;
  readonly #db: DynamoDBDocumentClient;
  /** Catalog versions read, least recently used first (a Map keeps insertion order). */
  readonly #catalogs = new Map<number, Promise<Catalog>>();

  constructor(db: DynamoDBDocumentClient, tables: TableNames) {
    this.#db = db;
    this.tables = tables;
  }

  /** A store on the tables named by `MEDINS_TABLE_*` in `env`; the SDK reads region and endpoint from the environment. */
  static fromEnv(env: NodeJS.ProcessEnv, roles?: readonly TableRole[]): Store {
    return new Store(documentClient(), tableNamesFromEnv(env, roles));
  }

  /**
   * The catalog at a version, read once per process (a version never changes) and
   * kept among the last `CATALOG_VERSIONS_CACHED` used; without a version, the one
   * in force now (a GetItem of the pointer, uncached: callers that loaded a
   * snapshot have the version already, `loaded.catalogVersion`).
   */
  async catalog(version?: number): Promise<Catalog> {
    const v = version ?? (await this.currentCatalogVersion());
    let catalog = this.#catalogs.get(v);
    if (catalog) {
      this.#catalogs.delete(v); // most recently used goes last
    } else {
      catalog = readCatalogDocs(this.#db, this.tables, v).then(catalogFromDocs);
      catalog.catch(() => {
        if (this.#catalogs.get(v) === catalog) this.#catalogs.delete(v);
      });
    }
    this.#catalogs.set(v, catalog);
    for (const oldest of this.#catalogs.keys()) {
      if (this.#catalogs.size <= CATALOG_VERSIONS_CACHED) break;
      this.#catalogs.delete(oldest);
    }
    return catalog;
  }

  /** The catalog versions this process holds, least recently used first (tests: the cache is bounded). */
  cachedCatalogVersions(): number[] {
    return [...this.#catalogs.keys()];
  }

  /** The catalog version in force (0: none published). */
  currentCatalogVersion(): Promise<number> {
    return readCatalogVersion(this.#db, this.tables);
  }

  /**
   * Publishes a catalog as the next version and makes it the one in force (one
   * transaction); returns its version. Claims already started keep deciding on
   * the version they pinned. A concurrent publish is a ConflictError.
   */
  publishCatalog(docs: CatalogDocs): Promise<number> {
    return publishCatalogDocs(this.#db, this.tables, docs);
  }

  /** Forgets the cached catalog versions (versions never change, but a test may empty the tables and seed again). */
  refreshCatalog(): void {
    this.#catalogs.clear();
  }

  load(event: SingleStepEvent): Promise<Loaded> {
    return loadEvent(this.#db, this.tables, event);
  }

  loadRenewal(policy: Policy, eventId: string): Promise<Loaded> {
    return loadRenewal(this.#db, this.tables, policy, eventId);
  }

  commit(input: CommitInput, loaded: Loaded): Promise<CommitOutcome> {
    return commitEvent(this.#db, this.tables, input, loaded, (id) => readPrior(this.#db, this.tables, id));
  }

  readResult(eventId: string): Promise<EventResult | null> {
    return readResult(this.#db, this.tables, eventId);
  }

  /** The stored outcome item of an event (tools and read-back). */
  readEvent(eventId: string): Promise<EventItem | null> {
    return readEvent(this.#db, this.tables, eventId);
  }

  async readApplied(eventId: string): Promise<AppliedEvent | null> {
    const item = await this.readEvent(eventId);
    return item
      ? {
          result: JSON.parse(item.result) as EventResult,
          event: item.event === null ? null : (JSON.parse(item.event) as unknown),
          ...(item.reversedBy ? { reversedBy: item.reversedBy } : {}),
        }
      : null;
  }

  acceptSubmission(record: AcceptRecord): Promise<AcceptRecord | null> {
    return acceptSubmission(this.#db, this.tables, record);
  }

  readAccepted(eventId: string): Promise<AcceptRecord | null> {
    return readAccepted(this.#db, this.tables, eventId);
  }

  failAccepted(eventId: string, failure: EventFailure): Promise<void> {
    return failAccepted(this.#db, this.tables, eventId, failure);
  }

  openReviewTask(task: Omit<ReviewTask, 'status' | 'decidedBy'> & { readonly token: string }): Promise<void> {
    return openReviewTask(this.#db, this.tables, task);
  }

  readReviewTask(claimId: string): Promise<ReviewTask | null> {
    return readReviewTask(this.#db, this.tables, claimId);
  }

  closeReviewTask(claimId: string, decisionId: string): Promise<void> {
    return closeReviewTask(this.#db, this.tables, claimId, decisionId);
  }

  readBalances(memberId: MemberId): Promise<Account | null> {
    return readBalances(this.#db, this.tables, memberId);
  }

  readAccumulators(memberId: MemberId, year: number): Promise<Counters | null> {
    return readAccumulators(this.#db, this.tables, memberId, year);
  }

  readPolicies(memberId: MemberId): Promise<Readonly<Record<string, Policy>> | null> {
    return readPolicies(this.#db, this.tables, memberId);
  }

  async member(memberId: MemberId): Promise<Member | null> {
    return getItem<MemberItem>(this.#db, this.tables.members, { memberId });
  }

  hsaConfig(): Promise<Record<string, unknown> | null> {
    return readConfig(this.#db, this.tables, 'hsa|config');
  }

  acceptHsaMessage(message: HsaMessage): Promise<HsaMessage | null> {
    return acceptHsaMessage(this.#db, this.tables, message);
  }

  answerHsaMessage(scope: string, msgid: string, answer: unknown): Promise<void> {
    return answerHsaMessage(this.#db, this.tables, scope, msgid, answer);
  }

  hsaVisit(scope: string, mdtrtId: string): Promise<HsaVisit | null> {
    return readHsaVisit(this.#db, this.tables, scope, mdtrtId);
  }

  putHsaVisit(visit: HsaVisit): Promise<boolean> {
    return putHsaVisit(this.#db, this.tables, visit);
  }

  hsaPatient(scope: string, memberId: string): Promise<boolean> {
    return hsaPatient(this.#db, this.tables, scope, memberId);
  }

  async principal(id: string): Promise<PrincipalDoc | null> {
    // The registration with its version: an accept record names the version it was authorized under.
    const found = await readVersionedConfig(this.#db, this.tables, `principal|${id}`);
    return found ? { ...found.doc, version: found.version } : null;
  }

  listPolicyPage(productId: string, cursor: string | null, limit = 100): Promise<PolicyPage> {
    return listPolicyPage(this.#db, this.tables, productId, cursor, limit);
  }

  scanAll<T>(role: TableRole): Promise<T[]> {
    return scanAll<T>(this.#db, this.tables, role);
  }

  count(role: TableRole): Promise<number> {
    return countItems(this.#db, this.tables, role);
  }

  /** A configuration document of the catalog table (see `writeConfig`). */
  readConfig(pk: string): Promise<Record<string, unknown> | null> {
    return readConfig(this.#db, this.tables, pk);
  }

  /**
   * Writes a configuration document (a principal, a workload marker) into the
   * catalog table as its next version, conditioned on the version it read: what
   * was decided under an earlier version (an accept record names its principal's)
   * can say so. Returns the new version; a concurrent write is a ConflictError
   * (nothing written): read and write again.
   */
  async writeConfig(pk: string, doc: Readonly<Record<string, unknown>>): Promise<number> {
    const current = await getItem<{ version?: unknown }>(this.#db, this.tables.catalog, { pk });
    const was = typeof current?.version === 'number' ? current.version : 0;
    const { version: _ignored, ...body } = doc;
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.tables.catalog,
          Item: { pk, doc: JSON.stringify(body), version: was + 1 },
          ...(current
            ? was === 0
              ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(version)' }
              : { ConditionExpression: 'version = :was', ExpressionAttributeValues: { ':was': was } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') {
        throw new ConflictError(`${pk} was written by another writer over version ${was}`, { entity: pk, cause: e });
      }
      throw asStoreError(e);
    }
    return was + 1;
  }

  /** Writes items into a table in batches (seeding tools and benchmarks). */
  writeAll(role: TableRole, items: Record<string, unknown>[], concurrency = 1): Promise<void> {
    return writeAll(this.#db, this.tables[role], items, concurrency);
  }

  /**
   * Writes a world into the tables. Its catalog is published as the next version
   * (1 in empty tables), on top of the catalog in force: worlds seeded side by side
   * (tests, benchmarks) share one catalog, as their state shares the tables.
   */
  async seed(catalog: CatalogDocs, world: World): Promise<void> {
    this.refreshCatalog();
    const current = await this.currentCatalogVersion();
    const base = current === 0 ? null : await readCatalogDocs(this.#db, this.tables, current);
    await this.publishCatalog(base ? mergeCatalogDocs(base, catalog) : catalog);
    await seedWorld(this.#db, this.tables, world);
  }
}
