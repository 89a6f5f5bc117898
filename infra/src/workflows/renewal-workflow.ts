/**
 * infra → workflows: RenewalWorkflow (Standard), started each autumn by
 * EventBridge Scheduler; docs/architecture.md "Workflows".
 *
 * A paged loop rather than a Distributed Map: the local interpreter runs it as is,
 * and a page is only a cursor plus policy keys, so the state stays small. Every
 * policy is renewed under the event id `<campaignId>/<policyId>`, so re-running a
 * page, or redriving a failed execution from its failed step (Standard workflows
 * can be redriven), renews nobody twice. No Catch: an unrecoverable error fails
 * the execution (alarmed), and a redrive resumes at the page that failed.
 *
 * The state (functions/src/renewal/campaign-state.ts): the input is
 * `{ event: <renewalCampaign event>, attempt: 0 }`; StartCampaign returns
 * `{ event, report, walked }`, ListPolicyPage adds `page: { policies, cursor? }`
 * (`cursor` absent on the last page), RenewPolicyPage empties the page and adds to
 * the report, FinishCampaign records the report and adds `result`.
 *
 * Bound: a Standard execution keeps at most 25,000 history events and each page
 * costs 12 (two Lambda task states of 5 events, a Choice of 2), so one execution
 * walks about 2,000 pages: at `POLICY_PAGE_SIZE` policies a page (about 200 bytes
 * each in the state, which is limited to 256 KB) that is a million policies per
 * product campaign.
 */
import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageSettings } from '../config/stage.ts';
import { lambdaStep } from './conventions.ts';
import { workflowStateMachine } from './workflow-parts.ts';

export interface RenewalWorkflowProps {
  readonly functions: {
    readonly startCampaign: lambda.IFunction;
    readonly listPolicyPage: lambda.IFunction;
    readonly renewPolicyPage: lambda.IFunction;
    readonly finishCampaign: lambda.IFunction;
  };
  readonly key: kms.IKey;
  readonly settings: StageSettings;
}

export class RenewalWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: RenewalWorkflowProps) {
    super(scope, id);
    const f = props.functions;
    const start = lambdaStep(this, 'StartCampaign', f.startCampaign);
    const list = lambdaStep(this, 'ListPolicyPage', f.listPolicyPage, 'One page of the byCreation index.');
    const renew = lambdaStep(this, 'RenewPolicyPage', f.renewPolicyPage, 'Renews or reminds each policy once.');
    const finish = lambdaStep(this, 'FinishCampaign', f.finishCampaign);
    const done = new sfn.Succeed(this, 'CampaignDone');

    const definition = start
      .next(list)
      .next(renew)
      .next(new sfn.Choice(this, 'MorePages?').when(sfn.Condition.isPresent('$.page.cursor'), list).otherwise(finish.next(done)));

    this.stateMachine = workflowStateMachine(this, {
      workflow: 'RenewalWorkflow',
      definition,
      type: sfn.StateMachineType.STANDARD,
      timeout: Duration.hours(12),
      key: props.key,
      settings: props.settings,
      invokes: Object.values(f),
      recordsFailures: false,
      comment: 'Offers every policy of one product year the next year, page by page.',
    });
  }
}
