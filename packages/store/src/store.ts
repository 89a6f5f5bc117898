/**
 * store → Store: the one implementation of every port (ports.ts) on DynamoDB. It
 * reads the snapshot an event is decided on and commits the decision in one
 * transaction; the rest are key lookups and tools' reads. The document client is
 * the store's own: nothing outside this package sends DynamoDB requests through it.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Account, Catalog, EventResult, Member, MemberId, Policy, SingleStepEvent, World } from '@medins/engine';
import { acceptSubmission, failAccepted, readAccepted } from './accepted.ts';
import { type CatalogDocs, catalogFromDocs, readCatalogDocs } from './catalog.ts';
import { commitEvent } from './commit.ts';
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
  Loaded,
  OutboxItem,
  OutboxStore,
  PolicyPage,
  PrincipalDoc,
  RenewalStore,
} from './ports.ts';
import {
  claimNotification,
  countItems,
  getItem,
  listPolicyPage,
  readBalances,
  readConfig,
  readEvent,
  readOutbox,
  readResult,
  releaseNotification,
  scanAll,
} from './reads.ts';
import { seedWorld, writeAll } from './seed.ts';
import { type TableNames, type TableRole, tableNamesFromEnv } from './tables.ts';

/** Document client with plain JS numbers and no undefined attributes. */
export function documentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
}

export class Store implements EventStore, RenewalStore, OutboxStore, ApiStore, FailureStore {
  readonly tables: TableNames;
  readonly #db: DynamoDBDocumentClient;
  #catalog: Promise<Catalog> | null = null;

  constructor(db: DynamoDBDocumentClient, tables: TableNames) {
    this.#db = db;
    this.tables = tables;
  }

  /** A store on the tables named by `MEDINS_TABLE_*` in `env`; the SDK reads region and endpoint from the environment. */
  static fromEnv(env: NodeJS.ProcessEnv, roles?: readonly TableRole[]): Store {
    return new Store(documentClient(), tableNamesFromEnv(env, roles));
  }

  /** The catalog, loaded once per process (configuration, not state). */
  catalog(): Promise<Catalog> {
    this.#catalog ??= readCatalogDocs(this.#db, this.tables).then(catalogFromDocs);
    this.#catalog.catch(() => {
      this.#catalog = null;
    });
    return this.#catalog;
  }

  /** Forgets the cached catalog (after the catalog table changed). */
  refreshCatalog(): void {
    this.#catalog = null;
  }

  load(event: SingleStepEvent): Promise<Loaded> {
    return loadEvent(this.#db, this.tables, event);
  }

  loadRenewal(policy: Policy, eventId: string): Promise<Loaded> {
    return loadRenewal(this.#db, this.tables, policy, eventId);
  }

  commit(input: CommitInput, loaded: Loaded): Promise<CommitOutcome> {
    return commitEvent(this.#db, this.tables, input, loaded, (id) => this.readResult(id));
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
      ? { result: JSON.parse(item.result) as EventResult, event: item.event === null ? null : (JSON.parse(item.event) as unknown) }
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

  readBalances(memberId: MemberId): Promise<Account | null> {
    return readBalances(this.#db, this.tables, memberId);
  }

  async member(memberId: MemberId): Promise<Member | null> {
    return getItem<MemberItem>(this.#db, this.tables.members, { memberId });
  }

  principal(id: string): Promise<PrincipalDoc | null> {
    return readConfig(this.#db, this.tables, `principal|${id}`);
  }

  listPolicyPage(productId: string, cursor: string | null, limit = 100): Promise<PolicyPage> {
    return listPolicyPage(this.#db, this.tables, productId, cursor, limit);
  }

  readOutbox(ids: readonly string[]): Promise<OutboxItem[]> {
    return readOutbox(this.#db, this.tables, ids);
  }

  claimNotification(notificationId: string, sentAt: number): Promise<boolean> {
    return claimNotification(this.#db, this.tables, notificationId, sentAt);
  }

  releaseNotification(notificationId: string): Promise<void> {
    return releaseNotification(this.#db, this.tables, notificationId);
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

  /** Writes a configuration document (a principal, a workload marker) into the catalog table. */
  async writeConfig(pk: string, doc: Readonly<Record<string, unknown>>): Promise<void> {
    await this.#db.send(new PutCommand({ TableName: this.tables.catalog, Item: { pk, doc: JSON.stringify(doc) } }));
  }

  /** Writes items into a table in batches (seeding tools and benchmarks). */
  writeAll(role: TableRole, items: Record<string, unknown>[], concurrency = 1): Promise<void> {
    return writeAll(this.#db, this.tables[role], items, concurrency);
  }

  async seed(catalog: CatalogDocs, world: World): Promise<void> {
    await seedWorld(this.#db, this.tables, catalog, world);
    this.refreshCatalog();
  }
}
