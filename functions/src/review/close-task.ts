/**
 * ReviewWorkflow `CloseReviewTask`: a decision resumed the review, so its task is
 * `decided` by that decision and its token removed (spent: it is kept no longer
 * than its task waits). The decision is then settled by the same steps and commit
 * as any event.
 */
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { WorkflowInputError } from '../shared/parse.ts';
import type { ReviewAnswer } from '../shared/review-desk.ts';

/** The review's state once resumed: its input and the answer. */
export interface ResumedReview {
  readonly claimId: string;
  readonly escalations: number;
  readonly answer: ReviewAnswer;
}

export const create = ({ store, telemetry }: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  telemetry.wrap(async (state: ResumedReview): Promise<ResumedReview> => {
    const decision = state.answer?.event as { type?: unknown; id?: unknown; claimId?: unknown } | undefined;
    if (decision?.type !== 'reviewDecision' || typeof decision.id !== 'string' || decision.claimId !== state.claimId)
      throw new WorkflowInputError(`the review of ${state.claimId} was resumed with something other than its decision`, {
        entity: 'answer',
      });
    await store.closeReviewTask(state.claimId, decision.id);
    return state;
  });

export const handler = onAws(create);
