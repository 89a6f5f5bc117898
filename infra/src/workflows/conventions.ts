/**
 * infra → workflows: the conventions every workflow shares. A Lambda step hands
 * the whole state to its handler, and the handler returns the whole next state
 * (`payloadResponseOnly`, no ResultPath: the step's output is exactly what the
 * handler returned; see functions/src/shared/workflow-state.ts).
 * Transient failures are retried with jittered backoff; what is left is caught by
 * the workflow's failure path. A business rejection is never an error.
 */
import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
// The names Retry and Catch match on come from the error classes, in error-names.ts.
import { TRANSIENT_ERRORS } from './error-names.ts';

/** Commit attempts of one event: the first plus four reloads after a conflict. */
export const MAX_COMMIT_ATTEMPTS = 5;

/** 1 s, 2 s, 4 s, 8 s, each jittered: about 15 s at worst, well inside the Express time limit. */
const TRANSIENT_RETRY: sfn.RetryProps = {
  errors: [...TRANSIENT_ERRORS],
  interval: Duration.seconds(1),
  backoffRate: 2,
  maxAttempts: 4,
  jitterStrategy: sfn.JitterType.FULL,
};

/** Where a caught error is kept: RecordFailure sends it with the event. */
export const ERROR_PATH = '$.error';

/**
 * A Task state invoking one function with the whole state as payload; its output
 * is the handler's return value, retried on `TRANSIENT_ERRORS`.
 *
 * @example
 * const load = lambdaStep(this, 'LoadClaimContext', loadFn, 'Reads the snapshot.');
 */
export function lambdaStep(scope: Construct, stateName: string, fn: lambda.IFunction, comment?: string): tasks.LambdaInvoke {
  const step = new tasks.LambdaInvoke(scope, stateName, {
    lambdaFunction: fn,
    payloadResponseOnly: true,
    // The CDK default retries a different error list; ours is TRANSIENT_RETRY.
    retryOnServiceExceptions: false,
    ...(comment ? { comment } : {}),
  });
  step.addRetry(TRANSIENT_RETRY);
  return step;
}
