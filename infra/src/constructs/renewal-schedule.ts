/**
 * infra → constructs: the autumn renewal campaign, started by EventBridge
 * Scheduler at 02:00 Asia/Shanghai on 1 November within a one-hour flexible
 * window. The campaign id is fixed by the two product ids, so a retried or
 * repeated start renews nobody twice (each policy is renewed under
 * `<campaignId>/<policyId>`).
 */
import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledge } from '../nag/acknowledge.ts';

export interface RenewalCampaignProducts {
  readonly fromProductId: string;
  readonly toProductId: string;
}

export interface RenewalScheduleProps {
  readonly stateMachine: sfn.IStateMachine;
  readonly products: RenewalCampaignProducts;
  readonly enabled: boolean;
}

/** The workflow input the schedule sends: a `renewalCampaign` contract event. */
function renewalCampaignInput(products: RenewalCampaignProducts, at: string): Record<string, unknown> {
  return {
    event: {
      type: 'renewalCampaign',
      id: `renewal/${products.fromProductId}/${products.toProductId}`,
      at,
      fromProductId: products.fromProductId,
      toProductId: products.toProductId,
    },
    attempt: 0,
  };
}

export class RenewalSchedule extends Construct {
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: RenewalScheduleProps) {
    super(scope, id);
    // Our own role rather than the stack-wide singleton: scoped to this account's schedules, acknowledged here.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: starts the renewal campaign',
    });
    acknowledge(role, ['HIPAA.Security-IAMNoInlinePolicy'], 'inlinePolicy');
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `Renewal campaign ${props.products.fromProductId} → ${props.products.toProductId}`,
      schedule: scheduler.ScheduleExpression.cron({
        minute: '0',
        hour: '2',
        day: '1',
        month: '11',
        timeZone: TimeZone.ASIA_SHANGHAI,
      }),
      timeWindow: scheduler.TimeWindow.flexible(Duration.hours(1)),
      enabled: props.enabled,
      target: new StepFunctionsStartExecution(props.stateMachine, {
        role,
        input: scheduler.ScheduleTargetInput.fromObject(renewalCampaignInput(props.products, scheduler.ContextAttribute.scheduledTime)),
        retryAttempts: 5,
        maxEventAge: Duration.hours(6),
      }),
    });
  }
}
