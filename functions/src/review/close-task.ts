/**
 * ReviewWorkflow `CloseReviewTask`: a decision resumed the review, so its task is
 * `decided` by that decision and its token removed (spent: it is kept no longer
 * than its task waits). The decision is then settled by the same steps and commit
 * as any event.
 */
import type { SealedEventDoc } from '@medins/contract';
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { WorkflowInputError } from '../shared/parse.ts';

/** The review's state once resumed (`TakeDecision`): the claim and the decision to settle. */
export interface ResumedReview {
  readonly claimId: string;
  readonly event: SealedEventDoc;
  readonly attempt: number;
}

export const create = ({ store, telemetry }: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  telemetry.wrap(async (state: ResumedReview): Promise<ResumedReview> => {
    const decision = state.event as { type?: unknown; id?: unknown; claimId?: unknown } | undefined;
    if (decision?.type !== 'reviewDecision' || typeof decision.id !== 'string' || decision.claimId !== state.claimId)
      throw new WorkflowInputError(`the review of ${state.claimId} was resumed with something other than its decision`, {
        entity: 'event',
      });
    await store.closeReviewTask(state.claimId, decision.id);
    return state;
  });

export const handler = onAws(create);
