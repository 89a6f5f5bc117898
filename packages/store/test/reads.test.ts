/**
 * store/reads.ts and the Store's reads on DynamoDB Local: outcomes, balances,
 * member profiles, principals and other configuration documents, pages of a product's policies
 * in creation order, counts; and the mapping of DynamoDB's failures onto the
 * store's error family (dynamo.ts).
 */
import { parseScenario, type ScenarioInput } from '@medins/contract';
import { decide, type MemberId, type SingleStepEvent, SnapshotView } from '@medins/engine';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  A,
  at,
  basicPlans,
  benefit,
  claim,
  employee,
  hospital,
  levels,
  product,
  resident,
  scenario,
} from '../../engine/test/support/world.ts';
import { asStoreError, ConflictError, TransientError } from '../src/index.ts';
import { type LocalTables, startLocalTables } from './support/local-tables.ts';

let local: LocalTables;

beforeAll(async () => {
  local = await startLocalTables();
}, 120_000);

afterAll(async () => {
  await local?.stop();
});

const policy = (n: number) => ({
  id: `pol-${n}`,
  productId: 'hqb-2021',
  insuredId: `r${n}`,
  payerId: `r${n}`,
  relationship: 'self' as const,
  payment: 'cash' as const,
});

const DOC: ScenarioInput = scenario({
  plans: [...basicPlans({ benefits: { inpatient: benefit({ ratio: levels(0.5) }) } }), product()],
  providers: [hospital('H3', 3)],
  members: [
    employee('m1', { personalAccount: { currentFen: 80_000, historicalFen: 20_000 } }),
    ...[1, 2, 3, 4, 5].map((n) => resident(`r${n}`)),
  ],
  policies: [1, 2, 3, 4, 5].map(policy),
  events: [],
});
const world = parseScenario(DOC).world;

beforeEach(async () => {
  await local.empty();
  await local.store.seed({ regions: DOC.regions ?? [], plans: DOC.plans, providers: DOC.providers }, world);
});

async function apply(input: unknown): Promise<void> {
  const e = parseScenario({ ...DOC, events: [input as never] }).events[0] as SingleStepEvent;
  const loaded = await local.store.load(e);
  const d = decide(e, new SnapshotView(world.catalog, loaded.snapshot));
  await local.store.commit(
    { eventId: e.id, type: e.type, result: d.result, eventDoc: e, changes: d.changes, notifications: d.notifications },
    loaded,
  );
}

describe('reads', () => {
  it('an applied event as the API reads it back: its result and the event as received', async () => {
    // Act
    await apply(claim('c1', [A(10_000)]));
    // Assess
    const applied = await local.store.readApplied('c1');
    expect(applied?.result).toMatchObject({ id: 'c1', status: 'settled' });
    expect(applied?.event).toMatchObject({ id: 'c1', type: 'claim', memberId: 'm1' });
    expect(await local.store.readApplied('nope')).toBeNull();
  });

  it('a member’s accumulators of a year, and the policies a member is insured by; a reversed claim says so', async () => {
    // Act
    await apply(claim('c1', [A(10_000)]));
    await apply({ type: 'reverseClaim', id: 'x1', at: '2021-06-02T10:00:00+08:00', claimId: 'c1' });
    await apply(claim('c2', [A(10_000)]));
    // Assess
    const counters = await local.store.readAccumulators('m1' as MemberId, 2021);
    expect(counters && Object.keys(counters).length).toBeGreaterThan(0);
    expect(await local.store.readAccumulators('m1' as MemberId, 2020)).toBeNull();
    expect(await local.store.readPolicies('r1' as MemberId)).toEqual({ 'hqb-2021': policy(1) });
    expect(await local.store.readPolicies('ghost' as MemberId)).toBeNull();
    expect((await local.store.readApplied('c1'))?.reversedBy).toBe('x1');
    expect(await local.store.readApplied('c2')).not.toHaveProperty('reversedBy');
  });

  it('balances and member profiles by id; null for a member without an account or unknown', async () => {
    expect(await local.store.readBalances('m1' as MemberId)).toEqual({ currentFen: 80_000, historicalFen: 20_000 });
    expect(await local.store.readBalances('r1' as MemberId)).toBeNull();
    expect(await local.store.member('r1' as MemberId)).toMatchObject({ id: 'r1', scheme: 'resident' });
    expect(await local.store.member('ghost' as MemberId)).toBeNull();
  });

  it('principals and other configuration documents, written and read back with their version; absent ones are null', async () => {
    // Act
    const first = await local.store.writeConfig('principal|arn:aws:iam::1:role/h', { role: 'provider', providerIds: ['H3'] });
    const second = await local.store.writeConfig('principal|arn:aws:iam::1:role/h', {
      role: 'provider',
      providerIds: ['H3', 'H4'],
      version: 99,
    });
    // Assess: each write is the next version (a version in the document is ignored).
    expect([first, second]).toEqual([1, 2]);
    expect(await local.store.principal('arn:aws:iam::1:role/h')).toEqual({ role: 'provider', providerIds: ['H3', 'H4'], version: 2 });
    expect(await local.store.principal('arn:aws:iam::1:role/other')).toBeNull();
    expect(await local.store.readConfig('workload|fingerprint')).toBeNull();
  });

  it('refuses a configuration write that lost a race: nothing written, the winner stands', async () => {
    // Prepare: two writers read version 0 of the same principal.
    const pk = 'principal|arn:aws:iam::1:role/raced';
    // Act
    const outcomes = await Promise.allSettled([
      local.store.writeConfig(pk, { role: 'provider', providerIds: ['A'] }),
      local.store.writeConfig(pk, { role: 'provider', providerIds: ['B'] }),
    ]);
    // Assess: both may succeed one after the other (versions 1 and 2) or one conflicts; never two version 1s.
    const versions = outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<number>).value);
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
    expect(new Set(versions).size).toBe(versions.length);
    for (const r of refused) expect(r).toMatchObject({ name: 'ConflictError', entity: pk });
    expect((await local.store.principal('arn:aws:iam::1:role/raced'))?.version).toBe(Math.max(...versions));
  });

  it('pages a product’s policies in creation order, seeded ones first, then those created by events', async () => {
    // Prepare
    await apply({
      type: 'enroll',
      id: 'e1',
      at: at('2020-12-01'),
      productId: 'hqb-2021',
      payerId: 'm1',
      insuredId: 'm1',
      relationship: 'self',
      payment: 'cash',
    });
    // Act
    const pages = [];
    let cursor: string | null = null;
    do {
      const page = await local.store.listPolicyPage('hqb-2021', cursor, 2);
      pages.push(page.policies.map((p) => p.insuredId));
      cursor = page.cursor;
    } while (cursor);
    // Assess
    expect(pages.flat()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'm1']);
    expect(pages.slice(0, 3)).toEqual([
      ['r1', 'r2'],
      ['r3', 'r4'],
      ['r5', 'm1'],
    ]);
  });

  it('counts a table’s items and scans them', async () => {
    expect(await local.store.count('members')).toBe(6);
    expect((await local.store.scanAll<{ memberId: string }>('members')).map((m) => m.memberId).sort()).toEqual([
      'm1',
      'r1',
      'r2',
      'r3',
      'r4',
      'r5',
    ]);
  });
});

describe('asStoreError', () => {
  it('maps throttling, timeouts and 5xx onto TransientError with the cause kept; lets everything else through', () => {
    // Prepare
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    const server = Object.assign(new Error('oops'), { name: 'Whatever', $metadata: { httpStatusCode: 503 } });
    const reset = Object.assign(new Error('socket'), { code: 'ECONNRESET' });
    const invalid = Object.assign(new Error('bad'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    // Act, Assess
    for (const e of [throttled, server, reset]) {
      const mapped = asStoreError(e);
      expect(mapped).toBeInstanceOf(TransientError);
      expect((mapped as TransientError).cause).toBe(e);
    }
    expect(asStoreError(invalid)).toBe(invalid);
    expect(asStoreError(new ConflictError('x'))).toBeInstanceOf(ConflictError);
  });
});
