/**
 * infra → workflows: the parts both Express workflows are made of — the failure
 * path (RecordFailure → <Name>Failed), the bounded conflict loop
 * (CountConflict → CanRetryConflict?), and the state machine itself with its
 * logging and tracing settings.
 */
import { type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import type { StageSettings } from '../config/stage.ts';
import { acknowledge } from '../nag/acknowledge.ts';
import { ERROR_PATH, MAX_COMMIT_ATTEMPTS } from './conventions.ts';
import { CONFLICT_ERROR, EVENT_DEAD_LETTERED, RETRY_FROM_QUEUE, TRANSIENT_ERRORS } from './error-names.ts';

/**
 * ReturnPriorResult: the event was applied before, so the outcome is the prior
 * result, in the shape the commit gives a duplicate (`applied: false`; without
 * `committedAt`, as Step Functions parameters cannot carry a JSON null): every
 * successful execution ends with `$.outcome`. It carries the notifications the
 * first commit recorded, and NotifyMembers follows it: a redelivery after a commit
 * whose notifications may not have gone out publishes them again, under the same
 * ids (at least once; the SMS provider drops a repeat).
 */
export function returnPriorResult(scope: Construct): sfn.Pass {
  return new sfn.Pass(scope, 'ReturnPriorResult', {
    comment: 'Applied before: the prior outcome, nothing changes.',
    parameters: {
      applied: false,
      result: sfn.JsonPath.objectAt('$.loaded.prior'),
      notifications: sfn.JsonPath.listAt('$.loaded.priorNotifications'),
    },
    resultPath: '$.outcome',
  });
}

/** The `medins:workflow` metadata of each state machine. */
export type WorkflowName = 'ClaimWorkflow' | 'MemberEventWorkflow' | 'RenewalWorkflow' | 'ReviewWorkflow';

/** `<Workflow>WillRetry`: ends the execution so that the queue delivers the event again. */
function retryFromQueue(scope: Construct, stateName: string): sfn.Fail {
  return new sfn.Fail(scope, stateName, {
    comment: 'Transient: the queue delivers the event again (the redrive policy dead-letters it if it keeps failing).',
    error: RETRY_FROM_QUEUE,
    causePath: `${ERROR_PATH}.Cause`,
  });
}

/**
 * RecordFailure: the input event and the caught error go to the dead-letter queue
 * (an operator can replay the event from there), then the execution fails as
 * `EventDeadLettered` with the original cause, so the queue consumer acknowledges
 * the message instead of delivering it again.
 *
 * @example
 * const recordFailure = failurePath(this, 'ClaimWorkflow', queues.claimsDeadLetter, 'ClaimFailed');
 */
function failurePath(scope: Construct, workflow: WorkflowName, deadLetterQueue: sqs.IQueue, failStateName: string): tasks.SqsSendMessage {
  const failed = new sfn.Fail(scope, failStateName, {
    comment: 'The event is in the dead-letter queue with the reason.',
    error: EVENT_DEAD_LETTERED,
    causePath: `${ERROR_PATH}.Cause`,
  });
  const record = new tasks.SqsSendMessage(scope, 'RecordFailure', {
    queue: deadLetterQueue,
    messageBody: sfn.TaskInput.fromObject({
      workflow,
      event: sfn.JsonPath.objectAt('$.event'),
      attempt: sfn.JsonPath.numberAt('$.attempt'),
      error: sfn.JsonPath.objectAt(ERROR_PATH),
    }),
    resultPath: sfn.JsonPath.DISCARD,
    comment: 'Sends the input event and the error to the dead-letter queue.',
  });
  record.addRetry({
    errors: ['States.TaskFailed'],
    interval: Duration.seconds(1),
    backoffRate: 2,
    maxAttempts: 3,
    jitterStrategy: sfn.JitterType.FULL,
  });
  record.next(failed);
  return record;
}

/**
 * CountConflict → CanRetryConflict?: after a `ConflictError` the state is reset to
 * the event, its pinned catalog version (`pinsCatalog`) and the next attempt
 * number (keeping the last error), and the workflow
 * reloads while attempts remain; then it gives up to the queue (`giveUp`), which
 * delivers the event again later, when the hot account has calmed down.
 * A catcher sees the failed step's input: when the writing step loads too (a
 * one-step event), that input holds no version to keep, and the reload decides on
 * the catalog in force then — nothing of the failed attempt stands.
 */
export function conflictLoop(scope: Construct, reload: sfn.IChainable, giveUp: sfn.IChainable, pinsCatalog: boolean): sfn.Pass {
  const canRetry = new sfn.Choice(scope, 'CanRetryConflict?', {
    comment: `At most ${MAX_COMMIT_ATTEMPTS} commit attempts per execution.`,
  })
    .when(sfn.Condition.numberLessThan('$.attempt', MAX_COMMIT_ATTEMPTS), reload)
    .otherwise(giveUp);
  const count = new sfn.Pass(scope, 'CountConflict', {
    comment: 'Another event changed an item this one read: reload and decide again.',
    parameters: {
      event: sfn.JsonPath.objectAt('$.event'),
      // The reload decides again on the catalog the workflow started with (pinned by its first load).
      ...(pinsCatalog ? { catalogVersion: sfn.JsonPath.numberAt('$.catalogVersion') } : {}),
      attempt: sfn.JsonPath.mathAdd(sfn.JsonPath.numberAt('$.attempt'), 1),
      error: sfn.JsonPath.objectAt(ERROR_PATH),
    },
  });
  count.next(canRetry);
  return count;
}

/**
 * The failure handling of a queue-fed workflow, in one place: a `ConflictError`
 * at a writing step reloads and decides again (bounded by the conflict loop);
 * transient errors and conflicts that outlive that go back to the queue
 * (`<retryState>`); anything else is recorded in the dead-letter queue
 * (RecordFailure → `<failedState>`). Catchers are tried in this order.
 */
export function handleFailures(
  scope: Construct,
  props: {
    readonly workflow: WorkflowName;
    readonly deadLetterQueue: sqs.IQueue;
    readonly failedState: string;
    readonly retryState: string;
    /** Where a conflict goes back to: the step that loads the snapshot. */
    readonly reload: sfn.IChainable;
    /** Whether the writers' input carries the catalog version an earlier step pinned (kept by the reload). */
    readonly pinsCatalog: boolean;
    /** Steps whose commit validates the versions read. */
    readonly writers: readonly tasks.LambdaInvoke[];
    /** Every Lambda step, writers included. */
    readonly steps: readonly tasks.LambdaInvoke[];
  },
): void {
  const recordFailure = failurePath(scope, props.workflow, props.deadLetterQueue, props.failedState);
  const willRetry = retryFromQueue(scope, props.retryState);
  const onConflict = conflictLoop(scope, props.reload, willRetry, props.pinsCatalog);
  for (const step of props.writers) step.addCatch(onConflict, { errors: [CONFLICT_ERROR], resultPath: ERROR_PATH });
  for (const step of props.steps) {
    step.addCatch(willRetry, { errors: [...TRANSIENT_ERRORS, CONFLICT_ERROR], resultPath: ERROR_PATH });
    step.addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: ERROR_PATH });
  }
}

export interface WorkflowStateMachineProps {
  readonly workflow: WorkflowName;
  readonly definition: sfn.IChainable;
  readonly type: sfn.StateMachineType;
  readonly timeout: Duration;
  readonly key: kms.IKey;
  readonly settings: StageSettings;
  readonly comment: string;
  /** The functions its tasks invoke (their `<arn>:*` grants are acknowledged by name). */
  readonly invokes: readonly lambda.IFunction[];
  /** Whether RecordFailure sends to a KMS-encrypted queue. */
  readonly recordsFailures: boolean;
}

/**
 * A state machine with X-Ray tracing and ERROR-level logs to its own encrypted
 * log group, without execution data: inputs and outputs carry personal data.
 */
export function workflowStateMachine(scope: Construct, props: WorkflowStateMachineProps): sfn.StateMachine {
  const logGroup = new logs.LogGroup(scope, 'Logs', {
    retention: props.settings.logRetention,
    encryptionKey: props.key,
    removalPolicy: props.settings.removalPolicy,
  });
  const stateMachine = new sfn.StateMachine(scope, 'StateMachine', {
    definitionBody: sfn.DefinitionBody.fromChainable(props.definition),
    stateMachineType: props.type,
    timeout: props.timeout,
    tracingEnabled: true,
    logs: { destination: logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: false },
    comment: props.comment,
  });
  (stateMachine.node.defaultChild as sfn.CfnStateMachine).addMetadata('medins:workflow', props.workflow);

  acknowledge(stateMachine, ['AwsSolutions-SF1'], 'stateMachineLogs');
  acknowledge(stateMachine.role, ['AwsSolutions-IAM5[Resource::*]'], 'stateMachineWildcard');
  acknowledge(stateMachine.role, ['HIPAA.Security-IAMNoInlinePolicy'], 'inlinePolicy');
  const stack = Stack.of(scope);
  const versionFindings = [...new Set(props.invokes)].map(
    (fn) => `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
  );
  acknowledge(stateMachine.role, versionFindings, 'lambdaVersions');
  if (props.recordsFailures) {
    acknowledge(stateMachine.role, ['AwsSolutions-IAM5[Action::kms:GenerateDataKey*]'], 'sqsTaskKey');
  }
  return stateMachine;
}
