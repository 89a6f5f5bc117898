/**
 * The workload through the engine: parsed by the contract and replayed serially
 * (the reference settlement), it settles most claims, refuses some, and exercises
 * family accounts, the supplementary product and the renewal campaign.
 */

import { parseScenario } from '@medins/contract';
import { type ClaimResult, type Outcome, replay } from '@medins/engine';
import { generateWorkload, type OutcomeSummary, reviewerDecision, summarizeOutcome, summarizeReviews } from '@medins/workload';
import { beforeAll, describe, expect, it } from 'vitest';

let outcome: Outcome;
let summary: OutcomeSummary;

beforeAll(() => {
  const { world, events } = parseScenario(generateWorkload({ members: 300, claims: 1_500, seed: 2024 }));
  outcome = replay(world, events);
  summary = summarizeOutcome(outcome.results);
});

describe('replay of a generated workload (300 members, 1,500 claims)', () => {
  it('settles most claims and refuses some', () => {
    const { settled, rejected, held } = summary.claims;
    expect(held).toBe(0);
    expect(settled + rejected).toBe(1_500);
    expect(settled / 1_500).toBeGreaterThan(0.7);
    expect(rejected).toBeGreaterThan(0);
  });

  it('pays from every tier and source somewhere', () => {
    const { paidFen, paying } = summary.claims;
    expect(paidFen.basic).toBeGreaterThan(0);
    expect(paying.criticalIllness).toBeGreaterThan(0);
    expect(paying.supplementary).toBeGreaterThan(0);
    expect(paying.familyAccount).toBeGreaterThan(0);
    expect(paidFen.ownAccount).toBeGreaterThan(0);
    expect(paidFen.cash).toBeGreaterThan(0);
  });

  it('gives explanations of benefits whose parts add up', () => {
    const claims = outcome.results.filter((r): r is ClaimResult => r.type === 'claim' && r.status === 'settled');
    for (const r of claims) {
      const parts =
        (r.basic?.paidFen ?? 0) +
        (r.criticalIllness?.paidFen ?? 0) +
        (r.assistance?.paidFen ?? 0) +
        (r.supplementary?.paidFen ?? 0) +
        r.payments.ownAccountFen +
        r.payments.familyAccountFen +
        r.payments.cashFen;
      expect(parts).toBe(r.totalFen);
    }
  });

  it('enrolls, renews, reverses and binds, with the deliberate refusals', () => {
    expect(summary.enrollments.enrolled).toBeGreaterThan(0);
    expect(summary.enrollments.reasons.ENROLLMENT_CLOSED).toBeGreaterThan(0);
    expect(summary.renewals.renewed).toBeGreaterThan(0);
    expect(summary.renewals.reminded).toBeGreaterThan(0);
    expect(summary.reversals.reversed).toBeGreaterThan(0);
    expect(summary.reversals.reasons.ALREADY_REVERSED).toBe(1);
    expect(summary.bindings.bindFamily?.bound).toBeGreaterThan(0);
    expect(summary.bindings.bindFamily?.INVALID_WINDOW).toBeGreaterThan(0);
    expect(summary.bindings.bindViewer?.bound).toBeGreaterThan(0);
    expect(Object.values(outcome.balances).every((b) => b.currentFen >= 0 && b.historicalFen >= 0)).toBe(true);
  });
});

describe('the reviewers of a generated workload, replayed serially', () => {
  it('decide every held claim after it arrived: every claim ends settled or rejected, most with no person', () => {
    const doc = generateWorkload({ members: 300, claims: 1_500, seed: 2024, review: true });
    // Each held claim's decision joins the timeline at its instant; approvals can change later flags, so until none is new.
    let events = doc.events;
    let result = replay(parseScenario(doc).world, parseScenario(doc).events);
    const heldAtFirst = summarizeOutcome(result.results).claims.held;
    expect(heldAtFirst).toBeGreaterThan(0);
    expect(summarizeOutcome(result.results).claims.settled + summarizeOutcome(result.results).claims.rejected + heldAtFirst).toBe(1_500);
    for (let pass = 0; pass < 5; pass++) {
      const decided = new Set(events.filter((e) => e.type === 'reviewDecision').map((e) => e.id));
      const byId = new Map(doc.events.map((e) => [e.id, e]));
      const fresh = result.results
        .filter((r) => r.type === 'claim' && r.status === 'held')
        .map((r) => reviewerDecision(byId.get(r.id) as never, 2024))
        .filter((d) => !decided.has(d.id));
      if (fresh.length === 0) break;
      events = [...events, ...fresh].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      const s = parseScenario({ ...doc, events });
      result = replay(s.world, s.events);
    }
    const claims = summarizeOutcome(result.results).claims;
    expect(claims.settled + claims.rejected).toBe(1_500);
    const reviews = summarizeReviews(events, result.results);
    expect(reviews.stillHeld).toBe(0);
    expect(reviews.held).toBe(claims.held);
    expect(reviews.decisions.approved).toBeGreaterThan(reviews.decisions.rejected);
    expect(reviews.decisions.rejected).toBeGreaterThan(0);
    expect(reviews.decisions.approvedWithCuts).toBeGreaterThan(0);
    expect(reviews.decisions.notHeld).toBe(0);
    expect(reviews.autoAdjudicationRate).toBeGreaterThan(0.85);
    expect(reviews.autoAdjudicationRate).toBeLessThan(1);
    expect(reviews.waitHours.median).toBeGreaterThanOrEqual(1);
    expect(reviews.waitHours.max).toBeLessThanOrEqual(240 + 15);
  });
});
