/**
 * `CommitSettlement` / `CommitEvent`: handler → commitDecision → one
 * TransactWriteItems. A ConflictError (an item read has changed) goes back to the
 * load step; a duplicate event id returns the first result and changes nothing.
 */
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { WorkflowInputError } from '../shared/parse.ts';
import type { WorkflowState } from '../shared/workflow-state.ts';
import { commitDecision } from '../use-cases/commit-decision.ts';

export const create = ({ store, telemetry }: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  telemetry.wrap(async (state: WorkflowState): Promise<WorkflowState> => {
    if (!state.decision) throw new WorkflowInputError('the commit step needs a decision', { entity: 'decision' });
    const next = await commitDecision(store, state, state.decision);
    telemetry.metrics.addDimension('eventType', state.event.type);
    telemetry.metrics.addMetric(next.outcome?.applied ? 'EventApplied' : 'DuplicateEvent', 'Count', 1);
    return next;
  });

export const handler = onAws(create);
