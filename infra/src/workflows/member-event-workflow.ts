/**
 * infra → workflows: MemberEventWorkflow (Express) for enroll, bindFamily,
 * unbindFamily, bindViewer and reverseClaim; docs/architecture.md "Workflows".
 *
 * The state starts as `{ event, attempt: 0 }`; each step returns it whole with
 * its part added: `loaded` (LoadEventContext; `loaded.prior` present only when
 * applied before), `decision` (DecideEvent), `outcome` (CommitEvent or
 * ReturnPriorResult), `notified` (NotifyMembers); `$.error` keeps a caught error.
 */
import type { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageSettings } from '../config/stage.ts';
import { lambdaStep } from './conventions.ts';
import { handleFailures, returnPriorResult, workflowStateMachine } from './workflow-parts.ts';

export interface MemberEventWorkflowProps {
  readonly functions: {
    readonly loadContext: lambda.IFunction;
    readonly decide: lambda.IFunction;
    readonly commit: lambda.IFunction;
    readonly notify: lambda.IFunction;
  };
  readonly deadLetterQueue: sqs.IQueue;
  readonly key: kms.IKey;
  readonly settings: StageSettings;
  readonly timeout: Duration;
}

export class MemberEventWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: MemberEventWorkflowProps) {
    super(scope, id);
    const f = props.functions;
    const done = new sfn.Succeed(this, 'EventDone');

    const load = lambdaStep(this, 'LoadEventContext', f.loadContext, 'Reads the snapshot the event needs.');
    const decide = lambdaStep(this, 'DecideEvent', f.decide);
    const commit = lambdaStep(this, 'CommitEvent', f.commit, 'One TransactWriteItems.');
    const notify = lambdaStep(this, 'NotifyMembers', f.notify);

    handleFailures(this, {
      workflow: 'MemberEventWorkflow',
      deadLetterQueue: props.deadLetterQueue,
      failedState: 'EventFailed',
      retryState: 'EventWillRetry',
      reload: load,
      writers: [commit],
      steps: [load, decide, commit, notify],
    });

    const definition = load.next(
      new sfn.Choice(this, 'WasAlreadyApplied?')
        .when(sfn.Condition.isPresent('$.loaded.prior'), returnPriorResult(this).next(notify))
        .otherwise(decide.next(commit).next(notify).next(done)),
    );

    this.stateMachine = workflowStateMachine(this, {
      workflow: 'MemberEventWorkflow',
      definition,
      type: sfn.StateMachineType.EXPRESS,
      timeout: props.timeout,
      key: props.key,
      settings: props.settings,
      invokes: Object.values(f),
      recordsFailures: true,
      comment: 'Applies one member event: enrollment, family or viewer binding, claim reversal.',
    });
  }
}
