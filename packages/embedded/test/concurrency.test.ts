/**
 * Concurrent settlement on the embedded stack with eight queue workers: claims of
 * different relatives that all draw on one family holder's account (家庭共济)
 * arrive at once through the claims queue. What the tables hold afterwards must
 * be what a serial run would give:
 * - every claim settled, recorded exactly once;
 * - the holder's account never below the region's reserve, at any commit;
 * - the family-account payments add up to the holder's balance drop, and each is
 *   one ledger entry;
 * - the engine's serial replay of the events in the order they were committed
 *   gives exactly the results and balances in the tables (serializability).
 * And duplicate deliveries of one claim message, some at the same moment: one
 * result, one ledger movement, one set of notifications.
 *
 * The handlers are the real ones; the only hook holds the first load of chosen
 * claims until every copy has loaded, so their commits do race on the same items.
 */

import { parseScenario, type ScenarioInput } from '@medins/contract';
import { type Account, type ClaimResult, type EventResult, replay } from '@medins/engine';
import type { LocalHandler } from '@medins/local-stack';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  claimAddsUp,
  type Embedded,
  queueFor,
  readAccounts,
  readCommitOrder,
  readEventItems,
  readLedger,
  readResults,
  startEmbedded,
  waitForEmptyQueues,
} from '../src/index.ts';
import { familyWorld, HOLDER, RESERVE_FEN, relativeClaim } from './support/family-world.ts';
import { emptyTables } from './support/stack.ts';

type ClaimEvent = ReturnType<typeof relativeClaim>;

/** What the real committing step (DeductFromAccounts or RecordRejection) did, per execution. */
interface CommitCall {
  readonly eventId: string;
  readonly applied?: boolean;
  readonly error?: string;
}
/** What the real loading step (CheckEligibility) returned, per execution. */
interface LoadCall {
  readonly eventId: string;
  readonly prior: boolean;
}

const commits: CommitCall[] = [];
const loads: LoadCall[] = [];

/**
 * A barrier on the loading step: the first `parties` executions of the given events
 * wait in CheckEligibility, before its load, until all of them have arrived (at most 10 s), so they
 * all read the same versions and their commits race. Later loads pass.
 */
interface Barrier {
  readonly ids: ReadonlySet<string>;
  readonly parties: number;
  arrived: number;
  /** Called at each arrival (sendRacing waits on it). */
  onArrival?: () => void;
  readonly release: () => void;
  readonly released: Promise<void>;
}
const barriers: Barrier[] = [];
function holdFirstLoads(eventIds: readonly string[], parties: number): Barrier {
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  const barrier: Barrier = { ids: new Set(eventIds), parties, arrived: 0, release, released };
  barriers.push(barrier);
  return barrier;
}

/**
 * Sends racing messages one after another, each once the one before it is held at
 * the barrier. Sent together they could share one receive, where the consumer
 * runs messages on the same member in turn (lanes.ts) or starts one execution for
 * two copies; sent this way each is its own execution on another worker, as SQS
 * delivers copies to different pollers.
 */
async function sendRacing(barrier: Barrier, bodies: readonly string[]): Promise<void> {
  for (const [i, body] of bodies.entries()) {
    if (i > 0) await arrivals(barrier, i);
    await embedded.send('claims', body);
  }
}

/** Resolves once `n` executions wait at the barrier. */
function arrivals(barrier: Barrier, n: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (barrier.arrived < n) return;
      barrier.onArrival = undefined;
      resolve();
    };
    barrier.onArrival = check;
    check();
  });
}

const eventIdOf = (state: unknown) => (state as { event?: { id?: string } }).event?.id ?? '';

function observe(key: string, handler: LocalHandler): LocalHandler {
  if (key === 'claims/check-eligibility') {
    return async (state, context) => {
      const id = eventIdOf(state);
      const b = barriers.find((x) => x.ids.has(id) && x.arrived < x.parties);
      if (b) {
        b.arrived++;
        b.onArrival?.();
        if (b.arrived === b.parties) b.release();
        await Promise.race([b.released, new Promise((r) => setTimeout(r, 10_000))]);
      }
      const out = (await handler(state, context)) as { loaded?: { prior?: unknown } };
      loads.push({ eventId: id, prior: out.loaded?.prior !== undefined });
      return out;
    };
  }
  if (key === 'claims/deduct-from-accounts' || key === 'events/record-rejection') {
    return async (state, context) => {
      const id = eventIdOf(state);
      try {
        const out = (await handler(state, context)) as { outcome?: { applied?: boolean } };
        commits.push({ eventId: id, applied: out.outcome?.applied === true });
        return out;
      } catch (e) {
        commits.push({ eventId: id, error: (e as Error).name });
        throw e;
      }
    };
  }
  return handler;
}

let embedded: Embedded;
/** MaxNumberOfMessages of every receive the queue workers sent. */
const receiveSizes = new Set<number>();

beforeAll(async () => {
  const witness = {
    request(service: 'dynamodb' | 'sqs', body: string) {
      const asked = service === 'sqs' ? /"MaxNumberOfMessages":(\d+)/.exec(body) : null;
      if (asked) receiveSizes.add(Number(asked[1]));
    },
  };
  embedded = await startEmbedded({ concurrency: 8, wrapHandler: observe, witness });
  embedded.startWorkers();
});

afterAll(async () => {
  await embedded?.stop();
});

beforeEach(() => {
  commits.length = 0;
  loads.length = 0;
  barriers.length = 0;
});

async function seed(doc: ScenarioInput): Promise<void> {
  await emptyTables(embedded);
  await embedded.seed({ regions: doc.regions ?? [], plans: doc.plans, providers: doc.providers }, parseScenario(doc).world);
}

/** Sends every event through its queue at once; resolves when each has finished (or was dead-lettered). */
async function sendAtOnce(events: readonly ClaimEvent[]): Promise<string[]> {
  const settled = events.map((e) => embedded.settlements.expect(e.id));
  await Promise.all(events.map((e) => embedded.send(queueFor(e.type), JSON.stringify(e))));
  return Promise.all(settled);
}

/** sendRacing for claims; resolves when each has finished (or was dead-lettered). */
async function sendRacingAndSettle(barrier: Barrier, events: readonly ClaimEvent[]): Promise<string[]> {
  const settled = events.map((e) => embedded.settlements.expect(e.id));
  await sendRacing(
    barrier,
    events.map((e) => JSON.stringify(e)),
  );
  return Promise.all(settled);
}

const total = (a: Account | undefined) => (a ? a.currentFen + a.historicalFen : 0);

/** Checks a concurrent run of `claims` on `doc`'s world against the engine and the family-aid rules. */
async function checkFamilyRun(doc: ScenarioInput, claims: readonly ClaimEvent[]): Promise<{ results: ClaimResult[]; drawnFen: number }> {
  const world = parseScenario(doc).world;
  const initial = replay(world, []).balances;

  // Each claim recorded exactly once, settled.
  const items = (await readEventItems(embedded.store)).filter((i) => i.type === 'claim');
  expect(items.map((i) => i.eventId).sort()).toEqual(claims.map((c) => c.id).sort());
  expect(items.every((i) => i.status === 'settled')).toBe(true);

  // The engine's serial replay of the events in commit order equals the tables.
  const committed = await readCommitOrder(embedded.store);
  expect(committed.map((c) => c.eventId).sort()).toEqual(claims.map((c) => c.id).sort());
  const inOrder = parseScenario({ ...doc, events: committed.map((c) => c.doc) });
  const serial = replay(inOrder.world, inOrder.events);
  const results = (await readResults(
    embedded.store,
    committed.map((c) => c.eventId),
  )) as ClaimResult[];
  const balances = await readAccounts(embedded.store);
  expect(results).toEqual(serial.results);
  expect(balances).toEqual(serial.balances);
  for (const r of results) expect(claimAddsUp(r as EventResult)).toBe(true);

  // The holder: one ledger entry per family payment, never below the reserve after any commit.
  const drawnFen = results.reduce((s, r) => s + r.payments.familyAccountFen, 0);
  expect(total(initial[HOLDER]) - total(balances[HOLDER])).toBe(drawnFen);
  expect(total(balances[HOLDER])).toBeGreaterThanOrEqual(RESERVE_FEN);
  const holderEntries = (await readLedger(embedded.store))
    .filter((e) => e.memberId === HOLDER)
    .sort((a, b) => (a.entryId < b.entryId ? -1 : 1));
  const paying = results.filter((r) => r.payments.familyAccountFen > 0);
  expect(holderEntries.map((e) => [e.eventId, -(e.currentFen + e.historicalFen)])).toEqual(
    paying.map((r) => [r.id, r.payments.familyAccountFen]),
  );
  let running = total(initial[HOLDER]);
  for (const e of holderEntries) {
    running += e.currentFen + e.historicalFen;
    expect(e.balanceAfterFen).toBe(running);
    expect(e.balanceAfterFen).toBeGreaterThanOrEqual(RESERVE_FEN);
  }
  for (const r of paying) expect(r.payments.familyHolderId).toBe(HOLDER);
  return { results, drawnFen };
}

describe('claims of a family drawing on one holder account at once', () => {
  it('two claims racing on the holder: one waits for the other, the reserve holds', async () => {
    const doc = familyWorld(2);
    await seed(doc);
    // Each needs 1,850 yuan after the basic fund; 3,500 yuan are above the reserve.
    const claims = [relativeClaim(0, 500_000), relativeClaim(1, 500_000)];
    // Both read the holder's account before either commits.
    const barrier = holdFirstLoads(
      claims.map((c) => c.id),
      2,
    );

    expect(await sendRacingAndSettle(barrier, claims)).toEqual(['finished', 'finished']);
    const { results, drawnFen } = await checkFamilyRun(doc, claims);
    expect(results.map((r) => r.payments.familyAccountFen).sort((a, b) => a - b)).toEqual([165_000, 185_000]);
    expect(drawnFen).toBe(350_000); // down to the reserve exactly
    expect((await readAccounts(embedded.store))[HOLDER]).toEqual({ currentFen: 0, historicalFen: RESERVE_FEN });
    // The race happened: one commit found the holder's account changed and the workflow decided again.
    expect(commits.filter((c) => c.error === 'ConflictError').length).toBeGreaterThanOrEqual(1);
    expect(
      commits
        .filter((c) => c.applied)
        .map((c) => c.eventId)
        .sort(),
    ).toEqual(claims.map((c) => c.id).sort());
  });

  it('twenty claims at once on eight workers: serializable, exactly once, never below the reserve', async () => {
    // 13,000 yuan above the reserve: about half the claims can draw on it before it runs dry.
    const doc = familyWorld(20, { currentFen: 600_000, historicalFen: 900_000 });
    await seed(doc);
    const claims = Array.from({ length: 20 }, (_, i) => relativeClaim(i, 80_000 + ((i * 37_000) % 420_000)));
    const settled = await sendAtOnce(claims);
    expect(settled).toEqual(claims.map(() => 'finished'));
    await waitForEmptyQueues(embedded);

    const { results, drawnFen } = await checkFamilyRun(doc, claims);
    // More was needed than the holder could give: the last payers got part or nothing, the reserve stayed.
    const wanted = results.reduce((s, r) => s + r.payments.familyAccountFen + r.payments.cashFen, 0);
    expect(wanted).toBeGreaterThan(1_300_000);
    expect(drawnFen).toBe(1_300_000);
    expect(results.filter((r) => r.payments.familyAccountFen > 0).length).toBeGreaterThanOrEqual(5);
    expect(results.filter((r) => r.payments.familyAccountFen === 0).length).toBeGreaterThanOrEqual(1);
    expect(commits.filter((c) => c.applied).length).toBe(20);
    expect(embedded.settlements.counts.deadLettered).toBe(0);
  });
});

describe('duplicate deliveries of one claim message', () => {
  it('three copies, two at the same moment: one result, one ledger movement, one set of notifications', async () => {
    const doc = familyWorld(3);
    await seed(doc);
    const claim = relativeClaim(0, 300_000, 'c-dup');
    const body = JSON.stringify(claim);
    const before = await readAccounts(embedded.store);

    // Two copies at once, both loaded before either commits.
    const barrier = holdFirstLoads([claim.id], 2);
    const first = embedded.settlements.expect(claim.id);
    await sendRacing(barrier, [body, body]);
    expect(await first).toBe('finished');
    await waitForEmptyQueues(embedded);
    // A third copy later (a resend after a timeout).
    const third = embedded.settlements.expect(claim.id);
    await embedded.send('claims', body);
    expect(await third).toBe('finished');
    await waitForEmptyQueues(embedded);

    // Every copy ran the real workflow; exactly one commit applied it.
    const mine = commits.filter((c) => c.eventId === claim.id);
    expect(mine.filter((c) => c.applied)).toHaveLength(1);
    expect(loads.filter((l) => l.eventId === claim.id).length).toBeGreaterThanOrEqual(3);
    expect(loads.filter((l) => l.eventId === claim.id).at(-1)?.prior).toBe(true);

    // One result, as the engine answers a repeated id.
    const expected = replay(parseScenario(doc).world, parseScenario({ ...doc, events: [claim, claim, claim] }).events);
    expect(new Set(expected.results.map((r) => JSON.stringify(r))).size).toBe(1);
    const items = (await readEventItems(embedded.store)).filter((i) => i.eventId === claim.id);
    expect(items).toHaveLength(1);
    expect(JSON.parse(items[0]!.result)).toEqual(expected.results[0]);
    const result = expected.results[0] as ClaimResult;
    expect(result.payments.familyAccountFen).toBeGreaterThan(0);

    // One ledger movement, the balance moved once.
    const entries = (await readLedger(embedded.store)).filter((e) => e.eventId === claim.id);
    expect(entries.map((e) => [e.memberId, e.currentFen + e.historicalFen])).toEqual([[HOLDER, -result.payments.familyAccountFen]]);
    expect(await readAccounts(embedded.store)).toEqual(expected.balances);
    expect(total(before[HOLDER]) - total(expected.balances[HOLDER])).toBe(result.payments.familyAccountFen);

    // One set of notifications on the outcome, as the engine owes them for one application.
    let owed = 0;
    replay(parseScenario(doc).world, parseScenario({ ...doc, events: [claim] }).events, { onNotification: () => owed++ });
    const recorded = (await embedded.store.readEvent(claim.id))?.notifications ?? [];
    expect(owed).toBeGreaterThan(0);
    expect(recorded).toHaveLength(owed);
  });

  it('three copies at the same moment', async () => {
    const doc = familyWorld(3);
    await seed(doc);
    const claim = relativeClaim(1, 250_000, 'c-dup3');
    const body = JSON.stringify(claim);
    const barrier = holdFirstLoads([claim.id], 3);
    await sendRacing(barrier, [body, body, body]);
    await waitForEmptyQueues(embedded);

    expect(commits.filter((c) => c.eventId === claim.id && c.applied)).toHaveLength(1);
    const expected = replay(parseScenario(doc).world, parseScenario({ ...doc, events: [claim] }).events);
    expect(await readResults(embedded.store, [claim.id])).toEqual(expected.results);
    expect((await readLedger(embedded.store)).filter((e) => e.eventId === claim.id)).toHaveLength(1);
    expect(await readAccounts(embedded.store)).toEqual(expected.balances);
  });

  it('a rejected claim delivered twice at the same moment is recorded once', async () => {
    const doc = familyWorld(1);
    await seed(doc);
    // No account or accumulator changes to conflict on: only the event's own condition keeps it once.
    const claim = { ...relativeClaim(0, 100_000, 'c-dup-rejected'), memberId: 'ghost', cardHolderId: 'ghost' };
    const barrier = holdFirstLoads([claim.id], 2);
    await sendRacing(barrier, [JSON.stringify(claim), JSON.stringify(claim)]);
    await waitForEmptyQueues(embedded);

    const mine = commits.filter((c) => c.eventId === claim.id);
    expect(mine.map((c) => c.applied).sort()).toEqual([false, true]);
    const expected = replay(parseScenario(doc).world, parseScenario({ ...doc, events: [claim] }).events);
    expect(expected.results[0]).toMatchObject({ status: 'rejected', reasons: [{ code: 'MEMBER_NOT_FOUND' }] });
    expect(await readResults(embedded.store, [claim.id])).toEqual(expected.results);
  });
});

describe('one visit submitted twice under different event ids (a hospital resending after a timeout)', () => {
  it('both loaded before either commits: one settles, the other is DUPLICATE_VISIT, and the tables are a serial run', async () => {
    // Prepare: two employees who pay from their own accounts, so that nothing but the visit item is shared.
    const doc = familyWorld(6);
    await seed(doc);
    const visit = (i: number, id: string) => ({ ...relativeClaim(i, 1_000, id), at: '2025-03-03T09:00:00+08:00', visitId: 'ZY-2025-0001' });
    const claims = [visit(2, 'c-visit-a'), visit(5, 'c-visit-b')];
    const barrier = holdFirstLoads(
      claims.map((c) => c.id),
      2,
    );

    // Act
    expect(await sendRacingAndSettle(barrier, claims)).toEqual(['finished', 'finished']);
    await waitForEmptyQueues(embedded);

    // Assess: exactly one holds the visit; the other lost the race on the visit item, was decided again, rejected.
    const results = (await readResults(
      embedded.store,
      claims.map((c) => c.id),
    )) as ClaimResult[];
    expect(results.map((r) => r.status).sort()).toEqual(['rejected', 'settled']);
    expect(results.find((r) => r.status === 'rejected')?.reasons.map((x) => x.code)).toEqual(['DUPLICATE_VISIT']);
    expect(commits.filter((c) => c.error === 'ConflictError').length).toBeGreaterThanOrEqual(1);
    const committed = await readCommitOrder(embedded.store);
    const inOrder = parseScenario({ ...doc, events: committed.map((c) => c.doc) });
    const serial = replay(inOrder.world, inOrder.events);
    expect(
      await readResults(
        embedded.store,
        committed.map((c) => c.eventId),
      ),
    ).toEqual(serial.results);
    expect(await readAccounts(embedded.store)).toEqual(serial.balances);
  });
});

describe('the queue workers receive as the template batches', () => {
  it("asks for up to 10 messages per receive, the claims consumer's event source BatchSize", () => {
    expect([...receiveSizes]).toEqual([10]);
  });
});
