/**
 * store → ports: what each use case may read and commit, as interfaces. The
 * handlers in functions/ depend on these and nothing else of the store (a
 * dependency rule checks it); `Store` (store.ts) is the one implementation on
 * DynamoDB, and the unit tests of the handlers use one in memory. Types only.
 */
import type {
  Account,
  Catalog,
  Change,
  Counters,
  EventResult,
  Member,
  MemberId,
  Notification,
  Policy,
  SingleStepEvent,
  Snapshot,
} from '@medins/engine';

/** What a decision was made on: the snapshot, the versions read, and a prior result if the event was applied before. */
export interface Loaded {
  readonly snapshot: Snapshot;
  /** Item id → version read (0: the item did not exist). Opaque to use cases: the commit checks them. */
  readonly versions: Readonly<Record<string, number>>;
  readonly prior: EventResult | null;
  /**
   * With `prior`: the notifications the first commit owed, so that a redelivered
   * event publishes them again under the same ids (at least once; the SMS
   * provider drops a repeat by id). Absent when the event is new.
   */
  readonly priorNotifications?: readonly OwedNotification[];
  /**
   * The catalog version the decision is made on: the version in force when the
   * snapshot was read (read with it), or the one a workflow pinned at its first
   * step. The commit records it on the event's outcome item. 0: none published.
   */
  readonly catalogVersion: number;
}

export interface CommitInput {
  readonly eventId: string;
  readonly type: string;
  readonly result: EventResult;
  /** The event as received (contract JSON), kept with the outcome. */
  readonly eventDoc: unknown;
  readonly changes: readonly Change[];
  readonly notifications: readonly Notification[];
}

export interface CommitOutcome {
  /** False when the event had been applied before: the prior result is returned, nothing changed. */
  readonly applied: boolean;
  readonly result: EventResult;
  readonly committedAt: number | null;
  /**
   * What the event owes, to be published by the caller: the ones this commit
   * recorded, or (applied false) the ones the first commit recorded — the same ids,
   * so a redelivery publishes the same messages again and nothing is lost.
   */
  readonly notifications: readonly OwedNotification[];
}

/**
 * A notification an applied event owes, recorded on the event's outcome item by its
 * commit and returned by it: everything the message needs, so publishing it reads
 * nothing back from the store. Masked only (the recipient's profile as the snapshot
 * read it): a message never carries a clear name or phone.
 */
export interface OwedNotification {
  /** `<eventId>|<recipient>|<kind>`: what the SMS provider deduplicates on. */
  readonly notificationId: string;
  readonly eventId: string;
  readonly to: string;
  readonly kind: string;
  readonly aboutId: string | null;
  readonly amountFen: number;
  readonly maskedRecipient: string;
  readonly maskedPhone: string | null;
}

/** The catalog every decision is made with (configuration, versioned; cached by the implementation). */
export interface CatalogPort {
  /**
   * The catalog at `version` (a version never changes, so it is cached); without
   * one, the version in force now. Decide on `loaded.catalogVersion`, so that every
   * step of one event decides on the same catalog.
   */
  catalog(version?: number): Promise<Catalog>;
}

/**
 * Applying one event: load its snapshot, commit its decision in one transaction.
 * `commit` throws ConflictError when an item read has changed since.
 */
export interface EventStore extends CatalogPort {
  load(event: SingleStepEvent): Promise<Loaded>;
  commit(input: CommitInput, loaded: Loaded): Promise<CommitOutcome>;
}

export interface PolicyPage {
  readonly policies: readonly Policy[];
  /** Where the next page starts; null after the last page. */
  readonly cursor: string | null;
}

/** A renewal campaign: pages of a product's policies in creation order, each policy renewed once. */
export interface RenewalStore extends CatalogPort {
  listPolicyPage(productId: string, cursor: string | null, limit: number): Promise<PolicyPage>;
  loadRenewal(policy: Policy, eventId: string): Promise<Loaded>;
  commit(input: CommitInput, loaded: Loaded): Promise<CommitOutcome>;
  readResult(eventId: string): Promise<EventResult | null>;
}

/** An applied event as the API reads it back. */
export interface AppliedEvent {
  readonly result: EventResult;
  /** The event as received (contract JSON), or null for internal events. */
  readonly event: unknown;
  /** The reversal that undid this claim (absent: not reversed). */
  readonly reversedBy?: string;
}

/**
 * A registered caller of the API (the catalog's `principal|<id>` documents), with
 * `version`: its registration's version (each write of a configuration document
 * is the next version, `writeConfig`).
 */
export type PrincipalDoc = Readonly<Record<string, unknown>>;

/** Why an event failed for good (its workflow recorded the failure and dead-lettered it). */
export interface EventFailure {
  /** A reason code (`INVALID_EVENT`, an error's code, `FAILED`). */
  readonly code: string;
  readonly message: string;
}

/**
 * The API's record of a submission it accepted, written before the event is queued:
 * the idempotency key (the scoped event id) and the fingerprint of the body it came with.
 */
export interface AcceptRecord {
  readonly eventId: string;
  /** SHA-256 (hex) of the canonical JSON of the request (api/idempotency.ts). */
  readonly fingerprint: string;
  /** When the API received it (ms since the epoch). */
  readonly acceptedAt: number;
  /**
   * `queued` until applied (then the outcome item answers); `failed` when it failed
   * for good; `quoted` for a quote, which is never queued: its answer is `result`,
   * kept so that the key reads back what it answered (a quote changes no state).
   */
  readonly status: 'queued' | 'failed' | 'quoted';
  readonly failure?: EventFailure;
  /** A quote's answer (status `quoted`). */
  readonly result?: EventResult;
  /** The caller that submitted it (a service principal's id; members are in the event itself). */
  readonly principal?: string;
  /** The version of that principal's registration the submission was authorized under. */
  readonly principalVersion?: number;
}

/** Marking an accepted submission failed for good (the queue consumer). */
export interface FailureStore {
  failAccepted(eventId: string, failure: EventFailure): Promise<void>;
}

/** The HTTP API: principals, member regions, outcomes, balances, and snapshots for quotes. */
export interface ApiStore extends CatalogPort {
  /**
   * Records an accepted submission unless its id was accepted before — one
   * conditional put. Null when this record was written, else the earlier one (the
   * caller compares fingerprints: same body, same answer; another body, 409).
   */
  acceptSubmission(record: AcceptRecord): Promise<AcceptRecord | null>;
  readAccepted(eventId: string): Promise<AcceptRecord | null>;
  load(event: SingleStepEvent): Promise<Loaded>;
  principal(id: string): Promise<PrincipalDoc | null>;
  member(memberId: MemberId): Promise<Member | null>;
  readApplied(eventId: string): Promise<AppliedEvent | null>;
  readBalances(memberId: MemberId): Promise<Account | null>;
  /** A member's accumulators of one year (counter → fen; a counter at zero is absent); null when none were kept. */
  readAccumulators(memberId: MemberId, year: number): Promise<Counters | null>;
  /** The policies a member is insured by, by product id; null when the member has no state item. */
  readPolicies(memberId: MemberId): Promise<Readonly<Record<string, Policy>> | null>;
}

/** A fee detail a HIS uploaded for a visit (2204), held until settled or revoked (2205). */
export interface HsaFeeDetail {
  /** feedetl_sn: unique within the visit. */
  readonly feedetlSn: string;
  readonly chrgBchno: string;
  /** med_list_codg: the national list code, the line's code in our claim. */
  readonly listCode: string;
  readonly amountFen: number;
  /** cnt and pric as the HIS wrote them (kept for the answer; money is `amountFen`). */
  readonly cnt: string;
  readonly pric: string;
  readonly feeTime: string;
  /** The setl_id of the settlement that holds it; null while unsettled. */
  readonly setlId: string | null;
}

/** A settlement of a visit through the gateway: its setl_id and the claim (and reversal) it is. */
export interface HsaSettlement {
  readonly setlId: string;
  readonly claimEventId: string;
  readonly chrgBchno: string;
  readonly msgid: string;
  /** The reversal (2208) that undid it; null while it stands. */
  readonly reversalEventId: string | null;
}

/** A visit registered through the gateway (2201): mdtrt_id is our visitId, scoped to the caller. */
export interface HsaVisit {
  /** The caller's id space (api/idempotency.ts `scopeOf`). */
  readonly scope: string;
  readonly mdtrtId: string;
  /** The credential's member (psn_no). */
  readonly memberId: string;
  readonly providerId: string;
  readonly insutype: string;
  /** med_type from 2203; null until uploaded. */
  readonly medType: string | null;
  readonly begntime: string;
  readonly registeredAt: number;
  readonly details: readonly HsaFeeDetail[];
  readonly settlements: readonly HsaSettlement[];
  /** 1 when first written; each write adds one (optimistic concurrency). */
  readonly version: number;
}

/** A gateway message (msgid) scoped to its caller: the body's fingerprint and, once answered, the answer. */
export interface HsaMessage {
  readonly scope: string;
  readonly msgid: string;
  readonly fingerprint: string;
  readonly receivedAt: number;
  /** The envelope answered; null until answered (a retry then runs it again, every step being idempotent). */
  readonly answer: unknown;
}

/** The national platform's gateway (`POST /hsa`): its configuration, messages, visits and held fee details. */
export interface HsaStore {
  /** The `hsa|config` document of the catalog table, or null when none is published. */
  hsaConfig(): Promise<Readonly<Record<string, unknown>> | null>;
  /** Records a message unless its msgid was seen before (one conditional put): null when written, else the earlier record. */
  acceptHsaMessage(message: HsaMessage): Promise<HsaMessage | null>;
  /** Stores the answer of a recorded message (the same answer for every replay). */
  answerHsaMessage(scope: string, msgid: string, answer: unknown): Promise<void>;
  hsaVisit(scope: string, mdtrtId: string): Promise<HsaVisit | null>;
  /** Writes a visit at `visit.version`: new when 1, else only over version − 1. False when another write came first. */
  putHsaVisit(visit: HsaVisit): Promise<boolean>;
  /** Whether the caller registered a visit of the member (a 5206 query is about the caller's own patients). */
  hsaPatient(scope: string, memberId: string): Promise<boolean>;
}

/** Who a review task waits for: the first reviewer, or a supervisor once a review was escalated. */
export type ReviewLevel = 'reviewer' | 'supervisor';

/**
 * A held claim's review task (人工审核), as the reviewers' tool reads it: open while
 * its ReviewWorkflow waits for a decision, with the Step Functions task token that
 * resumes it; `decided` once a decision resumed it (the token is gone by then).
 */
export interface ReviewTask {
  readonly claimId: string;
  readonly level: ReviewLevel;
  readonly status: 'open' | 'decided';
  /** When this level's task was published (epoch ms). */
  readonly openedAt: number;
  /** Escalations so far (timeouts, heartbeats missed, reviews handed back). */
  readonly escalations: number;
  /** Present only while open: answered once with SendTaskSuccess, never logged. */
  readonly token?: string;
  /** The decision event that resumed the review. */
  readonly decidedBy?: string;
}

/** The review tasks of held claims: published by the ReviewWorkflow, read by whoever routes a decision. */
export interface ReviewTaskStore {
  /** Publishes (or re-publishes, at a new level or after a failed decision) the open task of a claim. */
  openReviewTask(task: Omit<ReviewTask, 'status' | 'decidedBy'> & { readonly token: string }): Promise<void>;
  readReviewTask(claimId: string): Promise<ReviewTask | null>;
  /** The decision resumed the review: the task is `decided` by it and its token removed. */
  closeReviewTask(claimId: string, decisionId: string): Promise<void>;
  /** An event's result (a decision's, the claim's), null when not applied. */
  readResult(eventId: string): Promise<EventResult | null>;
}
