/**
 * functions → shared: the error names the workflows route on, in one list. The
 * store's ConflictError and TransientError, the steps' WorkflowInputError, and
 * the two ways an execution of a queue-fed workflow ends in failure, as the queue
 * consumer reads them (infra/src/workflows imports this list for Retry, Catch and
 * Fail states).
 */
import { WORKFLOW_ERROR_NAMES } from '@medins/store/errors';
import { WorkflowInputError } from './parse.ts';

export const WORKFLOW_ERRORS = {
  ...WORKFLOW_ERROR_NAMES,
  invalidInput: new WorkflowInputError('').name,
  /**
   * A transient error or a run of conflicts outlived the execution's own retries:
   * the message is received again later, and reaches the dead-letter queue by the
   * redrive policy if it keeps failing.
   */
  retryFromQueue: 'RetryFromQueue',
  /** RecordFailure already put the event and the reason in the dead-letter queue: the message is done. */
  deadLettered: 'EventDeadLettered',
} as const;
