/**
 * The workload through the engine: parsed by the contract and replayed serially
 * (the reference settlement), it settles most claims, refuses some, and exercises
 * family accounts, the supplementary product and the renewal campaign.
 */

import { parseScenario } from '@medins/contract';
import { type ClaimResult, type Outcome, replay } from '@medins/engine';
import { generateWorkload, type OutcomeSummary, summarizeOutcome } from '@medins/workload';
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
    const { settled, rejected } = summary.claims;
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
