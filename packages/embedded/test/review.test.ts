/**
 * Held claims on the embedded stack (人工审核, issue 18): the ClaimWorkflow holds a
 * flagged claim and opens its ReviewWorkflow, which waits with a task token; a
 * decision resumes it through the claims queue and is settled by the event steps
 * and one commit. Checked against the engine: a held claim pays nothing until
 * decided, two decisions (one delivered twice) settle it once, and a review
 * nobody takes escalates to a supervisor on the compressed clock — and still
 * settles when a decision comes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario, type ScenarioInput, sealEvent } from '@medins/contract';
import { type EventResult, replay } from '@medins/engine';
import { reviewExecutionName } from '@medins/functions/shared/review-desk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Embedded, readAccounts, readLedger, sendAndWait, startEmbedded, waitForEmptyQueues } from '../src/index.ts';
import { emptyTables, readText } from './support/stack.ts';

/** 24 h of heartbeat pass in about 0.17 s, the 72 h timeout in about 0.5 s. */
const REVIEW_TIME_SCALE = 2e-6;

let embedded: Embedded;
/** Every handler's log line at DEBUG (each step's input): a task token must never be among them. */
const LOG_FILE = join(mkdtempSync(join(tmpdir(), 'medins-review-')), 'handlers.log');
/** Every task token the tests saw published. */
const tokensSeen = new Set<string>();

beforeAll(async () => {
  embedded = await startEmbedded({
    reviewTimeScale: REVIEW_TIME_SCALE,
    concurrency: 3,
    retryBackoffMs: 50,
    logFile: LOG_FILE,
    logLevel: 'DEBUG',
  });
  embedded.startWorkers();
});

afterAll(async () => {
  await embedded?.stop();
});

const SCENARIO = join(import.meta.dirname, '../../../test/scenarios/30-review-sampling-and-empty-approval.scenario.json');
const doc = JSON.parse(readText(SCENARIO)) as ScenarioInput;
const claim = doc.events.find((e) => e.id === 'c7')!;
const decision = (id: string, d: 'approve' | 'reject') =>
  ({ type: 'reviewDecision', id, at: '2021-05-03T10:00:00+08:00', claimId: 'c7', decision: d }) as ScenarioInput['events'][number];

async function freshWorld(): Promise<void> {
  await emptyTables(embedded);
  await embedded.seed(
    { regions: doc.regions ?? [], plans: doc.plans, providers: doc.providers, review: doc.review },
    parseScenario(doc).world,
  );
}

const send = (e: ScenarioInput['events'][number]) => sendAndWait(embedded, sealEvent(e as never, embedded.digest) as never);

async function resultOf(id: string, timeoutMs = 20_000): Promise<EventResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await embedded.store.readResult(id);
    if (r) return r;
    if (Date.now() > deadline) throw new Error(`no result for ${id}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a held claim on the embedded stack', () => {
  it('pays nothing until decided; two decisions, one delivered twice, settle it once', async () => {
    await freshWorld();
    const before = await readAccounts(embedded.store);
    await send(claim);
    expect(await embedded.store.readResult('c7')).toMatchObject({ status: 'held', flags: ['SAMPLED'] });
    expect(await readAccounts(embedded.store)).toEqual(before);
    expect(await readLedger(embedded.store)).toEqual([]);
    // Its review waits with a token the reviewers' tool can answer.
    const execution = embedded.reviews.executions.get(reviewExecutionName('c7'));
    expect(execution).toBeDefined();
    await waitForOpenTask();

    // An approval delivered twice and a rejection, at once.
    const approve = sealEvent(decision('d7', 'approve') as never, embedded.digest);
    const reject = sealEvent(decision('d8', 'reject') as never, embedded.digest);
    await Promise.all([
      embedded.send('claims', JSON.stringify(approve)),
      embedded.send('claims', JSON.stringify(approve)),
      embedded.send('claims', JSON.stringify(reject)),
    ]);
    const [d7, d8] = await Promise.all([resultOf('d7'), resultOf('d8')]);
    await waitForEmptyQueues(embedded);

    // Exactly one decided the review; the other found it decided: NOT_HELD, as the engine says in that order.
    const first = d7.status === 'settled' ? 'd7' : 'd8';
    const order =
      first === 'd7'
        ? [claim, decision('d7', 'approve'), decision('d8', 'reject')]
        : [claim, decision('d8', 'reject'), decision('d7', 'approve')];
    const s = parseScenario({ ...doc, events: order });
    const expected = replay(s.world, s.events);
    const byId = Object.fromEntries(expected.results.map((r) => [r.id, r]));
    expect(d7).toEqual(byId.d7);
    expect(d8).toEqual(byId.d8);
    const notHeld = (r: EventResult) => JSON.stringify((r as { reasons?: unknown }).reasons ?? []).includes('"NOT_HELD"');
    expect([d7, d8].filter(notHeld)).toHaveLength(1);
    expect(await readAccounts(embedded.store)).toEqual(expected.balances);

    // The review ended once, its task decided by the winner and its token gone.
    const run = await execution!;
    expect(run.status).toBe('SUCCEEDED');
    expect(run.states.filter((x) => x.name === 'DecideEvent')).toHaveLength(1);
    const task = await embedded.store.readReviewTask('c7');
    expect(task).toMatchObject({ status: 'decided', decidedBy: first });
    expect(task?.token).toBeUndefined();
    expect(embedded.reviews.tokens.open).toBe(0);
  });

  it('escalates a review nobody takes to a supervisor, never approving it, and settles the decision that comes', async () => {
    await freshWorld();
    await send(claim);
    // Several heartbeat periods on the review clock: escalated, still open, nothing paid.
    await new Promise((r) => setTimeout(r, 1500));
    const task = await waitForOpenTask();
    expect(task.level).toBe('supervisor');
    expect(task.escalations).toBeGreaterThanOrEqual(1);
    expect(await readLedger(embedded.store)).toEqual([]);
    expect(await embedded.store.readResult('c7')).toMatchObject({ status: 'held' });

    await send(decision('d9', 'approve'));
    const s = parseScenario({ ...doc, events: [claim, decision('d9', 'approve')] });
    expect(await embedded.store.readResult('d9')).toEqual(replay(s.world, s.events).results[1]);
    const run = await embedded.reviews.executions.get(reviewExecutionName('c7'))!;
    expect(run.status).toBe('SUCCEEDED');
    const visited = run.states.map((x) => x.name);
    expect(visited).toContain('Escalate');
    expect(visited.filter((n) => n === 'DecideEvent')).toHaveLength(1);
    expect(visited.at(-1)).toBe('ReviewDone');
  });
});

describe('task tokens', () => {
  it('are never written to a log line, though every waiting task’s input is logged at DEBUG', () => {
    const log = readFileSync(LOG_FILE, 'utf8');
    expect(tokensSeen.size).toBeGreaterThanOrEqual(2);
    expect(log).toContain('[task token]');
    for (const token of tokensSeen) expect(log).not.toContain(token);
  });
});

/** The claim's open review task (published, with its token), once it is there. */
async function waitForOpenTask() {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const task = await embedded.store.readReviewTask('c7');
    if (task?.status === 'open' && task.token) {
      tokensSeen.add(task.token);
      return task;
    }
    if (Date.now() > deadline) throw new Error('the review task of c7 was never published');
    await new Promise((r) => setTimeout(r, 10));
  }
}
