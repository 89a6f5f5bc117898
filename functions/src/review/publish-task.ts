/**
 * ReviewWorkflow `AwaitReviewer` / `AwaitSupervisor` (`lambda:invoke.waitForTaskToken`):
 * publishes the held claim's review task where the reviewers' tool reads it, with
 * the task token a decision resumes the execution with. It returns at once; the
 * execution waits for the token (HeartbeatSeconds, TimeoutSeconds in the workflow).
 * The token is stored, never logged (telemetry.ts logs `[task token]`).
 */
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { WorkflowInputError } from '../shared/parse.ts';

/** The waiting task's payload (infra/src/workflows/review-workflow.ts). */
export interface PublishTaskInput {
  readonly taskToken: string;
  readonly claimId: string;
  readonly level: 'reviewer' | 'supervisor';
  readonly escalations: number;
}

export const create = ({ store, clock, telemetry }: Pick<HandlerDeps, 'store' | 'clock' | 'telemetry'>) =>
  telemetry.wrap(async (input: PublishTaskInput): Promise<{ readonly published: string }> => {
    const { taskToken, claimId, level, escalations } = input;
    if (typeof taskToken !== 'string' || typeof claimId !== 'string' || (level !== 'reviewer' && level !== 'supervisor'))
      throw new WorkflowInputError('a review task needs taskToken, claimId and level (reviewer or supervisor)', { entity: 'review' });
    await store.openReviewTask({ claimId, level, escalations: Number(escalations) || 0, token: taskToken, openedAt: clock.now() });
    telemetry.metrics.addMetric(level === 'reviewer' ? 'ReviewTaskPublished' : 'ReviewEscalated', 'Count', 1);
    return { published: claimId };
  });

export const handler = onAws(create);
