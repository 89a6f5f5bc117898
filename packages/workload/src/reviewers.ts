/**
 * The city's claims department (人工审核, generator → reviewers): the review rules
 * its world carries, and the reviewers who decide a held claim. Which claims are
 * held is known only once they run (flags are judged on the claims settled by
 * then), so the generator cannot write the decisions: whoever runs the city (the
 * main job, the chaos run) asks `reviewerDecision` when a claim comes back held
 * and sends the decision at its own instant on the timeline. Each decision draws
 * from a stream forked by the claim's id, so a held claim gets the same decision
 * in every run of a seed, whatever the order the run meets it in.
 */

import type { ScenarioInput } from '@medins/contract';
import { isoShanghai, MINUTE_MS } from './clock.ts';
import { createRng } from './prng.ts';
import type { ClaimInput, EventInput } from './types.ts';

/** Asia/Shanghai is UTC+8 all year. */
const SHANGHAI_MS = 8 * 60 * MINUTE_MS;

type ReviewRulesInput = NonNullable<ScenarioInput['review']>;
export type ReviewDecisionInput = Extract<EventInput, { type: 'reviewDecision' }>;

/**
 * The city's review rules: a 2 % audit sample, bills of ¥20,000 or more, special
 * drugs (特药) before they are paid, and re-admissions within 15 days (分解住院).
 */
export const CITY_REVIEW_RULES: ReviewRulesInput = {
  samplePercent: 2,
  valueAtLeastFen: 2_000_000,
  specialDrugsNeedApproval: true,
  readmissionDays: 15,
};

/** How reviewers decide: most held claims are approved, some rejected, a few approved without some lines. */
const OUTCOMES = [
  ['approve', 0.8],
  ['cut', 0.08],
  ['reject', 0.12],
] as const;

/**
 * How long a held claim waits, in hours: most are decided within a working day,
 * some after two or three days, a few later still (the ones a supervisor ends up
 * taking). Log-normal around 18 hours, between one hour and ten days.
 */
function waitHours(draw: () => number): number {
  return Math.min(240, Math.max(1, draw()));
}

/** Reviewers work 09:00–18:00 (Shanghai): a decision due outside those hours moves to the next 09:00 hour (its minutes kept). */
function inOfficeHours(at: number): number {
  const hour = Math.floor((at + SHANGHAI_MS) / (60 * MINUTE_MS)) % 24;
  if (hour >= 9 && hour < 18) return at;
  const toNine = ((9 - hour + 24) % 24) * 60 * MINUTE_MS;
  return at + toNine;
}

/**
 * The decision a reviewer takes on a held claim, at the claim's `at` plus the
 * time it waited. An approval that cuts lines removes one or two of the claim's
 * line codes, self-funded (`OOC`) ones first: what a medical officer strikes.
 *
 * @param seed the workload's seed: the same seed and claim give the same decision
 * @example
 * const d = reviewerDecision(heldClaim, 7); // { type: 'reviewDecision', id: 'c12-review', claimId: 'c12', ... }
 */
export function reviewerDecision(claim: Pick<ClaimInput, 'id' | 'at' | 'lines'>, seed: number): ReviewDecisionInput {
  const rng = createRng(seed, 'reviewers').fork(claim.id);
  const hours = waitHours(() => rng.logNormal(18, 1));
  const at = isoShanghai(inOfficeHours(Date.parse(claim.at) + Math.round(hours * 60) * MINUTE_MS));
  const outcome = rng.weighted(OUTCOMES);
  const base = { type: 'reviewDecision' as const, id: `${claim.id}-review`, at, claimId: claim.id };
  if (outcome === 'reject') return { ...base, decision: 'reject', rejectedLines: [] };
  if (outcome === 'approve' || claim.lines.length === 0) return { ...base, decision: 'approve', rejectedLines: [] };
  const codes = [...new Set(claim.lines.map((l) => l.code))];
  const selfFunded = new Set(claim.lines.filter((l) => l.category === 'OOC').map((l) => l.code));
  const ordered = [...rng.shuffled(codes.filter((c) => selfFunded.has(c))), ...rng.shuffled(codes.filter((c) => !selfFunded.has(c)))];
  return { ...base, decision: 'approve', rejectedLines: ordered.slice(0, Math.min(ordered.length, rng.int(1, 2))) };
}
