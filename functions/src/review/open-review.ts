/**
 * ClaimWorkflow `OpenReview`: a claim committed `held` (or found held on a
 * duplicate delivery) gets its review — the claim's ReviewWorkflow execution,
 * started once whatever the number of deliveries (named after the claim), so no
 * held claim is left without an open review.
 */
import { ConfigurationError } from '@medins/engine';
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { WorkflowInputError } from '../shared/parse.ts';
import type { WorkflowState } from '../shared/workflow-state.ts';

export const create = ({ reviews, telemetry }: Pick<HandlerDeps, 'reviews' | 'telemetry'>) =>
  telemetry.wrap(async (state: WorkflowState): Promise<WorkflowState> => {
    if (state.outcome?.result.status !== 'held')
      throw new WorkflowInputError('OpenReview needs a held claim', { entity: `events|${state.event.id}` });
    if (!reviews) throw new ConfigurationError('no review workflow configured (REVIEW_WORKFLOW_ARN)', { entity: 'REVIEW_WORKFLOW_ARN' });
    const review = await reviews.open(state.event.id);
    telemetry.metrics.addMetric(review === 'started' ? 'ReviewOpened' : 'ReviewAlreadyOpen', 'Count', 1);
    return { ...state, review };
  });

export const handler = onAws(create);
