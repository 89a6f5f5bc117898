/**
 * When a workflow gives up on an event that came through a queue. Two ways:
 * - the conflict loop runs out (a hot family account: every commit of one
 *   execution finds the holder's account changed by another claim);
 * - a step fails for good (a fault injected into a real handler for one event).
 * The event must be applied exactly once or not at all, and the dead-letter queue
 * must say so truthfully.
 *
 * The handlers are the real ones; hooks only run other real claims before a commit
 * (to cause real conflicts) or throw for one chosen event.
 */
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { parseScenario, type ScenarioInput } from '@medins/contract';
import { replay } from '@medins/engine';
import type { LocalHandler } from '@medins/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Embedded, readAccounts, readEventItems, readLedger, startEmbedded, waitForEmptyQueues } from '../src/index.ts';
import { familyWorld, HOLDER, relativeClaim } from './support/family-world.ts';
import { emptyTables } from './support/stack.ts';

type ClaimEvent = ReturnType<typeof relativeClaim>;

/** Claims to run through the claim workflow just before the next commits of an event. */
const bumpBeforeCommit = new Map<string, ClaimEvent[]>();
/** Event id → handler key that throws for it. */
const faultAt = new Map<string, string>();
/** Event id → handler key that keeps failing for it as Lambda's own transient error. */
const outageAt = new Map<string, string>();
const commits: { eventId: string; applied?: boolean; error?: string }[] = [];

const eventIdOf = (state: unknown) => (state as { event?: { id?: string } }).event?.id ?? '';

let embedded: Embedded;

function hook(key: string, handler: LocalHandler): LocalHandler {
  return async (state, context) => {
    const id = eventIdOf(state);
    if (faultAt.get(id) === key) throw new Error(`injected fault in ${key}`);
    if (outageAt.get(id) === key) throw Object.assign(new Error(`outage in ${key}`), { name: 'Lambda.ServiceException' });
    // The claim's commit is DeductFromAccounts' (after CheckEligibility loaded): a bump here changes what it read.
    if (key !== 'claims/deduct-from-accounts') return handler(state, context);
    const bump = bumpBeforeCommit.get(id)?.shift();
    if (bump) {
      const run = await embedded.workflows.claim.run({ event: bump, attempt: 0 });
      if (run.status !== 'SUCCEEDED') throw new Error(`bump ${bump.id} ended ${run.status}`);
    }
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

beforeAll(async () => {
  embedded = await startEmbedded({ concurrency: 2, wrapHandler: hook, retryBackoffMs: 100 });
  embedded.startWorkers();
});

afterAll(async () => {
  await embedded?.stop();
});

beforeAll(async () => {
  await drainDeadLetters();
});

async function seed(doc: ScenarioInput): Promise<void> {
  await emptyTables(embedded);
  await embedded.seed({ regions: doc.regions ?? [], plans: doc.plans, providers: doc.providers }, parseScenario(doc).world);
}

/** Every message in the claims dead-letter queue, removed from it. */
async function drainDeadLetters(): Promise<{ workflow?: string; event?: { id?: string }; id?: string; error?: { Error?: string } }[]> {
  const out: { workflow?: string; event?: { id?: string }; id?: string; error?: { Error?: string } }[] = [];
  for (;;) {
    const r = await embedded.stack.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: embedded.queueUrls['claims-dlq'], MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    const messages = r.Messages ?? [];
    if (messages.length === 0) return out;
    for (const m of messages) {
      out.push(JSON.parse(m.Body ?? '{}'));
      await embedded.stack.sqs.send(
        new DeleteMessageCommand({ QueueUrl: embedded.queueUrls['claims-dlq'], ReceiptHandle: m.ReceiptHandle! }),
      );
    }
  }
}

const deadLetteredIds = (messages: Awaited<ReturnType<typeof drainDeadLetters>>) => messages.map((m) => m.event?.id ?? m.id);

type DeadLetter = Awaited<ReturnType<typeof drainDeadLetters>>[number];

describe('the conflict loop runs out', () => {
  const doc = familyWorld(7, { currentFen: 600_000, historicalFen: 900_000 });
  const victim = relativeClaim(0, 300_000, 'c-victim');
  const bumpers = [1, 2, 3, 4, 5].map((i) => relativeClaim(i, 300_000));
  let deadLetters: DeadLetter[];
  let victimCommits: typeof commits;

  beforeAll(async () => {
    commits.length = 0;
    await seed(doc);
    // Before each of the victim's first five commits another relative's claim draws on the holder:
    // every commit of its first execution finds the holder's account changed.
    bumpBeforeCommit.set(victim.id, [...bumpers]);
    const settled = embedded.settlements.expect(victim.id);
    await embedded.send('claims', JSON.stringify(victim));
    expect(await settled).toBe('finished');
    await waitForEmptyQueues(embedded);
    deadLetters = await drainDeadLetters();
    victimCommits = commits.filter((c) => c.eventId === victim.id);
  });

  it('gives up after five conflicting commits; the queue retries the claim and it settles exactly once', async () => {
    expect(victimCommits.map((c) => c.error ?? (c.applied ? 'applied' : 'duplicate'))).toEqual([
      ...Array(5).fill('ConflictError'),
      'applied',
    ]);

    // Serial replay in commit order: the five bumpers, then the victim.
    const events = [...bumpers, victim];
    const expected = replay(parseScenario(doc).world, parseScenario({ ...doc, events }).events);
    const items = (await readEventItems(embedded.store)).sort((a, b) => a.committedAt - b.committedAt);
    expect(items.map((i) => i.eventId)).toEqual(events.map((e) => e.id));
    expect(items.map((i) => JSON.parse(i.result) as unknown)).toEqual(expected.results);
    expect(await readAccounts(embedded.store)).toEqual(expected.balances);
    expect((await readLedger(embedded.store)).filter((e) => e.eventId === victim.id && e.memberId === HOLDER)).toHaveLength(1);
  });

  // Conflicts that outlive the execution go back to the queue (RetryFromQueue), not to the dead-letter queue:
  // the dead-letter alarm must not fire for an event that was applied.
  it('leaves no dead letter for the claim it settled', () => {
    expect(deadLetteredIds(deadLetters)).not.toContain(victim.id);
  });
});

describe('a step fails for good', () => {
  const doc = familyWorld(2);
  const poison = relativeClaim(0, 300_000, 'c-poison');
  let settled: string;
  let deadLetters: DeadLetter[];

  beforeAll(async () => {
    await seed(doc);
    faultAt.set(poison.id, 'claims/settle-tiers');
    const done = embedded.settlements.expect(poison.id);
    await embedded.send('claims', JSON.stringify(poison));
    settled = await done;
    await waitForEmptyQueues(embedded);
    deadLetters = await drainDeadLetters();
  });

  it('is applied nowhere and ends in the dead-letter queue at once, with its reason', async () => {
    // RecordFailure put it in the dead-letter queue; the consumer acknowledged the message (EventDeadLettered).
    expect(settled).toBe('finished');
    expect(await embedded.store.readResult(poison.id)).toBeNull();
    expect(await readLedger(embedded.store)).toEqual([]);
    expect(await readAccounts(embedded.store)).toEqual(replay(parseScenario(doc).world, []).balances);
    expect(deadLetteredIds(deadLetters)).toContain(poison.id);
    expect(deadLetters.find((m) => m.workflow === 'ClaimWorkflow')?.error?.Error).toBe('Error');
  });

  // One failure, one dead letter: not one per receive plus the redrive policy's copy.
  it('is in the dead-letter queue once', () => {
    expect(deadLetteredIds(deadLetters).filter((id) => id === poison.id)).toHaveLength(1);
  });
});

describe('a step is unavailable for good', () => {
  const doc = familyWorld(2);
  const stuck = relativeClaim(0, 300_000, 'c-stuck');
  let settled: string;
  let deadLetters: DeadLetter[];

  beforeAll(async () => {
    await seed(doc);
    outageAt.set(stuck.id, 'claims/deduct-from-accounts');
    const done = embedded.settlements.expect(stuck.id);
    await embedded.send('claims', JSON.stringify(stuck));
    settled = await done;
    await waitForEmptyQueues(embedded);
    deadLetters = await drainDeadLetters();
  }, 60_000);

  it('is delivered again until the last receive, then dead-lettered once by the redrive policy, as received', async () => {
    expect(settled).toBe('deadLettered');
    expect(await embedded.store.readResult(stuck.id)).toBeNull();
    expect(await readLedger(embedded.store)).toEqual([]);
    expect(deadLetters).toEqual([stuck]);
  });
});
