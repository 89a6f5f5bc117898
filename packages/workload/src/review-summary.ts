/**
 * The claims department's figures for a run (caller → summarizeReviews), from the
 * scenario's events and their results: the auto-adjudication rate (the industry's
 * headline: claims settled or rejected with no person / all decided claims), held
 * claims by flag, decisions by outcome and how long held claims waited.
 */
import type { EventResult } from '@medins/engine';

export interface ReviewSummary {
  /** Claims settled or rejected by rules alone, with no person. */
  readonly autoDecided: number;
  /** Held claims a reviewer decided (approved or rejected). */
  readonly reviewerDecided: number;
  /** autoDecided / (autoDecided + reviewerDecided); null when no claim was decided. */
  readonly autoAdjudicationRate: number | null;
  /** Claims held when they arrived. */
  readonly held: number;
  /** Held claims with no decision that settled or rejected them. */
  readonly stillHeld: number;
  /** Held claims by flag (a claim may raise several). */
  readonly heldByFlag: Record<string, number>;
  readonly decisions: {
    readonly approved: number;
    /** Approved without some lines (`rejectedLines` named a line of the claim). */
    readonly approvedWithCuts: number;
    readonly rejected: number;
    /** Decisions for a claim that was not held (a second decision, an unknown claim): they decided nothing. */
    readonly notHeld: number;
  };
  /** Hours from a held claim's `at` to the `at` of the decision that decided it. */
  readonly waitHours: { readonly median: number | null; readonly p90: number | null; readonly max: number | null };
}

interface Doc {
  readonly id: string;
  readonly type: string;
  readonly at?: string;
  readonly claimId?: string;
  readonly lines?: readonly { readonly code: string }[];
  readonly rejectedLines?: readonly string[];
}

const HOUR_MS = 3_600_000;

/** The value at quantile q (nearest rank) of sorted numbers, rounded to 0.1. */
function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const v = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return Math.round(v * 10) / 10;
}

/**
 * @param events the scenario's events (any order; each id counted once)
 * @param results their results
 * @example summarizeReviews(run.scenario.events, run.outcome.results).autoAdjudicationRate // 0.95
 */
export function summarizeReviews(events: readonly Doc[], results: readonly EventResult[]): ReviewSummary {
  const docs = new Map(events.map((e) => [e.id, e]));
  const seen = new Set<string>();
  let autoDecided = 0;
  let held = 0;
  const heldByFlag: Record<string, number> = {};
  const decidedClaims = new Set<string>();
  const decisions = { approved: 0, approvedWithCuts: 0, rejected: 0, notHeld: 0 };
  const waits: number[] = [];
  for (const r of results) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    if (r.type === 'claim') {
      if (r.status !== 'held') autoDecided++;
      else {
        held++;
        for (const flag of r.flags) heldByFlag[flag] = (heldByFlag[flag] ?? 0) + 1;
      }
    }
    if (r.type !== 'reviewDecision') continue;
    if (r.reasons.some((x) => x.code === 'NOT_HELD')) {
      decisions.notHeld++;
      continue;
    }
    const decision = docs.get(r.id);
    const claim = docs.get(r.claimId);
    decidedClaims.add(r.claimId);
    if (r.status !== 'settled') decisions.rejected++;
    else {
      const codes = new Set(claim?.lines?.map((l) => l.code));
      if ((decision?.rejectedLines ?? []).some((c) => codes.has(c))) decisions.approvedWithCuts++;
      else decisions.approved++;
    }
    if (decision?.at && claim?.at) waits.push((Date.parse(decision.at) - Date.parse(claim.at)) / HOUR_MS);
  }
  waits.sort((a, b) => a - b);
  const reviewerDecided = decidedClaims.size;
  const decided = autoDecided + reviewerDecided;
  return {
    autoDecided,
    reviewerDecided,
    autoAdjudicationRate: decided === 0 ? null : autoDecided / decided,
    held,
    stillHeld: held - reviewerDecided,
    heldByFlag,
    decisions,
    waitHours: { median: quantile(waits, 0.5), p90: quantile(waits, 0.9), max: quantile(waits, 1) },
  };
}
