/**
 * infra → workflows: ClaimWorkflow (Express), docs/architecture.md "Workflows".
 *
 * The state (functions/src/shared/workflow-state.ts) starts as
 * `{ event, attempt: 0 }`; each step returns it whole with its part added:
 * `loaded` and `eligibility` (CheckEligibility, which loads the snapshot first;
 * `loaded.prior` present only when the event was applied before, and then no
 * eligibility), `tiers` (SettleTiers), `outcome` (DeductFromAccounts, which decides
 * the payment and commits it in one invocation; RecordRejection or
 * ReturnPriorResult), `notified` (NotifyMembers). A claim that raised review flags is
 * held: CheckEligibility adds `eligibility.flags` and the hold as `decision`,
 * DeductFromAccounts commits it (deducting nothing), and `OpenReview` starts its
 * ReviewWorkflow (`review`), also when a duplicate delivery finds it held. A caught
 * error is kept at `$.error` for RecordFailure. The execution output is the final
 * state. No step of its own loads or commits (docs/decisions.md "Load and commit
 * merged into their neighbouring steps").
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

export interface ClaimWorkflowProps {
  readonly functions: {
    readonly checkEligibility: lambda.IFunction;
    readonly settleTiers: lambda.IFunction;
    readonly deductFromAccounts: lambda.IFunction;
    readonly recordRejection: lambda.IFunction;
    readonly notify: lambda.IFunction;
    readonly openReview: lambda.IFunction;
  };
  readonly deadLetterQueue: sqs.IQueue;
  readonly key: kms.IKey;
  readonly settings: StageSettings;
  /** Below the consumer's timeout, so a stuck execution never outlives its message's receive. */
  readonly timeout: Duration;
}

export class ClaimWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: ClaimWorkflowProps) {
    super(scope, id);
    const f = props.functions;
    const done = new sfn.Succeed(this, 'ClaimDone');

    const check = lambdaStep(this, 'CheckEligibility', f.checkEligibility, 'Reads the snapshot the claim needs, then decides eligibility.');
    const reject = lambdaStep(this, 'RecordRejection', f.recordRejection, 'A rejection is an outcome: recorded once.');
    const settle = lambdaStep(this, 'SettleTiers', f.settleTiers);
    const deduct = lambdaStep(
      this,
      'DeductFromAccounts',
      f.deductFromAccounts,
      'Pays what the tiers left (a held claim: its hold, nothing paid), then commits: one TransactWriteItems.',
    );
    const notify = lambdaStep(this, 'NotifyMembers', f.notify);
    const openReview = lambdaStep(this, 'OpenReview', f.openReview, 'A held claim waits for its reviewer in the ReviewWorkflow.');

    // Both writing steps validate what the claim was decided on: a conflict at either loads and decides again.
    handleFailures(this, {
      workflow: 'ClaimWorkflow',
      deadLetterQueue: props.deadLetterQueue,
      failedState: 'ClaimFailed',
      retryState: 'ClaimWillRetry',
      reload: check,
      pinsCatalog: true,
      writers: [deduct, reject],
      steps: [check, reject, settle, deduct, notify, openReview],
    });

    // Held (nothing paid): its review opens — on the first delivery and on any later one that finds it held.
    openReview.next(done);
    const afterCommit = new sfn.Choice(this, 'IsHeld?')
      .when(sfn.Condition.stringEquals('$.outcome.result.status', 'held'), openReview)
      .otherwise(notify.next(done));
    deduct.next(afterCommit);
    // A redelivery: a held claim's review opens (again); anything else publishes what its first commit owed, again.
    const afterPrior = new sfn.Choice(this, 'WasHeld?')
      .when(sfn.Condition.stringEquals('$.outcome.result.status', 'held'), openReview)
      .otherwise(notify);

    const definition = check.next(
      new sfn.Choice(this, 'WasAlreadyApplied?')
        .when(sfn.Condition.isPresent('$.loaded.prior'), returnPriorResult(this).next(afterPrior))
        .otherwise(
          new sfn.Choice(this, 'IsEligible?')
            .when(sfn.Condition.isPresent('$.eligibility.flags'), deduct)
            .when(sfn.Condition.booleanEquals('$.eligibility.eligible', true), settle.next(deduct))
            .otherwise(reject.next(done)),
        ),
    );

    this.stateMachine = workflowStateMachine(this, {
      workflow: 'ClaimWorkflow',
      definition,
      type: sfn.StateMachineType.EXPRESS,
      timeout: props.timeout,
      key: props.key,
      settings: props.settings,
      invokes: Object.values(f),
      recordsFailures: true,
      comment: 'Settles one claim or quote: eligibility (after its load), tiers, accounts (then its one commit).',
    });
  }
}
