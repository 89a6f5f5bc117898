/**
 * store/catalog.ts and the Store's catalog on DynamoDB Local: versions published
 * one after another, the version in force read with a snapshot (no extra
 * request), a claim deciding on the version it loaded even when another is
 * published before it settles, the version recorded on its outcome item, and a
 * bounded cache of versions.
 */
import { parseScenario, type ScenarioInput } from '@medins/contract';
import { decide, type SingleStepEvent, SnapshotView } from '@medins/engine';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { A, basicPlans, benefit, claim, employee, hospital, levels, scenario } from '../../engine/test/support/world.ts';
import { CATALOG_VERSIONS_CACHED, type CatalogDocs, catalogFromDocs, StoreError } from '../src/index.ts';
import { type LocalTables, startLocalTables } from './support/local-tables.ts';

let local: LocalTables;

beforeAll(async () => {
  local = await startLocalTables();
}, 120_000);

afterAll(async () => {
  await local?.stop();
});

/** A world whose inpatient basic benefit pays `ratio` at every level. */
const docWithRatio = (ratio: number): ScenarioInput =>
  scenario({
    plans: basicPlans({ benefits: { inpatient: benefit({ ratio: levels(ratio) }) } }),
    providers: [hospital('H3', 3)],
    members: [employee('m1', { personalAccount: { currentFen: 0, historicalFen: 0 } })],
    events: [],
  });
const docsOf = (doc: ScenarioInput): CatalogDocs => ({ regions: doc.regions ?? [], plans: doc.plans, providers: doc.providers });
const V1 = docWithRatio(0.5);
const V2 = docWithRatio(0.8);
const world = parseScenario(V1).world;
const eventOf = (input: unknown) => parseScenario({ ...V1, events: [input as never] }).events[0] as SingleStepEvent;

beforeEach(async () => {
  await local.empty();
});

describe('catalog versions', () => {
  it('seeding publishes version 1; each publish is the next version, now in force, and older ones stay readable', async () => {
    // Act
    await local.store.seed(docsOf(V1), world);
    const second = await local.store.publishCatalog(docsOf(V2));
    // Assess
    expect(second).toBe(2);
    expect(await local.store.currentCatalogVersion()).toBe(2);
    expect((await local.store.catalog(1)).plans).toEqual(catalogFromDocs(docsOf(V1)).plans);
    expect((await local.store.catalog(2)).plans).toEqual(catalogFromDocs(docsOf(V2)).plans);
    expect((await local.store.catalog()).plans).toEqual(catalogFromDocs(docsOf(V2)).plans);
  });

  it('a claim settles on the version it loaded even when another is published before it settles; the next claim on the new one', async () => {
    // Prepare: c1's workflow loads (its first step) on version 1.
    await local.store.seed(docsOf(V1), world);
    const c1 = eventOf(claim('c1', [A(10_000)]));
    const loaded1 = await local.store.load(c1);
    expect(loaded1.catalogVersion).toBe(1);

    // Act: version 2 (a higher ratio) is published mid-run; c1's later steps decide on the version it pinned.
    await local.store.publishCatalog(docsOf(V2));
    const d1 = decide(c1, new SnapshotView(await local.store.catalog(loaded1.catalogVersion), loaded1.snapshot));
    await local.store.commit(
      { eventId: c1.id, type: c1.type, result: d1.result, eventDoc: c1, changes: d1.changes, notifications: [] },
      loaded1,
    );
    const c2 = eventOf(claim('c2', [A(10_000)]));
    const loaded2 = await local.store.load(c2);
    const d2 = decide(c2, new SnapshotView(await local.store.catalog(loaded2.catalogVersion), loaded2.snapshot));
    await local.store.commit(
      { eventId: c2.id, type: c2.type, result: d2.result, eventDoc: c2, changes: d2.changes, notifications: [] },
      loaded2,
    );

    // Assess: each settled as its version says, and its outcome item records which.
    const onVersion = (docs: ScenarioInput, e: SingleStepEvent, snapshot: typeof loaded1.snapshot) =>
      decide(e, new SnapshotView(catalogFromDocs(docsOf(docs)), snapshot)).result;
    expect(d1.result).toEqual(onVersion(V1, c1, loaded1.snapshot));
    expect(d2.result).toEqual(onVersion(V2, c2, loaded2.snapshot));
    expect(onVersion(V1, c1, loaded1.snapshot)).not.toEqual(onVersion(V2, c1, loaded1.snapshot)); // the versions differ for this claim
    expect(loaded2.catalogVersion).toBe(2);
    expect((await local.store.readEvent('c1'))?.catalogVersion).toBe(1);
    expect((await local.store.readEvent('c2'))?.catalogVersion).toBe(2);
  });

  it('reads the version pointer in the snapshot’s own request: a load is as many requests as before', async () => {
    // Prepare
    await local.store.seed(docsOf(V1), world);
    const sent: string[] = [];
    local.db.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(context.commandName ?? '?');
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    // Act
    try {
      await local.store.load(eventOf(claim('c1', [A(10_000)])));
    } finally {
      local.db.middlewareStack.remove('countRequests');
    }
    // Assess: only the snapshot's batched reads (the pointer rides in the first), no GetItem of its own.
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent)).toEqual(new Set(['BatchGetItemCommand']));
  });

  it('a world seeded beside another adds its catalog to the one in force: both worlds’ plans stay', async () => {
    // Prepare: a second world whose plans have other ids.
    const other = scenario({
      plans: basicPlans({ benefits: { inpatient: benefit({ ratio: levels(0.9) }) } }).map((p, i) => ({ ...p, id: `other-${i}` })),
      providers: [hospital('H9', 1)],
      members: [employee('o1')],
      events: [],
    });
    await local.store.seed(docsOf(V1), world);
    // Act
    await local.store.seed(docsOf(other), parseScenario(other).world);
    // Assess
    const catalog = await local.store.catalog();
    expect(await local.store.currentCatalogVersion()).toBe(2);
    expect([...catalog.plans.keys()].sort()).toEqual([...V1.plans, ...other.plans].map((p) => p.id).sort());
    expect([...catalog.providers.keys()].sort()).toEqual(['H3', 'H9']);
  });

  it('keeps the last versions used, no more', async () => {
    // Prepare
    await local.store.seed(docsOf(V1), world);
    for (let n = 2; n <= CATALOG_VERSIONS_CACHED + 2; n++) await local.store.publishCatalog(docsOf(docWithRatio(n / 10)));
    // Act
    const first = await local.store.catalog(1);
    for (let v = 2; v <= CATALOG_VERSIONS_CACHED + 2; v++) await local.store.catalog(v);
    const again = await local.store.catalog(CATALOG_VERSIONS_CACHED + 2);
    // Assess: the oldest were dropped; a version used again is the same object (not read again).
    expect(local.store.cachedCatalogVersions()).toEqual(Array.from({ length: CATALOG_VERSIONS_CACHED }, (_, i) => i + 3));
    expect(again).toBe(await local.store.catalog(CATALOG_VERSIONS_CACHED + 2));
    expect(await local.store.catalog(1)).not.toBe(first);
    expect(local.store.cachedCatalogVersions()).toHaveLength(CATALOG_VERSIONS_CACHED);
  });

  it('refuses a version never published, and a load before any catalog is published decides on none', async () => {
    // Act
    const loaded = await local.store.load(eventOf(claim('c1', [A(10_000)])));
    // Assess
    expect(loaded.catalogVersion).toBe(0);
    await expect(local.store.catalog(0)).rejects.toThrow(StoreError);
    await local.store.seed(docsOf(V1), world);
    await expect(local.store.catalog(7)).rejects.toMatchObject({ name: 'StoreError', entity: 'catalog|v7' });
  });
});
