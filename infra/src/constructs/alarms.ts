/**
 * infra → constructs: the alarms operations act on, all to one encrypted SNS
 * topic: a message in any dead-letter queue, a failed execution of any workflow.
 * Thresholds come from the stage (prod: the first one).
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { StageSettings } from '../config/stage.ts';
import { constructIdOf } from './handlers.ts';

export interface AlarmsProps {
  readonly key: kms.IKey;
  readonly settings: StageSettings;
  readonly deadLetterQueues: Readonly<Record<string, sqs.IQueue>>;
  readonly stateMachines: Readonly<Record<string, sfn.IStateMachine>>;
  /** Optional e-mail subscriber of the alarm topic (context `alarmEmail`). */
  readonly email?: string;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `medins ${props.settings.stage} alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    (this.topic.node.defaultChild as sns.CfnTopic).addMetadata('medins:topic', 'alarms');
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    const action = new SnsAction(this.topic);
    const { alarms } = props.settings;

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.add(
        new cloudwatch.Alarm(this, `${constructIdOf(name)}DeadLetters`, {
          alarmDescription: `Messages in the ${name} dead-letter queue: events that could not be applied.`,
          metric: queue.metricApproximateNumberOfMessagesVisible({ period: alarms.period, statistic: 'Maximum' }),
          threshold: alarms.deadLetterMessages,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
        action,
      );
    }
    for (const [name, stateMachine] of Object.entries(props.stateMachines)) {
      this.add(
        new cloudwatch.Alarm(this, `${name}ExecutionsFailed`, {
          alarmDescription: `${name} executions failed.`,
          metric: stateMachine.metricFailed({ period: alarms.period, statistic: 'Sum' }),
          threshold: alarms.failedExecutions,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
        action,
      );
    }
  }

  private add(alarm: cloudwatch.Alarm, action: SnsAction): void {
    alarm.addAlarmAction(action);
    this.alarms.push(alarm);
  }
}
