/**
 * The embedded pipeline (queue → consumer → synthesized workflow → real handlers
 * → DynamoDB Local, read back from the tables) settles every scenario exactly as
 * the engine's serial replay does: the same results, field for field and in the
 * same order, and the same final balances. Also against each public example's
 * expected outcome (the contract's comparison rules), and the ledger the
 * pipeline wrote sums to every balance change.
 *
 * One stack serves the whole file: the tables are emptied before each scenario.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { parseScenario, renderOutcome } from '@medins/contract';
import { replay } from '@medins/engine';
import { generateWorkload } from '@medins/workload';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error — compare.mjs is the contract's own plain-JS comparator, without types.
import { compare } from '../../../../shared/contract/compare.mjs';
import { scenarioArbitrary } from '../../../test/support/scenario-arbitrary.ts';
import { type Embedded, readLedger, reconcile, replayThroughPipeline, startEmbedded } from '../src/index.ts';
import { emptyTables, engineOutcomeText, readText, scenarioCases } from './support/stack.ts';

let embedded: Embedded;

beforeAll(async () => {
  embedded = await startEmbedded();
});

afterAll(async () => {
  await embedded?.stop();
});

/**
 * Runs a document through the pipeline on empty tables; checks the outcome equals
 * the engine's replay and the ledger reconciles; returns the rendered outcome.
 */
async function pipelineEqualsEngine(text: string): Promise<string> {
  await emptyTables(embedded);
  const outcome = await replayThroughPipeline(embedded, text);
  const actual = renderOutcome(outcome);
  expect(actual).toBe(engineOutcomeText(text));

  const doc = JSON.parse(text) as unknown;
  const initial = replay(parseScenario(doc).world, []).balances;
  const reconciliation = reconcile(doc, outcome, initial, await readLedger(embedded.store));
  expect(reconciliation.problems).toEqual([]);
  expect(reconciliation.reconciled).toBe(true);
  return actual;
}

async function deadLetterCount(): Promise<number> {
  let n = 0;
  for (const url of [embedded.queueUrls['claims-dlq'], embedded.queueUrls['enrollments-dlq']]) {
    const out = await embedded.stack.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    n += Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  }
  return n;
}

/** Scenarios with review rules (人工审核): held claims wait in their ReviewWorkflow until a decision resumes it. */
const hasReview = (file: string) => Object.hasOwn(JSON.parse(readText(file)) as object, 'review');
const cases = scenarioCases();

describe('the pipeline equals the engine on every written scenario', () => {
  it('finds the 7 public examples and our own scenarios', () => {
    expect(cases.filter((c) => c.public).length).toBeGreaterThanOrEqual(7);
    expect(cases.filter((c) => !c.public).length).toBeGreaterThanOrEqual(25);
  });

  it('includes the review scenarios (held claims, decisions)', () => {
    expect(cases.filter((c) => hasReview(c.file)).length).toBeGreaterThanOrEqual(2);
  });

  for (const c of cases) {
    it(`${c.public ? 'example' : 'scenario'} ${c.name}`, async () => {
      const actual = await pipelineEqualsEngine(readText(c.file));
      const diffs: string[] = compare(JSON.parse(readText(c.expectedFile)), JSON.parse(actual));
      expect(diffs).toEqual([]);
    });
  }
});

describe('the pipeline equals the engine on generated scenarios', () => {
  const docs = fc.sample(scenarioArbitrary({ events: { min: 5, max: 40 } }), { numRuns: 20, seed: 20_250_301 });

  it('covers every event type and some duplicate deliveries', () => {
    const types = new Set(docs.flatMap((d) => d.events.map((e) => e.type)));
    expect([...types].sort()).toEqual([
      'bindFamily',
      'bindViewer',
      'claim',
      'enroll',
      'quote',
      'renewalCampaign',
      'reverseClaim',
      'unbindFamily',
    ]);
    expect(docs.some((d) => new Set(d.events.map((e) => e.id)).size < d.events.length)).toBe(true);
  });

  docs.forEach((doc, i) => {
    it(`generated #${i + 1} (${doc.events.length} events)`, async () => {
      await pipelineEqualsEngine(JSON.stringify(doc));
    });
  });
});

describe('the pipeline equals the engine on a generated city', () => {
  it('60 members, 60 claims: enrollment rush, family aid, viewers, claims, quotes, reversals, renewal', async () => {
    const doc = generateWorkload({ members: 60, claims: 60, seed: 7 });
    const types = new Set(doc.events.map((e) => e.type));
    for (const t of ['enroll', 'bindFamily', 'bindViewer', 'claim', 'quote', 'reverseClaim', 'renewalCampaign']) expect(types).toContain(t);
    const actual = JSON.parse(await pipelineEqualsEngine(JSON.stringify(doc))) as { results: { type: string; status: string }[] };
    expect(actual.results.filter((r) => r.type === 'claim' && r.status === 'settled').length).toBeGreaterThan(40);
    expect((await readLedger(embedded.store)).length).toBeGreaterThan(0);
  });
});

describe('nothing failed along the way', () => {
  it('no message reached a dead-letter queue', async () => {
    expect(embedded.settlements.counts.deadLettered).toBe(0);
    expect(await deadLetterCount()).toBe(0);
  });
});
