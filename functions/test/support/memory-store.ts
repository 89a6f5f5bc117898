/**
 * Test support (functions → ports ← memory): every port of the store in memory,
 * with the DynamoDB store's semantics (packages/store/src/store.ts) and none of
 * its rules. Items come from the engine (`itemsOfWorld`), a load is the engine's
 * `missingReads` / `copyReads` rounds, a commit applies the decision with the
 * engine's `applyChanges` to a copy of the items read — the one implementation of
 * every state change — and is refused as the transaction would be: a repeated
 * event id answers with the first result, an item read that changed since is a
 * ConflictError, a change the items read do not allow is a StoreError. The
 * catalog is versioned as the store's: the world's is version 1, `publishCatalog`
 * adds the next, a load reads the version in force with the snapshot.
 */
import {
  type Account,
  type Applied,
  accumulatorsKey,
  applyChanges,
  type Catalog,
  type Counters,
  copyItems,
  copyReads,
  type EventResult,
  emptySnapshot,
  InvariantError,
  isEmptyReadSet,
  itemsOfWorld,
  type Member,
  type MemberId,
  missingReads,
  missingRenewalReads,
  own,
  type Policy,
  type ReadSet,
  type SingleStepEvent,
  type Snapshot,
  type StateItems,
  type World,
} from '@medins/engine';
import { owedNotificationOf } from '@medins/store';
import { ConflictError, StoreError } from '@medins/store/errors';
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
  OwedNotification,
  PolicyPage,
  PrincipalDoc,
  RenewalStore,
  ReviewTask,
  ReviewTaskStore,
} from '@medins/store/ports';

/** The key of an item in `versions`: its kind in StateItems and its key there (`states|m1`, `accumulators|m1|2021`). */
const versionKey = (kind: keyof StateItems, key: string) => `${kind}|${key}`;

/** Kinds whose items events change, and so are versioned (member profiles are configuration). */
const VERSIONED = ['states', 'accumulators', 'claims', 'viewers', 'visits', 'held', 'stays'] as const;

/** A JSON copy: what is stored is never the caller's object (DynamoDB keeps text, too). */
const stored = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

interface StoredEvent {
  readonly type: string;
  readonly result: EventResult;
  readonly event: unknown;
  readonly committedAt: number;
  readonly catalogVersion: number;
  readonly notifications: readonly OwedNotification[];
}

export interface MemoryStoreOptions {
  /** Registered API callers by id (the catalog's `principal|<id>` documents). */
  readonly principals?: Readonly<Record<string, PrincipalDoc>>;
  /** Commit times, strictly increasing (default: a counter from a fixed instant, in microseconds like the store's). */
  readonly commitClock?: () => number;
}

export class MemoryStore implements EventStore, RenewalStore, ApiStore, FailureStore, HsaStore, ReviewTaskStore {
  /** Every item (read it in assertions; change it only through `commit`). */
  readonly items: StateItems;
  /** Item key → how many commits replaced it (absent: 0, as loaded from the world). */
  readonly #versions = new Map<string, number>();
  readonly #events = new Map<string, StoredEvent>();
  readonly #principals: Map<string, PrincipalDoc>;
  /** The API's accept records by event id (the events table's `accept|<id>` items). */
  readonly #accepted = new Map<string, AcceptRecord>();
  /** Every policy in creation order: the memory counterpart of the `byCreation` index. */
  readonly #policies: Policy[];
  /** Catalog versions: version n at index n − 1; the last is in force. */
  readonly #catalogs: Catalog[];
  readonly #commitClock: () => number;
  /** Commits that changed something (a duplicate does not count). */
  commits = 0;
  /** The national gateway's configuration document (`hsa|config`); null: none published. */
  hsaConfigDoc: Record<string, unknown> | null = null;
  /** The gateway's items by key, as the events table's `hsa|…` items (stored as JSON text). */
  readonly #hsa = new Map<string, string>();
  readonly #reviews = new Map<string, ReviewTask>();

  constructor(world: World, options: MemoryStoreOptions = {}) {
    this.items = itemsOfWorld(world);
    this.#catalogs = [world.catalog];
    this.#policies = [...world.policies];
    this.#principals = new Map(Object.entries(options.principals ?? {}).map(([id, doc]) => [id, { version: 1, ...doc }]));
    let tick = 1_609_430_400_000_000;
    this.#commitClock = options.commitClock ?? (() => ++tick);
  }

  async catalog(version?: number): Promise<Catalog> {
    const v = version ?? this.#catalogs.length;
    const catalog = this.#catalogs[v - 1];
    if (!catalog) throw new StoreError(`catalog version ${v} does not exist`, { entity: `catalog|v${v}` });
    return catalog;
  }

  /** Publishes a catalog as the next version, now in force; returns its version (as `Store.publishCatalog`). */
  publishCatalog(catalog: Catalog): number {
    this.#catalogs.push(catalog);
    return this.#catalogs.length;
  }

  /** The catalog version an applied event was decided on (assertions; as the outcome item's `catalogVersion`). */
  catalogVersionOf(eventId: string): number | null {
    return this.#events.get(eventId)?.catalogVersion ?? null;
  }

  async hsaConfig(): Promise<Record<string, unknown> | null> {
    return stored(this.hsaConfigDoc);
  }

  async acceptHsaMessage(message: HsaMessage): Promise<HsaMessage | null> {
    const key = `msg|${message.scope}|${message.msgid}`;
    const earlier = this.#hsa.get(key);
    if (earlier) return JSON.parse(earlier) as HsaMessage;
    this.#hsa.set(key, JSON.stringify({ ...message, answer: null }));
    return null;
  }

  async answerHsaMessage(scope: string, msgid: string, answer: unknown): Promise<void> {
    const key = `msg|${scope}|${msgid}`;
    const earlier = this.#hsa.get(key);
    if (!earlier) throw new StoreError('no such message', { entity: key });
    this.#hsa.set(key, JSON.stringify({ ...(JSON.parse(earlier) as HsaMessage), answer }));
  }

  async hsaVisit(scope: string, mdtrtId: string): Promise<HsaVisit | null> {
    const item = this.#hsa.get(`visit|${scope}|${mdtrtId}`);
    return item ? (JSON.parse(item) as HsaVisit) : null;
  }

  async putHsaVisit(visit: HsaVisit): Promise<boolean> {
    const before = await this.hsaVisit(visit.scope, visit.mdtrtId);
    if ((before?.version ?? 0) !== visit.version - 1) return false;
    this.#hsa.set(`visit|${visit.scope}|${visit.mdtrtId}`, JSON.stringify(visit));
    this.#hsa.set(`psn|${visit.scope}|${visit.memberId}`, '{}');
    return true;
  }

  async hsaPatient(scope: string, memberId: string): Promise<boolean> {
    return this.#hsa.has(`psn|${scope}|${memberId}`);
  }

  load(event: SingleStepEvent): Promise<Loaded> {
    return this.#load(event.id, (have) => missingReads(event, have));
  }

  loadRenewal(policy: Policy, eventId: string): Promise<Loaded> {
    return this.#load(eventId, (have) => missingRenewalReads(policy, have));
  }

  /** The store's load: the prior result if the event was applied, else rounds of reads until nothing is missing. */
  async #load(eventId: string, next: (have: Snapshot) => ReadSet): Promise<Loaded> {
    const catalogVersion = this.#catalogs.length;
    const prior = this.#events.get(eventId);
    if (prior)
      return {
        snapshot: emptySnapshot(),
        versions: {},
        prior: stored(prior.result),
        priorNotifications: prior.notifications,
        catalogVersion,
      };
    const snapshot = emptySnapshot();
    const versions: Record<string, number> = {};
    for (let round = 0; round < 4; round++) {
      const reads = next(snapshot);
      if (isEmptyReadSet(reads)) return { snapshot, versions, prior: null, catalogVersion };
      copyReads(this.items, reads, snapshot);
      for (const kind of VERSIONED) for (const key of reads[kind]) versions[versionKey(kind, key)] = this.#version(versionKey(kind, key));
    }
    throw new StoreError('the read set did not settle in 4 rounds', { entity: `events|${eventId}` });
  }

  async commit(input: CommitInput, loaded: Loaded): Promise<CommitOutcome> {
    if (loaded.prior) return { applied: false, result: loaded.prior, committedAt: null, notifications: loaded.priorNotifications ?? [] };
    // The event id's condition comes first, as in the transaction: a raced duplicate gets the first result.
    const prior = this.#events.get(input.eventId);
    if (prior) return { applied: false, result: stored(prior.result), committedAt: null, notifications: prior.notifications };
    for (const [key, version] of Object.entries(loaded.versions)) {
      if (this.#version(key) === version) continue;
      throw new ConflictError(`event ${input.eventId}: an item it read changed before the commit`, { entity: key });
    }
    const after = copyItems(loaded.snapshot);
    let applied: Applied;
    try {
      applied = applyChanges(after, input.changes);
    } catch (e) {
      if (!(e instanceof InvariantError)) throw e;
      throw new StoreError(`event ${input.eventId} does not apply to the items it read: ${e.message}`, { entity: e.entity, cause: e });
    }
    // Every item written must have been read: its version is what makes the write safe.
    const unread = [
      ...[...applied.states].filter((id) => !Object.hasOwn(loaded.snapshot.states, id)).map((id) => `accounts|${id}`),
      ...[...applied.accumulators].filter((k) => !Object.hasOwn(loaded.snapshot.accumulators, k)).map((k) => `accumulators|${k}`),
      ...[...applied.visits].filter((k) => !Object.hasOwn(loaded.snapshot.visits, k)).map((k) => `visits|${k}`),
      ...[...applied.stays].filter((k) => !Object.hasOwn(loaded.snapshot.stays, k)).map((k) => `stays|${k}`),
      ...[...applied.held].filter((id) => id !== input.eventId && !Object.hasOwn(loaded.snapshot.held, id)).map((id) => `held|${id}`),
    ];
    if (unread.length > 0) throw new StoreError('the commit touches items that were not read', { entity: unread[0] });

    const committedAt = this.#commitClock();
    this.#write('states', applied.states, after.states);
    this.#write('accumulators', applied.accumulators, after.accumulators);
    this.#write('claims', [...applied.recorded, ...applied.reversed.keys()], after.claims);
    this.#write('viewers', applied.viewers, after.viewers);
    this.#write('visits', applied.visits, after.visits);
    this.#write('held', applied.held, after.held);
    this.#write('stays', applied.stays, after.stays);
    this.#policies.push(...applied.policies);
    // The store's one rule for what a message says (masked, from the profiles the snapshot read).
    const notifications = input.notifications.map((n) => owedNotificationOf(n, own(loaded.snapshot.members, n.to)));
    this.#events.set(input.eventId, {
      type: input.type,
      result: stored(input.result),
      event: stored(input.eventDoc) ?? null,
      committedAt,
      catalogVersion: loaded.catalogVersion,
      notifications,
    });
    this.commits++;
    return { applied: true, result: input.result, committedAt, notifications };
  }

  #version(key: string): number {
    return this.#versions.get(key) ?? 0;
  }

  #write<K extends (typeof VERSIONED)[number]>(kind: K, keys: Iterable<string>, from: StateItems[K]): void {
    for (const key of keys) {
      (this.items[kind] as Record<string, unknown>)[key] = own(from as Record<string, unknown>, key);
      this.#versions.set(versionKey(kind, key), this.#version(versionKey(kind, key)) + 1);
    }
  }

  async readResult(eventId: string): Promise<EventResult | null> {
    const e = this.#events.get(eventId);
    return e ? stored(e.result) : null;
  }

  async readApplied(eventId: string): Promise<AppliedEvent | null> {
    const e = this.#events.get(eventId);
    const reversedBy = own(this.items.claims, eventId)?.reversedBy;
    return e ? { result: stored(e.result), event: stored(e.event), ...(reversedBy ? { reversedBy } : {}) } : null;
  }

  async acceptSubmission(record: AcceptRecord): Promise<AcceptRecord | null> {
    const earlier = this.#accepted.get(record.eventId);
    if (earlier) return stored(earlier);
    const quoted = record.status === 'quoted' && record.result !== undefined;
    this.#accepted.set(record.eventId, stored(quoted ? record : { ...record, status: 'queued' as const }));
    return null;
  }

  async readAccepted(eventId: string): Promise<AcceptRecord | null> {
    const record = this.#accepted.get(eventId);
    return record ? stored(record) : null;
  }

  async failAccepted(eventId: string, failure: EventFailure): Promise<void> {
    const record = this.#accepted.get(eventId);
    if (record?.status === 'queued') this.#accepted.set(eventId, stored({ ...record, status: 'failed' as const, failure }));
  }

  async openReviewTask(task: Omit<ReviewTask, 'status' | 'decidedBy'> & { readonly token: string }): Promise<void> {
    this.#reviews.set(task.claimId, { ...task, status: 'open' });
  }

  async readReviewTask(claimId: string): Promise<ReviewTask | null> {
    const task = this.#reviews.get(claimId);
    return task ? { ...task } : null;
  }

  async closeReviewTask(claimId: string, decisionId: string): Promise<void> {
    const task = this.#reviews.get(claimId);
    if (!task) return;
    const { token: _spent, ...rest } = task;
    this.#reviews.set(claimId, { ...rest, status: 'decided', decidedBy: decisionId });
  }

  /** Every accept record (assertions). */
  acceptRecords(): AcceptRecord[] {
    return [...this.#accepted.values()].map((r) => stored(r));
  }

  async readBalances(memberId: MemberId): Promise<Account | null> {
    return own(this.items.states, memberId)?.account ?? null;
  }

  async readAccumulators(memberId: MemberId, year: number): Promise<Counters | null> {
    const counters = own(this.items.accumulators, accumulatorsKey(memberId, year));
    return counters ? stored(counters) : null;
  }

  async readPolicies(memberId: MemberId): Promise<Readonly<Record<string, Policy>> | null> {
    const state = own(this.items.states, memberId);
    return state ? stored(state.policies) : null;
  }

  async member(memberId: MemberId): Promise<Member | null> {
    return own(this.items.members, memberId) ?? null;
  }

  async principal(id: string): Promise<PrincipalDoc | null> {
    return this.#principals.get(id) ?? null;
  }

  /** Registers an API caller as its next version (as operations tooling writes `principal|<id>`, Store.writeConfig). */
  registerPrincipal(id: string, doc: PrincipalDoc): void {
    const was = this.#principals.get(id)?.version;
    this.#principals.set(id, { ...doc, version: (typeof was === 'number' ? was : 0) + 1 });
  }

  /** A page of a product's policies in creation order; the cursor is the position after the page, null after the last. */
  async listPolicyPage(productId: string, cursor: string | null, limit = 100): Promise<PolicyPage> {
    const all = this.#policies.filter((p) => p.productId === productId);
    const from = cursor === null ? 0 : Number(cursor);
    const policies = all.slice(from, from + limit);
    const end = from + policies.length;
    return { policies, cursor: end < all.length ? String(end) : null };
  }

  /** Every notification a commit recorded, in commit order (assertions). */
  notifications(): OwedNotification[] {
    return [...this.#events.values()].flatMap((e) => e.notifications.map((n) => ({ ...n })));
  }

  /** Every applied event id, in commit order (assertions). */
  appliedEventIds(): string[] {
    return [...this.#events.keys()];
  }
}
