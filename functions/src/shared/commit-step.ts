/**
 * functions → shared: the commit that ends a deciding step (DeductFromAccounts,
 * DecideEvent): the decision goes through `commitDecision` (one
 * TransactWriteItems) and is counted by event type — `EventApplied`, or
 * `DuplicateEvent` when the event id was committed before (the first result
 * comes back and nothing changes). A `ConflictError` (an item read has changed)
 * propagates: the workflow's conflict loop goes back to the step that loads.
 */
import type { Decision } from '@medins/engine';
import type { EventStore } from '@medins/store/ports';
import { commitDecision } from '../use-cases/commit-decision.ts';
import type { Telemetry } from './telemetry.ts';
import type { WorkflowState } from './workflow-state.ts';

export async function commitAndCount(
  { store, telemetry }: { readonly store: Pick<EventStore, 'commit'>; readonly telemetry: Telemetry },
  state: WorkflowState,
  decision: Decision,
): Promise<WorkflowState> {
  const next = await commitDecision(store, state, decision);
  telemetry.metrics.addDimension('eventType', state.event.type);
  telemetry.metrics.addMetric(next.outcome?.applied ? 'EventApplied' : 'DuplicateEvent', 'Count', 1);
  return next;
}
