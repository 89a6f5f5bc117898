/**
 * `@medins/embedded`: the production pipeline on one machine. The CDK app's
 * template on the local stack, the real handlers in its workflows, queue workers
 * in place of Lambda's event source; and the tools built on it (the pipeline
 * replay, read-back of a run).
 */

export type { LogLevel } from '@medins/functions/shared/telemetry';
export { type Audit, audit } from './chaos/audit.ts';
export { FAULT_STEPS, FaultInjector, type FaultStep } from './chaos/faults.ts';
export { addHotFamily, type HotFamily } from './chaos/hot-family.ts';
export { type CityRunOptions, type CityRunResult, runCity, WorkloadMismatchError } from './city-run.ts';
export {
  type Embedded,
  type EmbeddedOptions,
  type QueueRole,
  queueFor,
  startEmbedded,
  type Witness,
  type WorkflowRole,
} from './embedded.ts';
export { PipelineError, replayThroughPipeline, runCampaignWorkflow, sendAndWait } from './pipeline.ts';
export { type Consumer, QueueWorkers } from './queue-workers.ts';
export {
  type CommittedEvent,
  readAccounts,
  readCommitOrder,
  readEventItems,
  readLedger,
  readResults,
  resultsOf,
  serialEvents,
} from './readback.ts';
export { claimAddsUp, type Reconciliation, reconcile } from './reconcile.ts';
export {
  type RawEvent,
  type RunEventsOptions,
  type RunEventsReport,
  runEvents,
  waitForEmptyQueues,
  waitForIdleReviews,
} from './run-events.ts';
export { type Settled, Settlements } from './settlements.ts';
