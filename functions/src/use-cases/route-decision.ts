/**
 * functions → use case: where a reviewer's decision goes (the queue consumer). A
 * held claim's review waits in its ReviewWorkflow: the decision resumes it
 * (SendTaskSuccess with the decision), and the workflow settles it. Anything else
 * is decided as a one-step event (the engine answers NOT_HELD, or the first result
 * of a decision applied before). A decision that cannot be placed yet — the
 * claim's review not open yet, its task answered by another decision not yet
 * committed, a token just spent — goes back to the queue and is placed later:
 * so two decisions, or one delivered twice, settle the claim once.
 */
import { ConfigurationError } from '@medins/engine';
import type { ReviewTaskStore } from '@medins/store/ports';
import type { ReviewAnswer, ReviewDesk } from '../shared/review-desk.ts';

/** `resumed`: the review workflow settles it; `apply`: decide it as any one-step event; `wait`: deliver it again later. */
export type DecisionRoute = 'resumed' | 'apply' | 'wait';

/**
 * Routes one decision.
 *
 * @example
 * ```ts
 * const route = await routeDecision(store, reviews, { ...decisionDoc, type: 'reviewDecision' });
 * if (route === 'wait') throw new ReviewNotReadyError(…); // the queue delivers it again
 * ```
 */
export async function routeDecision(
  store: Pick<ReviewTaskStore, 'readResult' | 'readReviewTask'>,
  reviews: ReviewDesk | undefined,
  decision: ReviewAnswer['event'] & { readonly type: 'reviewDecision' },
): Promise<DecisionRoute> {
  // Applied before: its first result answers.
  if (await store.readResult(decision.id)) return 'apply';
  const task = await store.readReviewTask(decision.claimId);
  if (task?.status === 'open' && task.token) {
    if (!reviews) throw new ConfigurationError('no review workflow configured (REVIEW_WORKFLOW_ARN)', { entity: 'REVIEW_WORKFLOW_ARN' });
    return (await reviews.resume(task.token, { event: decision })) === 'resumed' ? 'resumed' : 'wait';
  }
  // Resumed by a decision: until that one is committed, another could still find the claim held.
  if (task?.status === 'decided') return task.decidedBy && !(await store.readResult(task.decidedBy)) ? 'wait' : 'apply';
  // No task yet: a held claim's review is about to open; anything else is not held.
  return (await store.readResult(decision.claimId))?.status === 'held' ? 'wait' : 'apply';
}
