/** ClaimWorkflow `RecordRejection`: a claim rejected at eligibility is recorded once, changing nothing else. */
import { getStore } from '../shared/store.ts';
import { withObservability } from '../shared/observability.ts';
import type { WorkflowState } from '../shared/workflow-state.ts';
import { commitDecision } from '../use-cases/commit-decision.ts';

export const handler = withObservability(async (state: WorkflowState): Promise<WorkflowState> => {
  const result = state.eligibility?.result;
  if (!result) throw new Error('RecordRejection needs the eligibility result');
  return commitDecision(getStore(), state, { result, changes: [], notifications: [] });
});
