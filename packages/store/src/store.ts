/**
 * The store: the DynamoDB adapter every handler and local tool uses. It reads the
 * snapshot an event is decided on and commits the decision in one transaction.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Catalog, EventResult, Policy, RenewalCampaignEvent, SingleStepEvent, World } from '@medins/engine';
import { catalogFromDocs, readCatalogDocs, type CatalogDocs } from './catalog.ts';
import { commitEvent, type CommitInput, type CommitOutcome } from './commit.ts';
import { loadEvent, loadRenewal, type Loaded } from './load.ts';
import { claimNotification, listPolicyPage, readBalances, readEvent, readOutbox, readResult, scanAll } from './reads.ts';
import { seedWorld } from './seed.ts';
import { tableNamesFromEnv, type TableNames, type TableRole } from './tables.ts';

/** Document client with plain JS numbers and no undefined attributes. */
export function documentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
}

export class Store {
  readonly db: DynamoDBDocumentClient;
  readonly tables: TableNames;
  #catalog: Promise<Catalog> | null = null;

  constructor(db: DynamoDBDocumentClient, tables: TableNames) {
    this.db = db;
    this.tables = tables;
  }

  /** A store on the tables named by `MEDINS_TABLE_*`; the SDK reads region and endpoint from the environment. */
  static fromEnv(roles?: readonly TableRole[]): Store {
    return new Store(documentClient(), tableNamesFromEnv(process.env, roles));
  }

  /** The catalog, loaded once per process (configuration, not state). */
  catalog(): Promise<Catalog> {
    this.#catalog ??= readCatalogDocs(this.db, this.tables).then(catalogFromDocs);
    this.#catalog.catch(() => (this.#catalog = null));
    return this.#catalog;
  }

  /** Forgets the cached catalog (after the catalog table changed). */
  refreshCatalog(): void {
    this.#catalog = null;
  }

  async load(event: SingleStepEvent): Promise<Loaded> {
    return loadEvent(this.db, this.tables, event, await this.catalog());
  }

  loadRenewal(campaign: RenewalCampaignEvent, policy: Policy, eventId: string): Promise<Loaded> {
    return loadRenewal(this.db, this.tables, campaign, policy, eventId);
  }

  commit(input: CommitInput, loaded: Loaded): Promise<CommitOutcome> {
    return commitEvent(this.db, this.tables, input, loaded, (id) => this.readResult(id));
  }

  readResult(eventId: string): Promise<EventResult | null> {
    return readResult(this.db, this.tables, eventId);
  }

  readEvent(eventId: string) {
    return readEvent(this.db, this.tables, eventId);
  }

  readBalances(memberId: string) {
    return readBalances(this.db, this.tables, memberId);
  }

  listPolicyPage(productId: string, cursor: string | null, limit = 100) {
    return listPolicyPage(this.db, this.tables, productId, cursor, limit);
  }

  readOutbox(ids: readonly string[]) {
    return readOutbox(this.db, this.tables, ids);
  }

  claimNotification(notificationId: string, sentAt = Date.now()) {
    return claimNotification(this.db, this.tables, notificationId, sentAt);
  }

  scanAll<T>(role: TableRole): Promise<T[]> {
    return scanAll<T>(this.db, this.tables, role);
  }

  async seed(catalog: CatalogDocs, world: World): Promise<void> {
    await seedWorld(this.db, this.tables, catalog, world);
    this.refreshCatalog();
  }
}
