/**
 * support/memory-store.ts: the in-memory ports every handler test runs on. It must
 * settle as the engine's replay does, and refuse what the DynamoDB commit refuses:
 * a repeated event id (first result back), a stale read (ConflictError), a change
 * on items it did not read (StoreError).
 */
import { type MemberId, replay, type SingleStepEvent } from '@medins/engine';
import { ConflictError, StoreError } from '@medins/store/errors';
import { describe, expect, it } from 'vitest';
import { at, basicPlans, employee, product, scenario } from '../../../packages/engine/test/support/world.ts';
import { exampleDoc, fixture, settle } from './scenarios.ts';

const ALL_TIERS = '01-quzhou-inpatient-all-tiers';

describe('MemoryStore', () => {
  it('settles a scenario’s events as the engine’s replay does (results and balances)', async () => {
    // Prepare
    const { scenario: s, store } = fixture(exampleDoc(ALL_TIERS));
    const expected = replay(s.world, s.events);

    // Act
    const results = [];
    for (const e of s.events) results.push(await settle(store, e));

    // Assess
    expect(results).toEqual(expected.results);
    expect(await store.readBalances('m1' as MemberId)).toEqual(expected.balances.m1);
    expect(store.commits).toBe(2);
  });

  it('loads a claim’s family holder in a second round, and versions every item read', async () => {
    const f = fixture(exampleDoc(ALL_TIERS));

    const loaded = await f.store.load(f.event('c1') as SingleStepEvent);

    expect(Object.keys(loaded.snapshot.states).sort()).toEqual(['m1', 'm2']);
    expect(Object.keys(loaded.snapshot.members).sort()).toEqual(['m1', 'm2']);
    // An inpatient claim also reads the patient's stays at the provider (READMISSION; it records its own).
    expect(loaded.versions).toEqual({ 'states|m2': 0, 'states|m1': 0, 'accumulators|m2|2021': 0, 'stays|m2|H-QZ-3': 0 });
    expect(loaded.prior).toBeNull();
  });

  it('answers a repeated event id with the first result and changes nothing', async () => {
    const f = fixture(exampleDoc(ALL_TIERS));
    const c1 = f.event('c1') as SingleStepEvent;
    const first = await settle(f.store, c1);
    const balance = await f.store.readBalances('m1' as MemberId);

    const reloaded = await f.store.load(c1);
    const again = await f.store.commit(
      { eventId: 'c1', type: 'claim', result: { ...first, status: 'rejected' } as never, eventDoc: null, changes: [], notifications: [] },
      reloaded,
    );

    expect(reloaded.prior).toEqual(first);
    expect(again).toEqual({ applied: false, result: first, committedAt: null, notifications: f.store.notifications() });
    expect(await f.store.readBalances('m1' as MemberId)).toEqual(balance);
    expect(f.store.commits).toBe(1);
  });

  it('answers a duplicate that raced the first commit with the first result, not a conflict', async () => {
    const f = fixture(exampleDoc(ALL_TIERS));
    const c1 = f.event('c1') as SingleStepEvent;
    const stale = await f.store.load(c1);
    const first = await settle(f.store, c1);

    const raced = await f.store.commit(
      { eventId: 'c1', type: 'claim', result: first, eventDoc: null, changes: [], notifications: [] },
      stale,
    );

    expect(raced).toMatchObject({ applied: false, result: first });
  });

  it('refuses with ConflictError a commit whose items changed since they were read, and writes nothing', async () => {
    // Prepare: c2 (m1's own claim) reads m1's state; c1 (family aid from m1) changes it meanwhile.
    const f = fixture(exampleDoc(ALL_TIERS));
    const c2 = f.event('c2') as SingleStepEvent;
    const stale = await f.store.load(c2);
    await settle(f.store, f.event('c1'));
    const afterC1 = await f.store.readBalances('m1' as MemberId);

    // Act
    const commit = f.store.commit(
      { eventId: 'c2', type: 'claim', result: { id: 'c2' } as never, eventDoc: null, changes: [], notifications: [] },
      stale,
    );

    // Assess
    await expect(commit).rejects.toThrow(ConflictError);
    expect(await f.store.readResult('c2')).toBeNull();
    expect(await f.store.readBalances('m1' as MemberId)).toEqual(afterC1);
  });

  it('refuses with StoreError a change on a member state the event did not read, or one that breaks an invariant', async () => {
    const f = fixture(exampleDoc(ALL_TIERS));
    const loaded = await f.store.load(f.event('c2') as SingleStepEvent); // reads m1 only
    const debit = (memberId: string, fen: number) => ({
      kind: 'account' as const,
      memberId: memberId as MemberId,
      currentFen: -fen as never,
      historicalFen: 0 as never,
      purpose: 'claim' as const,
      floorFen: 0 as never,
    });

    const unread = f.store.commit(
      { eventId: 'c2', type: 'claim', result: {} as never, eventDoc: null, changes: [debit('m2', 0)], notifications: [] },
      loaded,
    );
    const overdrawn = f.store.commit(
      { eventId: 'c2', type: 'claim', result: {} as never, eventDoc: null, changes: [debit('m1', 100_001)], notifications: [] },
      loaded,
    );

    await expect(unread).rejects.toThrow(StoreError);
    await expect(overdrawn).rejects.toMatchObject({ name: 'StoreError', cause: { name: 'InvariantError' } });
    expect(f.store.commits).toBe(0);
  });

  it('records the notifications a commit owes on the event, masked, and answers a reload with them', async () => {
    const f = fixture(exampleDoc(ALL_TIERS));
    await settle(f.store, f.event('c1'));
    const reloaded = await f.store.load(f.event('c1') as SingleStepEvent);

    expect(f.store.notifications().map((n) => [n.notificationId, n.maskedRecipient])).toEqual([
      ['c1|m2|claimSettled', '李*'],
      ['c1|m1|familyAccountUsed', '张*'],
    ]);
    expect(reloaded.priorNotifications).toEqual(f.store.notifications());
  });

  it('pages a product’s policies in creation order, enrolments last, with a cursor until the last page', async () => {
    // Prepare: three seeded policies, then an enrollment adds a fourth.
    const doc = scenario({
      plans: [...basicPlans(), product()],
      members: ['a', 'b', 'c', 'd'].map((id) => employee(id)),
      policies: ['a', 'b', 'c'].map((id) => ({
        id: `p-${id}`,
        productId: 'hqb-2021',
        insuredId: id,
        payerId: id,
        relationship: 'self',
        payment: 'cash',
      })),
      events: [
        {
          type: 'enroll',
          id: 'e-d',
          at: at('2020-12-01'),
          productId: 'hqb-2021',
          payerId: 'd',
          insuredId: 'd',
          relationship: 'self',
          payment: 'cash',
        },
      ],
    });
    const f = fixture(doc);
    await settle(f.store, f.event('e-d'));

    // Act
    const first = await f.store.listPolicyPage('hqb-2021', null, 3);
    const second = await f.store.listPolicyPage('hqb-2021', first.cursor, 3);

    // Assess
    expect(first.policies.map((p) => p.insuredId)).toEqual(['a', 'b', 'c']);
    expect(first.cursor).not.toBeNull();
    expect(second).toEqual({ policies: [expect.objectContaining({ insuredId: 'd' })], cursor: null });
    expect(await f.store.listPolicyPage('other', null, 3)).toEqual({ policies: [], cursor: null });
  });

  it('reads back applied events, members, balances and principals', async () => {
    const f = fixture(exampleDoc(ALL_TIERS), { principals: { 'arn:ops': { role: 'operations' } } });
    await settle(f.store, f.event('c1'), f.doc('c1'));

    expect(await f.store.readApplied('c1')).toEqual({ result: await f.store.readResult('c1'), event: f.doc('c1') });
    expect(await f.store.readApplied('nope')).toBeNull();
    expect(await f.store.member('m1' as MemberId)).toMatchObject({ id: 'm1' });
    expect(await f.store.member('nobody' as MemberId)).toBeNull();
    expect(await f.store.readBalances('m2' as MemberId)).toBeNull();
    expect(await f.store.principal('arn:ops')).toEqual({ role: 'operations', version: 1 });
    expect(await f.store.principal('arn:other')).toBeNull();
    expect(f.store.appliedEventIds()).toEqual(['c1']);
  });
});
