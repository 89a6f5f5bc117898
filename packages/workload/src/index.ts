/** @medins/workload — a seeded, reproducible city workload in the scenario contract's format. */

export { CalendarError, DrawError, WorkloadOptionError } from './errors.ts';
export { DEFAULT_MIX, mixOf, type WorkloadMix } from './mix.ts';
export { type OutcomeSummary, summarizeOutcome } from './outcome-summary.ts';
export { createRng, hashSeed, type Rng, type WeightedTable, weightedTable } from './prng.ts';
export { type ReviewSummary, summarizeReviews } from './review-summary.ts';
export { CITY_REVIEW_RULES, type ReviewDecisionInput, reviewerDecision } from './reviewers.ts';
export { summarizeWorkload, type WorkloadSummary } from './summary.ts';
export { DEFAULT_YEAR, generateWorkload, type WorkloadOptions } from './workload.ts';
