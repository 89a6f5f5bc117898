/**
 * infra → workflows: ReviewWorkflow (Standard: Express cannot wait), the human
 * task of a held claim (人工审核), docs/architecture.md "Workflows".
 *
 * Started once per held claim by the ClaimWorkflow's `OpenReview` (execution
 * name from the claim id) with `{ claimId, escalations: 0 }`:
 *
 * `AwaitReviewer` (`lambda:invoke.waitForTaskToken`) publishes the review task
 * with its task token where the reviewers' tool reads it, and waits. A decision
 * resumes it with SendTaskSuccess (the decision event is the task's result). No
 * heartbeat or no decision in time (`States.HeartbeatTimeout`, `States.Timeout`)
 * escalates: `Escalate` → `AwaitSupervisor`, which re-publishes the task for a
 * supervisor and, should that time out too, escalates again (counted): a review is
 * never approved by silence and never dropped.
 *
 * Resumed: `TakeDecision` → `CloseReviewTask` (the token is removed: spent) →
 * `DecideEvent` (loads, decides, commits) → `WasAlreadyApplied?` →
 * `NotifyMembers` → `ReviewDone` (a decision committed before — its step failed
 * after the write and the review reopened — goes `ReturnPriorResult →
 * NotifyMembers`: what it owed, published again under the same ids): the same function and the same one-transaction
 * commit as every member event, exactly once by the commit's conditions. A conflict
 * goes back to `DecideEvent` (bounded); a decision that cannot be settled goes to the dead-letter
 * queue with the error (`RecordDecisionFailure`) and the review opens again
 * (`ReopenReview`): the claim stays held, with an open review, until a decision
 * settles it.
 */
import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { StageSettings } from '../config/stage.ts';
import { ERROR_PATH, lambdaStep } from './conventions.ts';
import { CONFLICT_ERROR, TRANSIENT_ERRORS } from './error-names.ts';
import { conflictLoop, returnPriorResult, workflowStateMachine } from './workflow-parts.ts';

/**
 * How long a review task may wait. A task nobody has taken (the reviewers' tool
 * sends a heartbeat when a reviewer takes it, and while they work on it) escalates
 * after a working day; one taken but not decided, after three days.
 */
const REVIEW_LIMITS = { heartbeat: Duration.hours(24), timeout: Duration.hours(72) } as const;

/** The errors that escalate a waiting review: no heartbeat, no decision in time. */
const ESCALATING_ERRORS = ['States.HeartbeatTimeout', 'States.Timeout'] as const;

export interface ReviewWorkflowProps {
  readonly functions: {
    readonly publishTask: lambda.IFunction;
    readonly closeTask: lambda.IFunction;
    readonly decide: lambda.IFunction;
    readonly notify: lambda.IFunction;
  };
  /** Where a decision that could not be settled is recorded (the claims queue's: decisions arrive there). */
  readonly deadLetterQueue: sqs.IQueue;
  readonly key: kms.IKey;
  readonly settings: StageSettings;
}

export class ReviewWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: ReviewWorkflowProps) {
    super(scope, id);
    const f = props.functions;
    const done = new sfn.Succeed(this, 'ReviewDone');

    const awaiting = (stateName: string, level: 'reviewer' | 'supervisor') => {
      const step = new tasks.LambdaInvoke(this, stateName, {
        lambdaFunction: f.publishTask,
        integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: sfn.TaskInput.fromObject({
          taskToken: sfn.JsonPath.taskToken,
          claimId: sfn.JsonPath.stringAt('$.claimId'),
          level,
          escalations: sfn.JsonPath.numberAt('$.escalations'),
        }),
        heartbeatTimeout: sfn.Timeout.duration(REVIEW_LIMITS.heartbeat),
        taskTimeout: sfn.Timeout.duration(REVIEW_LIMITS.timeout),
        resultPath: '$.answer',
        retryOnServiceExceptions: false,
        comment: `Publishes the review task for a ${level} and waits for a decision (SendTaskSuccess).`,
      });
      step.addRetry({ errors: [...TRANSIENT_ERRORS], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6 });
      return step;
    };
    const awaitReviewer = awaiting('AwaitReviewer', 'reviewer');
    const awaitSupervisor = awaiting('AwaitSupervisor', 'supervisor');
    const escalate = new sfn.Pass(this, 'Escalate', {
      comment: 'No heartbeat or no decision in time: a supervisor takes the review (never a silent approval).',
      parameters: {
        claimId: sfn.JsonPath.stringAt('$.claimId'),
        escalations: sfn.JsonPath.mathAdd(sfn.JsonPath.numberAt('$.escalations'), 1),
      },
    });
    escalate.next(awaitSupervisor);
    for (const step of [awaitReviewer, awaitSupervisor])
      step.addCatch(escalate, { errors: [...ESCALATING_ERRORS], resultPath: ERROR_PATH });

    const take = new sfn.Pass(this, 'TakeDecision', {
      comment: 'The decision that resumed the review becomes the event this workflow settles.',
      parameters: { claimId: sfn.JsonPath.stringAt('$.claimId'), event: sfn.JsonPath.objectAt('$.answer.event'), attempt: 0 },
    });
    const close = lambdaStep(this, 'CloseReviewTask', f.closeTask, 'The task is decided by this decision; its token is removed.');
    const decide = lambdaStep(this, 'DecideEvent', f.decide, 'Reads the snapshot, decides, commits: one TransactWriteItems.');
    const notify = lambdaStep(this, 'NotifyMembers', f.notify);

    // A decision that cannot be settled: recorded with its error, and the review opens again.
    const reopen = new sfn.Pass(this, 'ReopenReview', {
      comment: 'The claim is still held: its review opens again (redrive the decision, or decide anew).',
      parameters: { claimId: sfn.JsonPath.stringAt('$.event.claimId'), escalations: 0 },
    });
    reopen.next(awaitReviewer);
    const recordFailure = new tasks.SqsSendMessage(this, 'RecordDecisionFailure', {
      queue: props.deadLetterQueue,
      messageBody: sfn.TaskInput.fromObject({
        workflow: 'ReviewWorkflow',
        event: sfn.JsonPath.objectAt('$.event'),
        attempt: sfn.JsonPath.numberAt('$.attempt'),
        error: sfn.JsonPath.objectAt(ERROR_PATH),
      }),
      resultPath: sfn.JsonPath.DISCARD,
      comment: 'Sends the decision and the error to the dead-letter queue.',
    });
    recordFailure.addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(1), backoffRate: 2, maxAttempts: 6 });
    recordFailure.next(reopen);

    // DecideEvent loads as well as commits: a conflict decides afresh (the catalog then in force); past the bound, the review opens again.
    decide.addCatch(conflictLoop(this, decide, recordFailure, false), { errors: [CONFLICT_ERROR], resultPath: ERROR_PATH });
    for (const step of [close, decide, notify]) step.addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: ERROR_PATH });

    const definition = awaitReviewer.next(
      take
        .next(close)
        .next(decide)
        .next(
          new sfn.Choice(this, 'WasAlreadyApplied?')
            // Applied before (its commit landed, then the step failed and the review reopened): publish what it owed, again.
            .when(sfn.Condition.isPresent('$.loaded.prior'), returnPriorResult(this).next(notify))
            .otherwise(notify.next(done)),
        ),
    );
    awaitSupervisor.next(take);

    this.stateMachine = workflowStateMachine(this, {
      workflow: 'ReviewWorkflow',
      definition,
      type: sfn.StateMachineType.STANDARD,
      // A review may wait, escalated, for as long as its claim is held: a Standard execution's year.
      timeout: Duration.days(365),
      key: props.key,
      settings: props.settings,
      invokes: Object.values(f),
      recordsFailures: true,
      comment: 'The review of one held claim: waits for a decision (escalating when none comes), then settles it once.',
    });
  }
}
