/** @medins/workload — a seeded, reproducible city workload in the scenario contract's format. */
export { generateWorkload, DEFAULT_YEAR, type WorkloadOptions } from './workload.ts';
export { DEFAULT_MIX, mixOf, type WorkloadMix } from './mix.ts';
export { summarizeWorkload, type WorkloadSummary } from './summary.ts';
export { summarizeOutcome, type OutcomeSummary } from './outcome-summary.ts';
export { CalendarError, DrawError, WorkloadOptionError } from './errors.ts';
export { createRng, hashSeed, weightedTable, type Rng, type WeightedTable } from './prng.ts';
