/**
 * The enrollment rush on the embedded stack (eight queue workers): households
 * paying 惠民保 premiums from the payer's personal account through the
 * enrollments queue, every message delivered twice or three times, all at once,
 * and processed after the deadline has passed on the wall clock. From the tables:
 * - every enrollment applied exactly once: one outcome, at most one debit, one
 *   policy and one notification per enrolled event, nothing dead-lettered;
 * - the deadline is the event's own time in Asia/Shanghai: 23:59:59.999+08:00 on
 *   Dec 31 (or 15:59:59.999Z, or +00:00) counts, a millisecond later
 *   (00:00:00.000+08:00 on Jan 1, or 16:00:00.000Z on Dec 31) does not, however
 *   late it is processed;
 * - no account pays twice or goes negative, and the ledger explains every balance;
 * - a payer's relative limit holds: two enrollments racing for the last slot, both
 *   decided on the same snapshot, one wins;
 * - the engine's serial replay of the events, in the order the commits prove,
 *   gives exactly the results and balances in the tables.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { atOf, type EnrollDoc, enrollmentRush, memberId } from '@medins/bench';
import { parseScenario, sealEventDoc } from '@medins/contract';
import {
  type Embedded,
  readAccounts,
  readCommitOrder,
  readEventItems,
  readLedger,
  readResults,
  sendAndWait,
  startEmbedded,
  waitForEmptyQueues,
} from '@medins/embedded';
import { type EnrollResult, type EventResult, replay } from '@medins/engine';
import type { LocalHandler } from '@medins/local-stack';
import type { LedgerItem } from '@medins/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const FAMILIES = 40;
/** The household whose last relative slot two enrollments race for. */
const RACE = FAMILIES;
const rush = enrollmentRush({ families: FAMILIES + 1, year: 2027, seed: 6, maxRelatives: 2 });
const payer = memberId('', RACE, 'payer');
// The racing household can afford everyone: only the relative limit decides.
const doc = {
  ...rush.doc,
  members: rush.doc.members.map((m) =>
    m.id === payer ? { ...m, personalAccount: { currentFen: 0, historicalFen: 10 * rush.premiumFen } } : m,
  ),
};
const raceEvents = rush.events.filter((e) => e.payerId === payer);
const rushEvents = rush.events.filter((e) => e.payerId !== payer);
const eventOf = (role: string) => raceEvents.find((e) => e.id.endsWith(`-${role}`))!;

/**
 * Holds each commit of the racing events (DecideEvent loads, decides, then sends its TransactWriteItems) until both
 * events have reached their commit: both decided on what they read before either wrote.
 */
const race = { ids: new Set<string>(), arrived: new Set<string>(), release: () => {}, released: Promise.resolve() };
const witness = {
  async request(service: 'dynamodb' | 'sqs', body: string): Promise<void> {
    if (service !== 'dynamodb' || !body.includes('"TransactItems"') || race.arrived.size === race.ids.size) return;
    const id = [...race.ids].find((x) => body.includes(`"${x}"`));
    if (!id) return;
    race.arrived.add(id);
    if (race.arrived.size === race.ids.size) race.release();
    await Promise.race([race.released, new Promise((r) => setTimeout(r, 10_000))]);
  },
};
const conflicts: string[] = [];
/** Wall-clock time of every enrollment decision. */
const decidedAt: number[] = [];

const idOf = (state: unknown) => (state as { event?: { id?: string } }).event?.id ?? '';

function observe(key: string, handler: LocalHandler): LocalHandler {
  if (key === 'events/decide') {
    return async (state, context) => {
      decidedAt.push(Date.now());
      try {
        return await handler(state, context);
      } catch (e) {
        if ((e as Error).name === 'ConflictError') conflicts.push(idOf(state));
        throw e;
      }
    };
  }
  return handler;
}

let embedded: Embedded;
const initial = replay(parseScenario(doc).world, []).balances;

beforeAll(async () => {
  embedded = await startEmbedded({ concurrency: 8, wrapHandler: observe, witness });
  await embedded.seed({ regions: doc.regions ?? [], plans: doc.plans, providers: doc.providers }, parseScenario(doc).world);
  embedded.startWorkers();
});

afterAll(async () => {
  vi.useRealTimers();
  await embedded?.stop();
});

/** Resolves once `id`'s commit waits at the witness (at most 10 s). */
async function heldAtCommit(id: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !race.arrived.has(id); ) {
    if (Date.now() > deadline) throw new Error(`${id} never reached its commit`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** As the API queues it: personal data sealed. */
const sealed = (e: EnrollDoc) => sealEventDoc(e, embedded.digest);
const send = (e: EnrollDoc) => embedded.send('enrollments', JSON.stringify(sealed(e)));

describe('the last relative slot', () => {
  it('two enrollments racing for it, both decided on the same snapshot: exactly one wins', async () => {
    // The payer and the spouse first: one of the two relative slots is taken.
    for (const e of [eventOf('payer'), eventOf('spouse')]) await sendAndWait(embedded, sealed(e));
    const [a, b] = [eventOf('child'), eventOf('child2')];
    let release = () => {};
    race.released = new Promise<void>((r) => (release = r));
    race.release = release;
    race.ids.add(a.id).add(b.id);

    const settled = [a, b].map((e) => embedded.settlements.expect(e.id));
    // Each in its own receive: sent together they could share a batch, where the consumer runs one payer's messages
    // in turn (lanes.ts) and the first would wait at its commit for a second queued behind it. So a is held at its
    // commit before b is sent; their copies follow the race.
    await send(a);
    await heldAtCommit(a.id);
    await send(b);
    await race.released;
    await Promise.all([send(a), send(b)]);
    expect(await Promise.all(settled)).toEqual(['finished', 'finished']);
    await waitForEmptyQueues(embedded);

    const results = (await readResults(embedded.store, [a.id, b.id])) as EnrollResult[];
    expect(results.map((r) => r.status).sort()).toEqual(['enrolled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')!.reasons.map((r) => r.code)).toEqual(['TOO_MANY_RELATIVES']);
    // They did race: the loser's first commit found the payer's state changed and decided again.
    expect(race.arrived.size).toBe(2);
    expect(conflicts.filter((id) => id === a.id || id === b.id).length).toBeGreaterThanOrEqual(1);
    const state = (await embedded.store.scanAll<{ memberId: string; relatives: Record<string, number> }>('accounts')).find(
      (s) => s.memberId === payer,
    )!;
    expect(state.relatives[rush.productId]).toBe(2);
    // And the parent after the race: no slot left.
    await sendAndWait(embedded, sealed(eventOf('parent')));
    expect(((await readResults(embedded.store, [eventOf('parent').id])) as EnrollResult[])[0]!.reasons.map((r) => r.code)).toEqual([
      'TOO_MANY_RELATIVES',
    ]);
  });
});

describe('the rush, every message two or three times, all at once, processed after the deadline', () => {
  const ids = [...new Set(rushEvents.map((e) => e.id))];
  let sent = 0;

  beforeAll(async () => {
    // The wall clock says 5 January: the deadline is long past while these are processed.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2027-01-05T09:00:00+08:00'), shouldAdvanceTime: true });
    decidedAt.length = 0;
    const copies = rushEvents.flatMap((e, i) => Array.from({ length: i % 7 === 0 ? 3 : 2 }, () => e));
    // A fixed shuffle: copies of one event far apart or side by side.
    const order = copies
      .map((e, i) => ({ e, k: (i * 7919) % copies.length }))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.e);
    const settled = ids.map((id) => embedded.settlements.expect(id));
    await Promise.all(order.map(send));
    sent = order.length;
    expect(new Set(await Promise.all(settled))).toEqual(new Set(['finished']));
    await waitForEmptyQueues(embedded);
    vi.useRealTimers();
  }, 120_000);

  it('was decided with the wall clock past the deadline, and nothing was dead-lettered', async () => {
    expect(sent).toBeGreaterThan(2 * ids.length);
    expect(decidedAt.length).toBeGreaterThanOrEqual(ids.length);
    expect(Math.min(...decidedAt)).toBeGreaterThan(rush.closesAt);
    expect(embedded.settlements.counts.deadLettered).toBe(0);
    const dlq = await embedded.stack.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: embedded.queueUrls['enrollments-dlq'], AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(Number(dlq.Attributes?.ApproximateNumberOfMessages)).toBe(0);
  });

  it('applied every enrollment exactly once: one outcome, one policy, one notification, at most one debit each', async () => {
    const items = (await readEventItems(embedded.store)).filter((i) => i.type === 'enroll');
    expect(items.map((i) => i.eventId).sort()).toEqual(rush.events.map((e) => e.id).sort());
    const results = (await readResults(
      embedded.store,
      rush.events.map((e) => e.id),
    )) as EnrollResult[];
    const enrolled = results.filter((r) => r.status === 'enrolled');

    const ledger = await readLedger(embedded.store);
    // One entry per enrolled event (an enrollment moves one account), none for a rejection.
    expect(ledger.map((l) => l.eventId).sort()).toEqual(enrolled.map((r) => r.id).sort());

    const policies = (await embedded.store.scanAll<{ productId: string; insuredId: string; payerId: string }>('policies')).filter(
      (p) => p.productId === rush.productId,
    );
    expect(policies.length).toBe(enrolled.length);
    expect(new Set(policies.map((p) => p.insuredId)).size).toBe(policies.length);

    const owed = (await readEventItems(embedded.store)).flatMap((i) => i.notifications ?? []);
    expect(owed.map((o) => o.eventId).sort()).toEqual(enrolled.map((r) => r.id).sort());
  });

  it('enforces the deadline by the event’s own time in Asia/Shanghai, in either notation', async () => {
    const results = new Map(
      (
        (await readResults(
          embedded.store,
          rush.events.map((e) => e.id),
        )) as EnrollResult[]
      ).map((r) => [r.id as string, r]),
    );
    const closed = (r: EnrollResult) => r.reasons.some((x) => x.code === 'ENROLLMENT_CLOSED');
    for (const e of rush.events) {
      const r = results.get(e.id)!;
      if (atOf(e) > rush.closesAt) {
        expect(r.status, e.id).toBe('rejected');
        expect(closed(r), e.id).toBe(true);
        expect(r.accountPaidFen, e.id).toBe(0);
      } else {
        expect(closed(r), e.id).toBe(false);
      }
    }
    // One household per notation of the boundary: the last instant counts, the next does not.
    const household = (at: string) => rushEvents.filter((e) => e.at === at);
    const cases = [
      ['2026-12-31T23:59:59.999+08:00', true],
      ['2026-12-31T15:59:59.999Z', true],
      ['2026-12-31T15:59:59.999+00:00', true],
      ['2027-01-01T00:00:00.000+08:00', false],
      ['2026-12-31T16:00:00.000Z', false],
      ['2026-12-31T16:00:00.000+00:00', false],
    ] as const;
    for (const [at, counts] of cases) {
      const events = household(at);
      expect(events.length, at).toBeGreaterThanOrEqual(5);
      const enrolled = events.filter((e) => results.get(e.id)!.status === 'enrolled').length;
      // Every household can pay for at least two (its balance is two premiums or more).
      if (counts) expect(enrolled, at).toBeGreaterThanOrEqual(2);
      else expect(enrolled, at).toBe(0);
    }
  });

  it('no personal account pays twice or goes negative; the ledger explains every balance', async () => {
    const balances = await readAccounts(embedded.store);
    const results = (await readResults(
      embedded.store,
      rush.events.map((e) => e.id),
    )) as EnrollResult[];
    const ledger = await readLedger(embedded.store);
    const payers = new Set(rush.events.map((e) => e.payerId));
    for (const id of payers) {
      const before = initial[id]!;
      const after = balances[id]!;
      expect(after.currentFen, id).toBeGreaterThanOrEqual(0);
      expect(after.historicalFen, id).toBeGreaterThanOrEqual(0);
      const paidFor = rush.events.filter((e, i) => e.payerId === id && results[i]!.status === 'enrolled');
      // Each insured paid for at most once, each premium once, from the historical balance only.
      expect(new Set(paidFor.map((e) => e.insuredId)).size, id).toBe(paidFor.length);
      expect(before.historicalFen - after.historicalFen, id).toBe(paidFor.length * rush.premiumFen);
      expect(after.currentFen, id).toBe(before.currentFen);
      const entries = ledger.filter((l) => l.memberId === id).sort((a, b) => (a.entryId < b.entryId ? -1 : 1));
      expect(
        entries.reduce((s, l) => s + l.historicalFen + l.currentFen, 0),
        id,
      ).toBe(after.historicalFen - before.historicalFen);
      for (const l of entries as LedgerItem[]) expect(l.balanceAfterFen, id).toBeGreaterThanOrEqual(0);
    }
  });

  it('holds every payer’s relative limit', async () => {
    const results = (await readResults(
      embedded.store,
      rush.events.map((e) => e.id),
    )) as EnrollResult[];
    const relatives = new Map<string, number>();
    rush.events.forEach((e, i) => {
      if (results[i]!.status === 'enrolled' && e.payerId !== e.insuredId) relatives.set(e.payerId, (relatives.get(e.payerId) ?? 0) + 1);
    });
    expect(Math.max(...relatives.values())).toBe(rush.maxRelatives);
    const refused = results.filter((r) => r.status === 'rejected' && r.reasons.some((x) => x.code === 'TOO_MANY_RELATIVES'));
    expect(refused.length).toBeGreaterThan(0);
  });

  it('equals the engine’s serial replay of the events in the order the commits prove', async () => {
    const committed = await readCommitOrder(embedded.store);
    expect(committed.map((c) => c.eventId).sort()).toEqual(rush.events.map((e) => e.id).sort());
    // The tables hold the events sealed; the replay takes the documents as sent, in the commits' order.
    const sent = new Map(rush.events.map((e) => [e.id, e]));
    const serial = parseScenario({ ...doc, events: committed.map((c) => sent.get(c.eventId)!) });
    const expected = replay(serial.world, serial.events);
    expect(
      await readResults(
        embedded.store,
        committed.map((c) => c.eventId),
      ),
    ).toEqual(expected.results as EventResult[]);
    expect(await readAccounts(embedded.store)).toEqual(expected.balances);
  });
});
