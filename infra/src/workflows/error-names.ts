/**
 * infra → workflows: the error names the state machines route on. Step Functions
 * matches `Retry` and `Catch` on an error's `name`, and the queue consumer reads
 * the `Fail` states' names; all of them come from the one list the handlers use
 * (functions/src/shared/workflow-errors.ts, which takes the store's ConflictError
 * and TransientError names from their classes), so renaming a class changes the
 * workflows with it instead of silently breaking them. CDK-free: tests import it
 * without loading aws-cdk-lib.
 */
import { WORKFLOW_ERRORS } from '@medins/functions/shared/workflow-errors';

/** The store's version mismatch at commit: reload and decide again (bounded by `MAX_COMMIT_ATTEMPTS`). */
export const CONFLICT_ERROR: string = WORKFLOW_ERRORS.conflict;

/** The store's throttling, 5xx and timeouts: the same call may succeed later. */
export const TRANSIENT_ERROR: string = WORKFLOW_ERRORS.transient;

/** The Lambda service's own failures, worth another try like a `TransientError`. */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
] as const;

/** Errors worth another try: the store's `TransientError` and the Lambda service's failures. */
export const TRANSIENT_ERRORS: readonly string[] = [TRANSIENT_ERROR, ...LAMBDA_SERVICE_ERRORS];

/**
 * `<Workflow>WillRetry` fails with this: a transient error or a run of conflicts
 * outlived the execution's own retries, and the queue delivers the event again.
 */
export const RETRY_FROM_QUEUE: string = WORKFLOW_ERRORS.retryFromQueue;

/** `<Workflow>Failed` fails with this: RecordFailure already put the event in the dead-letter queue. */
export const EVENT_DEAD_LETTERED: string = WORKFLOW_ERRORS.deadLettered;
