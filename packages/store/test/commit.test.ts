/**
 * store/commit.ts and store/load.ts on DynamoDB Local: what one applied event
 * writes, and the conditions that make it apply once — a repeated event id
 * answers its first result, an item read and changed since is a conflict (written
 * or only checked), a claim is reversed once, a visit settles once (the visit item
 * in the same transaction), a commit never touches an item it did not read.
 */

import { parseScenario, type ScenarioInput } from '@medins/contract';
import {
  type ClaimResult,
  type DomainEvent,
  decide,
  type EventResult,
  type MemberId,
  type SingleStepEvent,
  SnapshotView,
} from '@medins/engine';
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
  OOC,
  product,
  resident,
  reverse,
  scenario,
} from '../../engine/test/support/world.ts';
import {
  accumulatorsOf,
  ConflictError,
  decodeEventItem,
  type Loaded,
  ledgerOf,
  type StoredMemberState,
  StoreError,
  type VisitItem,
} from '../src/index.ts';
import { type LocalTables, startLocalTables } from './support/local-tables.ts';

let local: LocalTables;

beforeAll(async () => {
  local = await startLocalTables();
}, 120_000);

afterAll(async () => {
  await local?.stop();
});

/** A holder with 5,000 yuan whose child (a resident, no account) claims on the family account. */
const DOC: ScenarioInput = scenario({
  plans: [...basicPlans({ benefits: { inpatient: benefit({ ratio: levels(0.5) }) } }), product()],
  providers: [hospital('H3', 3), hospital('H1', 1)],
  members: [
    employee('h', { personalAccount: { currentFen: 500_000, historicalFen: 0 } }),
    resident('m1'),
    employee('m2', { personalAccount: { currentFen: 1_000, historicalFen: 0 } }),
  ],
  familyGroups: [{ holderId: 'h', members: [{ memberId: 'm1', relationship: 'child', validFrom: at('2021-01-01', '00:00:00') }] }],
  events: [],
});
const world = parseScenario(DOC).world;

const event = (input: unknown): SingleStepEvent => parseScenario({ ...DOC, events: [input as never] }).events[0] as SingleStepEvent;

beforeEach(async () => {
  await local.empty();
  await local.store.seed({ regions: DOC.regions ?? [], plans: DOC.plans, providers: DOC.providers }, world);
});

/** Loads, decides on the snapshot, returns what a commit needs. */
async function decided(e: SingleStepEvent): Promise<{ loaded: Loaded; commit: () => Promise<EventResult> }> {
  const loaded = await local.store.load(e);
  const decision = decide(e, new SnapshotView(world.catalog, loaded.snapshot));
  return {
    loaded,
    commit: async () =>
      (
        await local.store.commit(
          {
            eventId: e.id,
            type: e.type,
            result: decision.result,
            eventDoc: e,
            changes: decision.changes,
            notifications: decision.notifications,
          },
          loaded,
        )
      ).result,
  };
}

const stateOf = async (id: string) => (await local.store.scanAll<StoredMemberState>('accounts')).find((s) => s.memberId === id);

describe('commit', () => {
  it('writes the outcome, the new states under the next version, the accumulators, the ledger and the notifications owed in one transaction', async () => {
    const c1 = event(claim('c1', [A(200_000), OOC(10_000)]));
    const before = await stateOf('h');
    const result = await (await decided(c1)).commit();

    expect(result).toMatchObject({ status: 'settled', payments: { familyHolderId: 'h' } });
    const paid = (result as ClaimResult).payments.familyAccountFen;
    expect(paid).toBeGreaterThan(10_000);
    const holder = await stateOf('h');
    expect(holder).toMatchObject({ version: (before?.version ?? 0) + 1, account: { currentFen: 500_000 - paid, historicalFen: 0 } });
    expect(await local.store.readResult('c1')).toEqual(result);
    // The versions it was decided on and those it produced: what a run's serial order is derived from.
    const stored = await local.store.readEvent('c1');
    // The patient's accumulators are read on (and written with) their state item: one version for both.
    expect(stored?.reads).toEqual(expect.objectContaining({ 'accounts|h': 1, 'accounts|m1': 1 }));
    expect(Object.keys(stored?.reads ?? {}).filter((id) => id.startsWith('accumulators|'))).toEqual([]);
    // An inpatient claim records its stay too (the re-admission rule reads it).
    expect(stored?.writes).toEqual({ 'events|c1': 1, 'accounts|h': 2, 'accounts|m1': 2, 'bindings|stay|m1|stay|H3': 1 });
    // The ledger: the outcome item's lines, one per movement on a personal account.
    expect(ledgerOf(stored!)).toEqual([
      expect.objectContaining({
        memberId: 'h',
        eventId: 'c1',
        currentFen: -paid,
        historicalFen: 0,
        balanceAfterFen: 500_000 - paid,
        purpose: 'claim',
      }),
    ]);
    // The notifications owed ride on the outcome item (no item per message), masked, from the profiles read.
    expect(stored?.notifications?.map((n) => [n.notificationId, n.to, n.aboutId])).toEqual([
      ['c1|m1|claimSettled', 'm1', null],
      ['c1|h|familyAccountUsed', 'h', 'm1'],
    ]);
    expect(stored?.notifications?.every((n) => n.maskedRecipient.includes('*'))).toBe(true);
    // The patient's accumulators of the year ride on their state item, under its version.
    const patient = await stateOf('m1');
    expect(patient?.version).toBe(2);
    expect([...accumulatorsOf(patient!).keys()]).toEqual([2021]);
    expect(Object.values(accumulatorsOf(patient!).get(2021) ?? {}).some((fen) => fen > 0)).toBe(true);
  });

  it('answers a repeated event id with its first result and changes nothing', async () => {
    const c1 = event(claim('c1', [OOC(10_000)]));
    const first = await decided(c1);
    const second = await decided(c1); // loaded before the first commit: it does not know yet
    const result = await first.commit();
    const holder = await stateOf('h');
    expect(await second.commit()).toEqual(result);
    expect(await stateOf('h')).toEqual(holder);
    expect((await local.store.scanAll<Record<string, unknown>>('events')).map(decodeEventItem).flatMap(ledgerOf)).toHaveLength(1);
    const reloaded = await local.store.load(c1);
    expect(reloaded.prior).toEqual(result);
    // A redelivery is handed what the first commit owes, under the same ids, to publish again.
    expect(reloaded.priorNotifications?.map((n) => n.notificationId)).toEqual(['c1|m1|claimSettled', 'c1|h|familyAccountUsed']);
    const duplicate = await local.store.commit(
      { eventId: 'c1', type: 'claim', result, eventDoc: null, changes: [], notifications: [] },
      reloaded,
    );
    expect(duplicate).toEqual({ applied: false, result, committedAt: null, notifications: reloaded.priorNotifications });
  });

  it('answers a duplicate that raced past the load (the event id’s condition failed) with the first notifications', async () => {
    const c1 = event(claim('c9', [OOC(1_000)]));
    const first = await decided(c1);
    const second = await decided(c1);
    await first.commit();
    const raced = await local.store.commit(
      { eventId: 'c9', type: 'claim', result: {} as never, eventDoc: null, changes: [], notifications: [] },
      second.loaded,
    );
    expect(raced).toMatchObject({ applied: false, committedAt: null });
    expect(raced.notifications.map((n) => n.notificationId)).toEqual(['c9|m1|claimSettled', 'c9|h|familyAccountUsed']);
  });

  it('refuses a decision made on a member state another event has changed since (a written item)', async () => {
    const a = await decided(event(claim('a', [OOC(10_000)])));
    const b = await decided(event(claim('b', [OOC(20_000)])));
    await a.commit();
    await expect(b.commit()).rejects.toBeInstanceOf(ConflictError);
    expect((await stateOf('h'))?.account).toEqual({ currentFen: 490_000, historicalFen: 0 });
    expect(await local.store.readResult('b')).toBeNull();
  });

  it('refuses a decision made on an item it only read, when that item changed since (a checked item)', async () => {
    // m2's claim reads m2's state; an enrollment paid by m2 changes it before the claim commits.
    const c = await decided(event(claim('c', [OOC(500)], { memberId: 'm2' })));
    const enroll = await decided(
      event({
        type: 'enroll',
        id: 'e1',
        at: at('2020-12-01'),
        productId: 'hqb-2021',
        payerId: 'm2',
        insuredId: 'm2',
        relationship: 'self',
        payment: 'cash',
      }),
    );
    await enroll.commit();
    await expect(c.commit()).rejects.toBeInstanceOf(ConflictError);
  });

  it('reverses a claim once: a second reversal decided on the same snapshot conflicts', async () => {
    await (await decided(event(claim('c1', [OOC(10_000)])))).commit();
    const x1 = await decided(event(reverse('x1', 'c1')));
    const x2 = await decided(event(reverse('x2', 'c1')));
    expect(await x1.commit()).toMatchObject({ status: 'reversed' });
    await expect(x2.commit()).rejects.toBeInstanceOf(ConflictError);
    expect((await stateOf('h'))?.account).toEqual({ currentFen: 500_000, historicalFen: 0 });
    expect((await local.store.readEvent('c1'))?.reversedBy).toBe('x1');
  });

  it('never writes an item it did not read, nor a change that breaks an invariant, nor more than a transaction holds', async () => {
    const c1 = event(claim('c1', [OOC(10_000)]));
    const { loaded } = await decided(c1);
    const debit = (memberId: string, fen: number) => ({
      kind: 'account' as const,
      memberId: memberId as never,
      currentFen: -fen as never,
      historicalFen: 0 as never,
      purpose: 'claim' as const,
      floorFen: 0 as never,
    });
    const commit = (changes: readonly unknown[], notifications: readonly unknown[] = []) =>
      local.store.commit(
        {
          eventId: 'c1',
          type: 'claim',
          result: { id: 'c1' } as never,
          eventDoc: null,
          changes: changes as never,
          notifications: notifications as never,
        },
        loaded,
      );
    await expect(commit([debit('m2', 1)])).rejects.toThrow(StoreError); // m2 was not read by c1
    const holding = (visitId: string) => ({
      kind: 'claimRecord' as const,
      record: {
        claimId: 'c1',
        memberId: 'm1',
        visit: { providerId: 'H3', visitId },
        year: 2021,
        accumulatorDeltas: {},
        debits: [],
        payments: { ownAccountFen: 0, familyAccountFen: 0, familyHolderId: null, cashFen: 0 },
        reversedBy: null,
      },
    });
    await expect(commit([holding('ZY-9')])).rejects.toThrow(/a visit that was not read/); // c1 named no visit
    await expect(commit([debit('h', 500_001)])).rejects.toThrow(/below zero|negative/);
    // Notifications and ledger lines ride on the outcome item: 101 debits of one account are one update.
    // Items are what a transaction counts: an event that read 101 member states (each checked) cannot commit.
    const states = Object.fromEntries(
      Array.from({ length: 101 }, (_, i) => [`x${i}`, { ...loaded.snapshot.states.m1!, memberId: `x${i}` as MemberId }]),
    );
    await expect(
      local.store.commit(
        { eventId: 'c1', type: 'claim', result: { id: 'c1' } as never, eventDoc: null, changes: [], notifications: [] },
        { ...loaded, snapshot: { ...loaded.snapshot, states } },
      ),
    ).rejects.toThrow(/transaction takes 100/);
    expect(await local.store.readResult('c1')).toBeNull();
  });
});

describe('commit: a visit settles once', () => {
  const visitItem = async (visitId: string) =>
    (await local.store.scanAll<VisitItem>('bindings')).find((b) => b.pk === 'visit|H3' && b.visitId === visitId);
  const V = { visitId: 'ZY-1' };

  it('settles one of two claims of one visit decided on the same snapshot; the other, decided again, is DUPLICATE_VISIT', async () => {
    // Prepare: two patients, so nothing but the visit is shared between the two decisions.
    const first = await decided(event(claim('c1', [OOC(500)], { ...V, memberId: 'm2' })));
    const second = await decided(event(claim('c2', [OOC(800)], V)));

    // Act
    const settled = await first.commit();
    const raced = second.commit();

    // Assess
    expect(settled).toMatchObject({ status: 'settled' });
    await expect(raced).rejects.toBeInstanceOf(ConflictError);
    expect(await local.store.readResult('c2')).toBeNull();
    expect((await stateOf('h'))?.account).toEqual({ currentFen: 500_000, historicalFen: 0 }); // c2 would have used it
    expect(await visitItem('ZY-1')).toMatchObject({ providerId: 'H3', visitId: 'ZY-1', claimId: 'c1', version: 1 });
    // The workflow loads again after a conflict: now the visit is held.
    const again = await decided(event(claim('c2', [OOC(800)], V)));
    const rejected = (await again.commit()) as ClaimResult;
    expect(rejected).toMatchObject({ status: 'rejected', reasons: [expect.objectContaining({ code: 'DUPLICATE_VISIT' })] });
  });

  it('frees the visit on the reversal, in the reversal’s transaction, for the corrected bill', async () => {
    // Prepare
    await (await decided(event(claim('c1', [OOC(10_000)], V)))).commit();

    // Act
    const x1 = await decided(event(reverse('x1', 'c1')));
    const loaded = x1.loaded;
    await x1.commit();
    const freed = await visitItem('ZY-1');
    const corrected = await (await decided(event(claim('c2', [OOC(9_000)], V)))).commit();

    // Assess: the reversal read the visit the claim's record names; the item, never deleted, counts versions.
    expect(loaded.snapshot.visits).toEqual({ 'H3|ZY-1': 'c1' });
    expect(loaded.versions).toMatchObject({ 'bindings|visit|H3|visit|ZY-1': 1 });
    expect(freed).toMatchObject({ version: 2 });
    expect(freed?.claimId).toBeUndefined();
    expect(corrected).toMatchObject({ status: 'settled' });
    expect(await visitItem('ZY-1')).toMatchObject({ claimId: 'c2', version: 3 });
  });

  it('refuses a claim decided on a visit it found free or held, once the visit changed since (checked, not written)', async () => {
    // Prepare: c1 holds the visit; c2 is found a duplicate; a reversal frees the visit before c2 commits.
    await (await decided(event(claim('c1', [OOC(10_000)], V)))).commit();
    const duplicate = await decided(event(claim('c2', [OOC(800)], { ...V, memberId: 'm2' })));
    await (await decided(event(reverse('x1', 'c1')))).commit();

    // Act & Assess: c2's rejection relied on a holder that is gone: it must be decided again.
    await expect(duplicate.commit()).rejects.toBeInstanceOf(ConflictError);
    expect(await (await decided(event(claim('c2', [OOC(800)], { ...V, memberId: 'm2' })))).commit()).toMatchObject({ status: 'settled' });
  });

  it('keeps the same visit id at another provider apart, and never writes a visit for a claim without one', async () => {
    await (await decided(event(claim('c1', [OOC(500)], V)))).commit();
    await (await decided(event(claim('c2', [OOC(500)], { ...V, memberId: 'm2', providerId: 'H1' })))).commit();
    await (await decided(event(claim('c3', [OOC(500)], { memberId: 'm2' })))).commit();
    const visits = (await local.store.scanAll<VisitItem>('bindings')).filter((b) => b.pk.startsWith('visit|'));
    expect(visits.map((v) => [v.pk, v.sk, v.claimId]).sort()).toEqual([
      ['visit|H1', 'visit|ZY-1', 'c2'],
      ['visit|H3', 'visit|ZY-1', 'c1'],
    ]);
  });
});

describe('load', () => {
  it('reads a family claim in two rounds: the patient, then the holder the binding names; absent items at version 0', async () => {
    const { loaded } = await decided(event(claim('c1', [OOC(10_000)])));
    expect(Object.keys(loaded.snapshot.states).sort()).toEqual(['h', 'm1']);
    expect(Object.keys(loaded.snapshot.members).sort()).toEqual(['h', 'm1']);
    // The patient's accumulators are on their state item: read with it, under its version.
    expect(loaded.versions).toMatchObject({ 'accounts|h': 1, 'accounts|m1': 1 });
    expect(loaded.snapshot.accumulators['m1|2021']).toEqual({});
    expect(loaded.prior).toBeNull();
  });

  it('reads what a reversal undoes: the claim record, its accumulators and every account it debited', async () => {
    await (await decided(event(claim('c1', [A(200_000), OOC(10_000)])))).commit();
    const { loaded } = await decided(event(reverse('x1', 'c1')));
    expect(loaded.snapshot.claims.c1).toMatchObject({ claimId: 'c1', memberId: 'm1', reversedBy: null });
    expect(Object.keys(loaded.snapshot.states)).toEqual(['h']);
    // m1's item is at 2: the claim wrote the patient's accumulators on it.
    expect(loaded.versions).toMatchObject({ 'events|c1': 1, 'accounts|h': 2, 'accounts|m1': 2 });
  });

  it('keeps ids that are Object.prototype names as ordinary keys', async () => {
    const doc = { ...DOC, members: [...DOC.members, resident('__proto__'), resident('constructor')] };
    await local.store.seed({ regions: [], plans: DOC.plans, providers: DOC.providers }, parseScenario(doc).world);
    const e = parseScenario({ ...doc, events: [claim('p1', [OOC(100)], { memberId: '__proto__' })] }).events[0] as DomainEvent;
    const loaded = await local.store.load(e as SingleStepEvent);
    expect(Object.hasOwn(loaded.snapshot.members, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(loaded.snapshot.members)).toBeNull();
  });
});
