/**
 * infra → workflows: MemberEventWorkflow (Express) for enroll, bindFamily,
 * unbindFamily, bindViewer and reverseClaim; docs/architecture.md "Workflows".
 *
 * The state starts as `{ event, attempt: 0 }`; each step returns it whole with
 * its part added: `outcome` (DecideEvent, which loads, decides and commits in one
 * invocation; or, when DecideEvent finds `loaded.prior` — the event was applied
 * before — ReturnPriorResult), `notified` (NotifyMembers); `$.error` keeps a
 * caught error (docs/decisions.md "Load and commit merged into their
 * neighbouring steps").
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
    readonly decide: lambda.IFunction;
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

    const decide = lambdaStep(this, 'DecideEvent', f.decide, 'Reads the snapshot, decides, commits: one TransactWriteItems.');
    const notify = lambdaStep(this, 'NotifyMembers', f.notify);

    handleFailures(this, {
      workflow: 'MemberEventWorkflow',
      deadLetterQueue: props.deadLetterQueue,
      failedState: 'EventFailed',
      retryState: 'EventWillRetry',
      reload: decide,
      // Loaded and decided in the writing step itself: a retry decides afresh, on the catalog then in force.
      pinsCatalog: false,
      writers: [decide],
      steps: [decide, notify],
    });

    const definition = decide.next(
      new sfn.Choice(this, 'WasAlreadyApplied?')
        .when(sfn.Condition.isPresent('$.loaded.prior'), returnPriorResult(this).next(notify))
        .otherwise(notify.next(done)),
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
