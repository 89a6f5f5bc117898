/** ClaimWorkflow `RecordRejection`: a claim rejected at eligibility is recorded once, changing nothing else. */
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { WorkflowInputError } from '../shared/parse.ts';
import type { WorkflowState } from '../shared/workflow-state.ts';
import { commitDecision } from '../use-cases/commit-decision.ts';

export const create = ({ store, telemetry }: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  telemetry.wrap(async (state: WorkflowState): Promise<WorkflowState> => {
    const result = state.eligibility?.result;
    if (!result) throw new WorkflowInputError('RecordRejection needs the eligibility result', { entity: 'eligibility' });
    return commitDecision(store, state, { result, changes: [], notifications: [] });
  });

export const handler = onAws(create);
