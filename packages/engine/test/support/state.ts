/**
 * Test support (tests → engine state): a comparable digest of a MemoryState, and the
 * snapshot path the DynamoDB-backed Lambdas take (missingReads → copyReads →
 * SnapshotView), run against a memory state.
 *
 * MemoryState keeps everything in `#private` fields, which `toEqual` cannot see, so
 * the digest reads the state through its public port for every key a scenario can
 * touch. Entries are `[key, value]` arrays, never object keys, so that any id the
 * contract accepts (`__proto__` included) survives.
 */
import type { Scenario } from '@medins/contract';
import {
  type Account,
  type Catalog,
  type ClaimRecord,
  copyReads,
  type DomainEvent,
  type EventId,
  emptySnapshot,
  type FamilyBinding,
  type HeldClaim,
  isEmptyReadSet,
  type MemberId,
  type MemoryState,
  missingReads,
  missingRenewalReads,
  type PlanId,
  type Policy,
  type ProviderId,
  type ReadSet,
  type RenewalCampaignEvent,
  type SingleStepEvent,
  type Snapshot,
  SnapshotView,
  type VisitId,
  yearOf,
} from '@medins/engine';

/** Every key a scenario's events can read or change. */
export interface StateKeys {
  readonly members: readonly MemberId[];
  readonly products: readonly PlanId[];
  readonly years: readonly number[];
  readonly events: readonly EventId[];
  /** `[providerId, visitId]` of every visit a claim or quote names. */
  readonly visits: readonly (readonly [ProviderId, VisitId])[];
  /** Every provider of the world (inpatient stays are kept per member and provider). */
  readonly providers: readonly ProviderId[];
}

/** The keys of a parsed scenario: its members and products, and every id or year its events name. */
export function keysOf(scenario: Scenario): StateKeys {
  const members = new Set<string>(scenario.world.members.map((m) => m.id));
  const products = new Set<string>([...scenario.world.catalog.plans.values()].filter((p) => p.tier === 'supplementary').map((p) => p.id));
  const years = new Set<number>();
  const events = new Set<string>();
  const visits = new Map<string, readonly [ProviderId, VisitId]>();
  for (const e of scenario.events) {
    events.add(e.id);
    switch (e.type) {
      case 'claim':
      case 'quote':
        members.add(e.memberId).add(e.cardHolderId);
        years.add(yearOf(e.serviceDate));
        if (e.visitId !== null) visits.set(`${e.providerId}|${e.visitId}`, [e.providerId, e.visitId]);
        break;
      case 'enroll':
        members.add(e.payerId).add(e.insuredId);
        products.add(e.productId);
        break;
      case 'bindFamily':
      case 'unbindFamily':
        members.add(e.holderId).add(e.memberId);
        break;
      case 'bindViewer':
        members.add(e.ownerId).add(e.memberId);
        break;
      case 'renewalCampaign':
        products.add(e.fromProductId).add(e.toProductId);
        break;
      case 'reverseClaim':
      case 'reviewDecision':
        events.add(e.claimId);
        break;
    }
  }
  const sorted = <T>(s: Set<T>) => [...s].sort() as T[];
  return {
    members: sorted(members) as MemberId[],
    products: sorted(products) as PlanId[],
    years: sorted(years),
    events: sorted(events) as EventId[],
    visits: [...visits.keys()].sort().map((k) => visits.get(k)!),
    providers: [...scenario.world.catalog.providers.keys()].sort(),
  };
}

export interface StateDigest {
  readonly balances: [string, Account][];
  readonly accounts: [string, Account | undefined][];
  readonly bindings: [string, FamilyBinding | undefined][];
  readonly groupSizes: [string, number][];
  readonly policiesOf: [string, readonly Policy[]][];
  readonly policiesOfProduct: [string, Policy[]][];
  readonly relatives: [string, number][];
  readonly accumulators: [string, [string, number][]][];
  readonly claims: [string, ClaimRecord | undefined][];
  readonly viewers: string[];
  /** Each visit named, with the claim holding it (undefined: free). */
  readonly visits: [string, EventId | undefined][];
  /** Claims held for review (waiting or decided). */
  readonly held: [string, HeldClaim | undefined][];
  /** Settled, unreversed inpatient stays per member and provider. */
  readonly stays: [string, [string, string][]][];
}

export interface DigestOptions {
  /** Leave out accumulators at zero: a reversal leaves its counters at 0 where they were absent before. */
  readonly dropZeroCounters?: boolean;
}

/**
 * Everything the state holds for `keys`, comparable with `toEqual`.
 * @example expect(digest(after, keys)).toEqual(digest(before, keys))
 */
export function digest(state: MemoryState, keys: StateKeys, options: DigestOptions = {}): StateDigest {
  const accumulators: [string, [string, number][]][] = [];
  for (const m of keys.members) {
    for (const y of keys.years) {
      const entries = Object.entries(state.accumulators(m, y))
        .filter(([, v]) => !(options.dropZeroCounters && v === 0))
        .sort(([a], [b]) => (a < b ? -1 : 1));
      if (entries.length > 0) accumulators.push([`${m}|${y}`, entries]);
    }
  }
  const viewers: string[] = [];
  for (const o of keys.members) for (const m of keys.members) if (state.viewerBound(o, m)) viewers.push(`${o}|${m}`);
  return {
    balances: Object.entries(state.balances()),
    accounts: keys.members.map((m) => [m, state.account(m)]),
    bindings: keys.members.map((m) => [m, state.bindingOf(m)]),
    groupSizes: keys.members.map((m) => [m, state.groupSize(m)]),
    policiesOf: keys.members.map((m) => [m, state.policiesOf(m)]),
    policiesOfProduct: keys.products.map((p) => [p, state.policiesOfProduct(p)]),
    relatives: keys.products.flatMap((p) => keys.members.map((m): [string, number] => [`${p}|${m}`, state.accountPaidRelatives(p, m)])),
    accumulators,
    claims: keys.events.map((e) => [e, state.claimRecord(e)]),
    viewers,
    visits: keys.visits.map(([p, v]): [string, EventId | undefined] => [`${p}|${v}`, state.visitHolder(p, v)]),
    held: keys.events.map((e) => [e, state.heldClaim(e)]),
    stays: keys.members.flatMap((m) =>
      keys.providers.map((p): [string, [string, string][]] => [`${m}|${p}`, [...state.inpatientStays(m, p)].sort()]),
    ),
  };
}

/** Balances and accumulators only: what a claim moves and a reversal must restore. */
export function money(state: MemoryState, keys: StateKeys): Pick<StateDigest, 'accounts' | 'accumulators'> {
  const d = digest(state, keys, { dropZeroCounters: true });
  return { accounts: d.accounts, accumulators: d.accumulators };
}

export interface LoadedSnapshot {
  readonly view: SnapshotView;
  /** How many rounds of reads it took (a claim with a family binding: 2). */
  readonly rounds: number;
  /** False when `missingReads` still asked for something after `maxRounds`. */
  readonly complete: boolean;
  readonly lastReads: ReadSet;
}

/** Loads what `needs` asks, round after round, from `source` — as the store does from DynamoDB. */
function load(catalog: Catalog, source: MemoryState, needs: (have: Snapshot) => ReadSet, maxRounds: number): LoadedSnapshot {
  const snapshot = emptySnapshot();
  let rounds = 0;
  let reads = needs(snapshot);
  while (!isEmptyReadSet(reads) && rounds < maxRounds) {
    copyReads(source.items, reads, snapshot);
    rounds++;
    reads = needs(snapshot);
  }
  return { view: new SnapshotView(catalog, snapshot), rounds, complete: isEmptyReadSet(reads), lastReads: reads };
}

/**
 * The snapshot a store would load for one single-step event.
 * @example decide(event, snapshotFor(event, state).view)
 */
export function snapshotFor(event: SingleStepEvent, source: MemoryState, maxRounds = 5): LoadedSnapshot {
  return load(source.catalog, source, (have) => missingReads(event, have), maxRounds);
}

/** The snapshot a store would load to renew one policy in a campaign. */
export function renewalSnapshotFor(_campaign: RenewalCampaignEvent, policy: Policy, source: MemoryState, maxRounds = 5): LoadedSnapshot {
  return load(source.catalog, source, (have) => missingRenewalReads(policy, have), maxRounds);
}

export const isSingleStep = (e: DomainEvent): e is SingleStepEvent => e.type !== 'renewalCampaign';
