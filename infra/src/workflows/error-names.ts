/**
 * infra → workflows: the error names the state machines route on, in one place.
 * Step Functions matches `Retry` and `Catch` on an error's `name`; the names of
 * the errors our handlers throw are read from their classes (the store's
 * `ConflictError` and `TransientError`), so renaming a class changes the
 * workflows with it instead of silently breaking them. CDK-free: tests and the
 * local tools import it without loading aws-cdk-lib.
 */
import { ConflictError, TransientError } from '@medins/store';

/**
 * The `name` an error class gives its instances: what Step Functions sees as the
 * error of a Lambda step that throws it. Our classes set `name` as a literal
 * instance field, so it survives bundling and minification.
 *
 * @example
 * errorNameOf(ConflictError); // 'ConflictError'
 */
export function errorNameOf(ErrorClass: new (message: string) => Error): string {
  return new ErrorClass('').name;
}

/** The store's version mismatch at commit: reload and decide again (bounded by `MAX_COMMIT_ATTEMPTS`). */
export const CONFLICT_ERROR = errorNameOf(ConflictError);

/** The store's throttling, 5xx and timeouts: the same call may succeed later. */
export const TRANSIENT_ERROR = errorNameOf(TransientError);

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
 * The two ways an execution of a queue-fed workflow fails, as the queue consumer
 * (functions/src/ingest/queue-consumer.ts) reads them: `RetryFromQueue` (a transient
 * error or a run of conflicts outlived the execution's own retries: the message is
 * received again later, and reaches the dead-letter queue by the redrive policy if it
 * keeps failing) and `EventDeadLettered` (RecordFailure already put the event and the
 * reason in the dead-letter queue: the message is done). Either way an event lands in
 * the dead-letter queue once. These are the names of `Fail` states, not of classes.
 */
export const RETRY_FROM_QUEUE = 'RetryFromQueue';
export const EVENT_DEAD_LETTERED = 'EventDeadLettered';

/** Every error name of ours a workflow's `Retry`, `Catch` or `Fail` uses (besides `States.*` and `Lambda.*`). */
export const WORKFLOW_ERROR_NAMES: readonly string[] = [CONFLICT_ERROR, TRANSIENT_ERROR, RETRY_FROM_QUEUE, EVENT_DEAD_LETTERED];
