/**
 * `CommitSettlement` / `CommitEvent`: handler → commitDecision → one
 * TransactWriteItems. A ConflictError (an item read has changed) goes back to the
 * load step; a duplicate event id returns the first result and changes nothing.
 */
import { getStore } from '../shared/store.ts';
import { metrics, withObservability } from '../shared/observability.ts';
import type { WorkflowState } from '../shared/workflow-state.ts';
import { commitDecision } from '../use-cases/commit-decision.ts';

export const handler = withObservability(async (state: WorkflowState): Promise<WorkflowState> => {
  if (!state.decision) throw new Error('the commit step needs a decision');
  const next = await commitDecision(getStore(), state, state.decision);
  metrics.addDimension('eventType', state.event.type);
  metrics.addMetric(next.outcome?.applied ? 'EventApplied' : 'DuplicateEvent', 'Count', 1);
  return next;
});
