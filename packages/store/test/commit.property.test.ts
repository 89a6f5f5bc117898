/**
 * store/commit.ts ⟷ engine/state/apply.ts: one implementation of each state change.
 * Random scenarios (fast-check) are replayed twice: in memory (the scenario
 * command's path: MemoryState applies every decision with `applyChanges`) and on
 * DynamoDB Local through the store (the Lambdas' path: load a snapshot, decide on
 * it, commit one conditional transaction built by `applyChanges` on a copy of the
 * snapshot). Every result, and in the end every balance, binding, group size,
 * policy, relative count, accumulator, viewer binding, visit held and claim
 * record, must be the same.
 */

import { isDeepStrictEqual } from 'node:util';
import { parseScenario, type ScenarioInput } from '@medins/contract';
import {
  type Catalog,
  decide,
  decidePolicyRenewal,
  type EventResult,
  emptyMemberState,
  emptyRenewalReport,
  type MemberId,
  type PolicyRenewal,
  type RenewalCampaignEvent,
  Replayer,
  renewalEventId,
  SnapshotView,
  tallyRenewal,
} from '@medins/engine';
import { TABLES } from '@medins/infra';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../../test/support/scenario-arbitrary.ts';
import {
  accumulatorsOf,
  decodeEventItem,
  memberStateOf,
  type StayItem,
  Store,
  type StoredMemberState,
  TABLE_ROLES,
  type TableNames,
  type VisitItem,
} from '../src/index.ts';
import { type LocalTables, startLocalTables } from './support/local-tables.ts';
import { memoryDynamoDb } from './support/memory-dynamodb.ts';

/**
 * A thousand scenarios through the Store on tables in memory (the store's real
 * code, DynamoDB's semantics for the few expressions it sends), and fewer on
 * DynamoDB Local, which is what keeps the memory tables honest.
 * MEDINS_PROPERTY_RUNS changes the first for a quick local loop; MEDINS_PROPERTY_SEED and
 * MEDINS_PROPERTY_PATH replay a failure fast-check reported (its `seed` and `path`).
 */
const RUNS = Number(process.env.MEDINS_PROPERTY_RUNS ?? 1000);
const LOCAL_RUNS = Number(process.env.MEDINS_PROPERTY_LOCAL_RUNS ?? 40);

const TABLE_NAMES = Object.fromEntries(TABLE_ROLES.map((role) => [role, `medins-${role}`])) as unknown as TableNames;
const KEY_SCHEMAS = Object.fromEntries(
  TABLE_ROLES.map((role) => [
    TABLE_NAMES[role],
    [TABLES[role].partitionKey.name, ...(TABLES[role].sortKey ? [TABLES[role].sortKey!.name] : [])],
  ]),
);

let local: LocalTables;

beforeAll(async () => {
  local = await startLocalTables();
}, 120_000);

afterAll(async () => {
  await local?.stop();
});

/** A campaign as the renewal workflow runs it: page by page, each policy loaded, decided and committed once. */
async function campaignThroughStore(store: Store, catalog: Catalog, campaign: RenewalCampaignEvent): Promise<EventResult> {
  // As ListPolicyPage: a campaign recorded before walks nothing and gets its first report.
  const recorded = await store.readResult(campaign.id);
  if (recorded) return recorded;
  let report = emptyRenewalReport(campaign);
  let cursor: string | null = null;
  do {
    const page = await store.listPolicyPage(campaign.fromProductId, cursor, 3);
    for (const policy of page.policies) {
      const eventId = renewalEventId(campaign.id, policy);
      const loaded = await store.loadRenewal(policy, eventId);
      if (loaded.prior) {
        // Handled by an earlier run of this campaign id: its outcome counts, nothing changes.
        const prior = loaded.prior as unknown as Pick<PolicyRenewal, 'outcome' | 'reasons'>;
        report = tallyRenewal(report, {
          policyId: policy.id,
          outcome: prior.outcome,
          reasons: prior.reasons,
          changes: [],
          notifications: [],
        });
        continue;
      }
      const renewal = decidePolicyRenewal(campaign, policy, new SnapshotView(catalog, loaded.snapshot));
      const result = { id: eventId, outcome: renewal.outcome, reasons: renewal.reasons } as never;
      await store.commit(
        { eventId, type: 'policyRenewal', result, eventDoc: null, changes: renewal.changes, notifications: renewal.notifications },
        loaded,
      );
      report = tallyRenewal(report, renewal);
    }
    cursor = page.cursor;
  } while (cursor);
  const prior = await store.readResult(campaign.id);
  if (prior) return prior;
  return (
    await store.commit(
      { eventId: campaign.id, type: campaign.type, result: report, eventDoc: null, changes: [], notifications: [] },
      {
        snapshot: { members: {}, states: {}, accumulators: {}, claims: {}, viewers: {}, visits: {}, held: {}, stays: {} },
        versions: {},
        prior: null,
        catalogVersion: 0,
      },
    )
  ).result;
}

const sortedEntries = <T>(o: Record<string, T>) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
/** A member state equal to the state of a member no event touched: absent, wherever it is kept. */
const isEmptyState = (id: string, state: unknown) => isDeepStrictEqual(plain(state), plain(emptyMemberState(id as MemberId)));
const nonEmpty = (counters: Readonly<Record<string, unknown>>) => Object.keys(counters).length > 0;

/** Everything the tables hold of the state, in the engine's item shapes. */
async function storedState(store: Store) {
  const stored = await store.scanAll<StoredMemberState>('accounts');
  // An item written for a member's accumulators alone holds the empty state: the memory state has no item for it.
  const states = stored.map((s) => [s.memberId, plain(memberStateOf(s))] as const).filter(([id, state]) => !isEmptyState(id, state));
  // A member's accumulators of each year ride on their state item.
  const accumulators = stored.flatMap((s) =>
    [...accumulatorsOf(s)]
      .filter(([, counters]) => nonEmpty(counters))
      .map(([year, counters]) => [`${s.memberId}|${year}`, plain(counters)] as const),
  );
  const bindings = await store.scanAll<{ sk: string; ownerId: string; memberId: string }>('bindings');
  const viewers = bindings.filter((b) => b.sk.startsWith('viewer|')).map((v) => `${v.ownerId}|${v.memberId}`);
  // Visits held now (a visit freed by a reversal stays as an item without a claim).
  const visits = (bindings.filter((b) => b.sk.startsWith('visit|')) as unknown as VisitItem[])
    .filter((v) => v.claimId !== undefined)
    .map((v) => [`${v.providerId}|${v.visitId}`, v.claimId] as const);
  const events = (await store.scanAll<Record<string, unknown>>('events')).map(decodeEventItem);
  // A claim's record: its own, or the one its approval wrote (人工审核).
  const claims = events
    .filter((e) => (e.record ?? e.approvedRecord) !== undefined && (e.record ?? e.approvedRecord) !== null)
    .map((e) => [e.eventId, { ...JSON.parse((e.record ?? e.approvedRecord)!), reversedBy: e.reversedBy ?? null }] as const);
  const held = events.filter((e) => e.held).map((e) => [e.eventId, { ...JSON.parse(e.held!), decidedBy: e.decidedBy ?? null }] as const);
  const stays = (bindings.filter((b) => b.sk.startsWith('stay|')) as unknown as StayItem[])
    .filter((x) => nonEmpty(x.stays))
    .map((x) => [`${x.memberId}|${x.providerId}`, plain(x.stays)] as const);
  const policies = (await store.scanAll<{ productId: string; createdKey: string; policyId: string }>('policies'))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : a.createdKey < b.createdKey ? -1 : 1))
    .map((p) => `${p.productId}|${p.policyId}`);
  return {
    states: Object.fromEntries(states),
    accumulators: Object.fromEntries(accumulators),
    viewers: viewers.sort(),
    visits: Object.fromEntries(visits),
    claims: Object.fromEntries(claims),
    held: Object.fromEntries(held),
    stays: Object.fromEntries(stays),
    policies,
  };
}

function memoryState(replayer: Replayer) {
  const items = replayer.state.items;
  const products = [...new Set(Object.values(items.states).flatMap((s) => Object.keys(s.policies)))].sort();
  return {
    states: Object.fromEntries(
      sortedEntries(items.states)
        .filter(([id, s]) => !isEmptyState(id, s))
        .map(([id, s]) => [id, plain(s)]),
    ),
    accumulators: Object.fromEntries(
      sortedEntries(items.accumulators)
        .filter(([, c]) => nonEmpty(c))
        .map(([k, c]) => [k, plain(c)]),
    ),
    viewers: sortedEntries(items.viewers)
      .filter(([, bound]) => bound)
      .map(([k]) => k),
    visits: Object.fromEntries(sortedEntries(items.visits).filter(([, holder]) => holder !== null)),
    claims: Object.fromEntries(
      sortedEntries(items.claims)
        .filter(([, r]) => r !== null)
        .map(([id, r]) => [id, plain(r)]),
    ),
    held: Object.fromEntries(
      sortedEntries(items.held)
        .filter(([, h]) => h !== null)
        .map(([id, h]) => [id, plain(h)]),
    ),
    stays: Object.fromEntries(
      sortedEntries(items.stays)
        .filter(([, x]) => nonEmpty(x))
        .map(([k, x]) => [k, plain(x)]),
    ),
    policies: products.flatMap((p) => replayer.state.policiesOfProduct(p as never).map((x) => `${p}|${x.id}`)),
  };
}

/** Replays a scenario in memory and through `store`; every result and, in the end, every item must agree. */
async function agrees(store: Store, doc: ScenarioInput): Promise<void> {
  const scenario = parseScenario(doc);
  await store.seed({ regions: doc.regions ?? [], plans: doc.plans, providers: doc.providers }, scenario.world);
  const catalog = scenario.world.catalog;
  const memory = new Replayer(scenario.world);
  for (const event of scenario.events) {
    const expected = memory.apply(event);
    let actual: EventResult;
    if (event.type === 'renewalCampaign') actual = await campaignThroughStore(store, catalog, event);
    else {
      const loaded = await store.load(event);
      if (loaded.prior) actual = loaded.prior;
      else {
        const decision = decide(event, new SnapshotView(catalog, loaded.snapshot));
        actual = (
          await store.commit(
            {
              eventId: event.id,
              type: event.type,
              result: decision.result,
              eventDoc: null,
              changes: decision.changes,
              notifications: decision.notifications,
            },
            loaded,
          )
        ).result;
      }
    }
    expect(actual, `result of ${event.id}`).toEqual(expected);
  }
  expect(await storedState(store)).toEqual(memoryState(memory));
}

describe('the store commits what the memory state applies', () => {
  it(`agrees on every result and every item over ${RUNS} random scenarios (tables in memory)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean().chain((review) => scenarioArbitrary({ review })),
        async (doc: ScenarioInput) => {
          await agrees(new Store(memoryDynamoDb(KEY_SCHEMAS).client, TABLE_NAMES), doc);
        },
      ),
      {
        numRuns: RUNS,
        endOnFailure: true,
        ...(process.env.MEDINS_PROPERTY_SEED
          ? { seed: Number(process.env.MEDINS_PROPERTY_SEED), path: process.env.MEDINS_PROPERTY_PATH }
          : {}),
      },
    );
  }, 600_000);

  it(`agrees on every result and every item over ${LOCAL_RUNS} random scenarios (DynamoDB Local)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean().chain((review) => scenarioArbitrary({ review })),
        async (doc: ScenarioInput) => {
          await local.empty();
          await agrees(local.store, doc);
        },
      ),
      { numRuns: LOCAL_RUNS, endOnFailure: true },
    );
  }, 600_000);
});
