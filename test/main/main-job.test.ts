/**
 * The main job at a small size, on the embedded stack, at DEBUG level: it
 * reconciles, the engine's serial replay of scenario.json gives outcome.json,
 * the summary counts what the tables hold, and no member's name, ID number or
 * phone appears in anything it wrote except the input scenario.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMainArgs, runMain } from '../../packages/cli/src/main.ts';
import { runScenarioCommand } from '../../packages/cli/src/scenario.ts';
import { readCsv, sumFen } from '../../packages/insurer/test/support/csv.ts';
import { clearValuesOf, fileTexts, leaksIn, recordingWitness } from '../support/personal-data.ts';

const out = mkdtempSync(join(tmpdir(), 'medins-main-'));
const read = (name: string) => readFileSync(join(out, name), 'utf8');

type Doc = {
  id: string;
  type: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  proof?: { name?: string; idNumber?: string; phone?: string };
};

describe('npm start (small)', () => {
  let reconciled = false;
  const audit = recordingWitness();
  beforeAll(async () => {
    ({ reconciled } = await runMain(
      parseMainArgs(['--members', '150', '--claims', '150', '--seed', '3', '--out', out, '--log-level', 'DEBUG']),
      audit.witness,
    ));
  }, 180_000);

  it('reconciles, and the serial replay of scenario.json gives outcome.json', () => {
    expect(reconciled).toBe(true);
    const replayed = runScenarioCommand([join(out, 'scenario.json')]);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toBe(read('outcome.json'));
  });

  it('lists each applied event once, in commit order, with one result each', () => {
    const scenario = JSON.parse(read('scenario.json')) as { events: Doc[] };
    const outcome = JSON.parse(read('outcome.json')) as { results: { id: string }[] };
    const ids = scenario.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(outcome.results.map((r) => r.id)).toEqual(ids);
  });

  it('summarizes what the tables hold', () => {
    const summary = JSON.parse(read('summary.json'));
    expect(summary.stack.dynamodb).toMatch(/^DynamoDB Local /);
    expect(summary.stack.queue).toMatch(/^fauxqs \d/);
    expect(summary.stack.workflow).toMatch(/^aws-local-stepfunctions \d/);
    expect(summary.claims.submitted).toBe(150);
    expect(summary.claims.settled + summary.claims.rejected + summary.claims.failed).toBe(150);
    expect(summary.claims.failed).toBe(0);
    expect(summary.claims.settled).toBeGreaterThan(100);
    expect(summary.enrollments.enrolled).toBeGreaterThan(0);
    expect(summary.renewals.renewed + summary.renewals.reminded).toBeGreaterThan(0);
    expect(summary.reconciled).toBe(true);
    // Reviewers decided every held claim, after it and on their own time; the rate counts the decided claims.
    const reviews = summary.reviews;
    expect(reviews.held).toBeGreaterThan(0);
    expect(reviews.stillHeld).toBe(0);
    expect(reviews.reviewerDecided).toBe(reviews.held);
    expect(reviews.decisions.approved + reviews.decisions.approvedWithCuts + reviews.decisions.rejected).toBe(reviews.held);
    expect(reviews.autoDecided + reviews.reviewerDecided).toBe(summary.claims.settled + summary.claims.rejected);
    expect(reviews.autoAdjudicationRate).toBeCloseTo(reviews.autoDecided / (reviews.autoDecided + reviews.reviewerDecided), 10);
    expect(reviews.waitHours.median).toBeGreaterThanOrEqual(1);
    // Escalations happen on the compressed review clock (a count that varies), never more than the reviews.
    expect(reviews.escalated).toBeLessThanOrEqual(reviews.held);
    const events = JSON.parse(read('scenario.json')).events as { id: string; type: string; claimId?: string }[];
    const position = new Map(events.map((e, i) => [e.id, i]));
    const decisions = events.filter((e) => e.type === 'reviewDecision');
    expect(decisions).toHaveLength(reviews.held);
    for (const d of decisions) expect(position.get(d.id)!, d.id).toBeGreaterThan(position.get(d.claimId!)!);
    const outcome = JSON.parse(read('outcome.json')) as {
      results: { type: string; status: string; supplementary?: { paidFen: number } | null }[];
    };
    const supplementary = outcome.results
      .filter((r) => r.type === 'claim' && r.status === 'settled')
      .reduce((sum, r) => sum + (r.supplementary?.paidFen ?? 0), 0);
    expect(summary.paidFen.supplementary).toBe(supplementary);
    const perProduct = summary.lossRatios as { paidFen: number; netPaidFen: number; premiumsFen: number; ratio: number | null }[];
    expect(perProduct.reduce((sum, p) => sum + p.paidFen, 0)).toBe(supplementary);
    for (const p of perProduct) if (p.premiumsFen > 0) expect(p.ratio).toBeCloseTo(p.netPaidFen / p.premiumsFen, 4);
  });

  it('writes the CSV exports and report.html; each product’s loss ratio is worked out by hand from the CSVs', () => {
    const summary = JSON.parse(read('summary.json')) as {
      lossRatios: { productId: string; netPaidFen: number; premiumsFen: number; policies: { held: number } }[];
    };
    const scenario = JSON.parse(read('scenario.json')) as { plans: { id: string; premiumFen?: number }[] };
    const claims = readCsv(read('claims.csv'));
    const enrollments = readCsv(read('enrollments.csv'));
    const renewals = readCsv(read('renewals.csv'));
    const policies = readCsv(read('policies.csv'));
    expect(readCsv(read('balances.csv')).length).toBeGreaterThan(50);
    expect(summary.lossRatios.length).toBeGreaterThan(0);
    for (const p of summary.lossRatios) {
      const premium = scenario.plans.find((x) => x.id === p.productId)?.premiumFen ?? 0;
      const paid = claims.filter(
        (r) => r.type === 'claim' && r.status === 'settled' && r.supplementary_product === p.productId && r.reversed_by === '',
      );
      const enrolled = enrollments.filter((r) => r.product_id === p.productId && r.status === 'enrolled');
      const renewed = renewals.filter((r) => r.to_product === p.productId && r.outcome === 'renewed');
      expect(sumFen(paid, 'supplementary_yuan'), p.productId).toBe(p.netPaidFen);
      expect(p.policies.held * premium + sumFen(enrolled, 'premium_yuan') + sumFen(renewed, 'premium_yuan'), p.productId).toBe(
        p.premiumsFen,
      );
      expect(
        sumFen(
          policies.filter((r) => r.product_id === p.productId),
          'premium_yuan',
        ),
        p.productId,
      ).toBe(p.premiumsFen);
    }
    expect(read('report.html')).toMatch(/^<!doctype html>[\s\S]*id="paid-by-month"[\s\S]*id="throughput"/);
  });

  it('sent masked notifications at least once, a repeat (a redelivery’s) the same message under its first id', () => {
    const raw = read('notifications.jsonl').split('\n').filter(Boolean);
    const lines = raw.map((l) => JSON.parse(l) as { id: string; maskedRecipient: string });
    const byId = new Map<string, string>();
    for (const [i, l] of lines.entries()) {
      const first = byId.get(l.id);
      if (first === undefined) byId.set(l.id, raw[i]!);
      else expect(raw[i], l.id).toBe(first);
    }
    expect(byId.size).toBeGreaterThan(100);
    const applied = new Set((JSON.parse(read('outcome.json')) as { results: { id: string }[] }).results.map((r) => r.id));
    // Each id names the event that owes it: an applied event, or a policy of an applied renewal campaign (`<campaign>/<policy>`).
    for (const id of byId.keys()) {
      const eventId = id.split('|')[0]!;
      expect(applied.has(eventId) || applied.has(eventId.split('/')[0]!), id).toBe(true);
    }
    expect(lines.every((l) => l.maskedRecipient.includes('*'))).toBe(true);
  });

  it('leaves no clear name, ID number or phone anywhere but the input scenario: files, DEBUG log, every item written, every message queued, every workflow state', () => {
    const scenario = JSON.parse(read('scenario.json')) as { members: Doc[]; events: Doc[] };
    const clear = clearValuesOf(scenario);
    expect(clear.size).toBeGreaterThan(300);
    expect(scenario.events.filter((e) => e.type === 'enroll' && 'realName' in e).length).toBeGreaterThan(10);
    expect(read('handlers.log').split('\n').length).toBeGreaterThan(500); // DEBUG really logged every step's input
    const kinds = (prefix: string) => audit.seen.filter((s) => s.where.startsWith(prefix)).length;
    expect(kinds('dynamodb request')).toBeGreaterThan(500);
    expect(kinds('sqs request')).toBeGreaterThan(300);
    expect(kinds('claims/check-eligibility state')).toBeGreaterThan(100);
    expect(leaksIn([...fileTexts(out, ['scenario.json']), ...audit.seen], clear)).toEqual([]);
  });

  it('the scan finds a clear value where there is one', () => {
    const scenario = JSON.parse(read('scenario.json')) as { members: Doc[]; events: Doc[] };
    const [one] = clearValuesOf(scenario);
    expect(leaksIn([{ where: 'planted', text: `… ${one} …` }], clearValuesOf(scenario))).toEqual([
      `planted: ${[...one!][0]}… (${[...one!].length} characters)`,
    ]);
  });
});
