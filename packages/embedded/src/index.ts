/**
 * `@medins/embedded`: the production pipeline on one machine. The CDK app's
 * template on the local stack, the real handlers in its workflows, queue workers
 * in place of Lambda's event source; and the tools built on it (the pipeline
 * replay, read-back of a run).
 */
export { startEmbedded, queueFor, type Embedded, type EmbeddedOptions, type QueueRole, type WorkflowRole } from './embedded.ts';
export type { LogLevel } from '@medins/functions/shared/telemetry';
export { drainOutbox } from './outbox.ts';
export { PipelineError, replayThroughPipeline, runCampaignWorkflow, sendAndWait } from './pipeline.ts';
export { readAccounts, readCommitOrder, readEventItems, readLedger, readResults, resultsOf, serialEvents, type CommittedEvent } from './readback.ts';
export { Settlements, type Settled } from './settlements.ts';
export { QueueWorkers, type Consumer } from './queue-workers.ts';
export { runEvents, waitForEmptyQueues, type RawEvent, type RunEventsOptions, type RunEventsReport } from './run-events.ts';
export { runCity, WorkloadMismatchError, type CityRunOptions, type CityRunResult } from './city-run.ts';
export { claimAddsUp, reconcile, type Reconciliation } from './reconcile.ts';
export { FAULT_STEPS, FaultInjector, type FaultStep } from './chaos/faults.ts';
export { addHotFamily, type HotFamily } from './chaos/hot-family.ts';
export { audit, type Audit } from './chaos/audit.ts';
