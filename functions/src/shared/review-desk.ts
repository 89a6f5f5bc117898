/**
 * The reviewers' side of Step Functions (人工审核): a held claim's review is a
 * Standard execution of the ReviewWorkflow (Express cannot wait), named after the
 * claim, so opening it twice opens it once; a decision resumes its waiting task
 * with SendTaskSuccess. On AWS through the Step Functions API; locally the
 * embedded stack runs the same definition and answers its own task tokens.
 */
import { createHash } from 'node:crypto';
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { SealedEventDoc } from '@medins/contract';

/** What a review execution starts with. */
export interface ReviewInput {
  readonly claimId: string;
  readonly escalations: number;
}

/** What a resumed review's waiting task returns: the decision event, as queued (sealed). */
export interface ReviewAnswer {
  readonly event: SealedEventDoc;
}

export interface ReviewDesk {
  /** Starts the claim's review; `exists` when it was started before (running or done): nothing new starts. */
  open(claimId: string): Promise<'started' | 'exists'>;
  /**
   * Answers a waiting review task with the decision; `stale` when that task no
   * longer waits (answered by another decision, timed out and escalated): the
   * caller reads the claim's task again later.
   */
  resume(token: string, answer: ReviewAnswer): Promise<'resumed' | 'stale'>;
}

/**
 * The execution name of a claim's review: a claim id may hold characters an
 * execution name may not (`:` of a scoped id) and be longer than 80, so its SHA-256.
 * @example reviewExecutionName('svc-h1:c1') // 'review-' + 64 hex digits
 */
export function reviewExecutionName(claimId: string): string {
  return `review-${createHash('sha256').update(claimId, 'utf8').digest('hex').slice(0, 64)}`;
}

/** The errors Step Functions answers a task response with when the task no longer waits. */
const STALE_TOKEN = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

export function sfnReviewDesk(stateMachineArn: string, client = new SFNClient({})): ReviewDesk {
  return {
    async open(claimId) {
      const input: ReviewInput = { claimId, escalations: 0 };
      try {
        await client.send(new StartExecutionCommand({ stateMachineArn, name: reviewExecutionName(claimId), input: JSON.stringify(input) }));
        return 'started';
      } catch (e) {
        // Same name: this claim's review was started before (a running one with the same input answers success).
        if ((e as { name?: string }).name === 'ExecutionAlreadyExists') return 'exists';
        throw e;
      }
    },
    async resume(token, answer) {
      try {
        await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(answer) }));
        return 'resumed';
      } catch (e) {
        if (STALE_TOKEN.has((e as { name?: string }).name ?? '')) return 'stale';
        throw e;
      }
    },
  };
}
