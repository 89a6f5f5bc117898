/**
 * infra → constructs: the operations dashboard (`Medins-<stage>`) and the alarms
 * on saturation, built with cdk-monitoring-constructs: the HTTP API, the two
 * ingestion queues with their dead-letter queues and their oldest message's age,
 * the three workflows, every function, every table's throttles, and the business
 * metrics the handlers emit (namespace `Medins`). The alarms added here — an
 * ingestion queue's oldest message too old, a table's reads or writes throttled,
 * a function throttled — go to the same topic as the dead-letter and failed
 * execution alarms (`Alarms`), which this dashboard shows but does not repeat.
 */

import { Duration, Stack, Token } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import {
  AwsConsoleUrlFactory,
  DefaultDashboardFactory,
  MetricStatistic,
  MonitoringFacade,
  SnsAlarmActionStrategy,
} from 'cdk-monitoring-constructs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../config/handlers.ts';
import type { StageSettings } from '../config/stage.ts';

/** An ingestion queue and the dead-letter queue its redrive policy moves messages to. */
export interface MonitoredQueue {
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
}

export interface MonitoringProps {
  readonly settings: StageSettings;
  /** The alarm topic (`Alarms`): every alarm made here notifies it. */
  readonly alarmTopic: sns.ITopic;
  readonly api: apigw.IHttpApi;
  readonly queues: Readonly<Record<string, MonitoredQueue>>;
  readonly stateMachines: Readonly<Record<string, sfn.IStateMachine>>;
  /** Every function, by a readable name (its handler key). */
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  readonly tables: Readonly<Record<string, dynamodb.ITable>>;
}

/**
 * The facade without console links when the stack is in the China partition: the
 * library's links point at console.aws.amazon.com, which does not serve aws-cn
 * accounts. Elsewhere it links as the library does.
 */
class PartitionAwareFacade extends MonitoringFacade {
  override createAwsConsoleUrlFactory(): AwsConsoleUrlFactory {
    const stack = Stack.of(this);
    const china = !Token.isUnresolved(stack.region) && stack.region.startsWith('cn-');
    // An empty account id is the library's "no link" (getAwsConsoleUrl answers undefined).
    return china ? new AwsConsoleUrlFactory({ awsAccountId: '', awsAccountRegion: stack.region }) : super.createAwsConsoleUrlFactory();
  }
}

/** The business metrics of the handlers (Powertools EMF, dimension `service`), one graph each. */
const BUSINESS_METRICS = [
  {
    title: 'Events applied',
    service: 'medins-events',
    metrics: [
      ['EventApplied', 'applied'],
      ['DuplicateEvent', 'duplicate delivery (first result returned)'],
    ],
  },
  {
    title: 'Ingestion failures',
    service: 'medins-ingest',
    metrics: [
      ['EventDeadLettered', 'dead-lettered'],
      ['WorkflowFailed', 'workflow failed (retried from the queue)'],
      ['InvalidMessage', 'invalid message'],
      ['FailureNotRecorded', 'failure not recorded'],
    ],
  },
  {
    title: 'Renewal campaigns',
    service: 'medins-renewal',
    metrics: [
      ['PoliciesRenewed', 'renewed'],
      ['RenewalsFailed', 'failed'],
    ],
  },
] as const;

export class Monitoring extends Construct {
  readonly facade: MonitoringFacade;
  /** The CloudWatch dashboard's name: `Medins-<stage>`. */
  readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { settings } = props;
    const { alarms } = settings;
    const dashboardName = `Medins-${settings.stage}`;
    this.dashboardName = dashboardName;
    this.facade = new PartitionAwareFacade(this, 'Facade', {
      metricFactoryDefaults: { namespace: METRICS_NAMESPACE, period: alarms.period },
      alarmFactoryDefaults: {
        alarmNamePrefix: dashboardName,
        actionsEnabled: true,
        action: new SnsAlarmActionStrategy({ onAlarmTopic: props.alarmTopic }),
        datapointsToAlarm: 1,
        evaluationPeriods: 1,
      },
      dashboardFactory: new DefaultDashboardFactory(this, 'Dashboards', {
        dashboardNamePrefix: dashboardName,
        createDashboard: true,
        createSummaryDashboard: false,
        createAlarmDashboard: false,
        detailDashboardRange: Duration.hours(8),
      }),
    });
    const facade = this.facade;
    const throttled = { Critical: { maxErrorCount: alarms.throttles } };

    facade.addLargeHeader(`medins ${settings.stage}: API, queues, workflows, functions, tables, business metrics`);
    facade.monitorApiGatewayV2HttpApi({ api: props.api, apiStage: '$default', humanReadableName: 'HTTP API' });

    for (const [name, { queue, deadLetterQueue }] of Object.entries(props.queues)) {
      facade.monitorSqsQueueWithDlq({
        queue,
        deadLetterQueue,
        humanReadableName: `${name} queue`,
        alarmFriendlyName: `${name}-queue`,
        addQueueMaxMessageAgeAlarm: { Critical: { maxAgeInSeconds: alarms.oldestMessageAge.toSeconds() } },
      });
    }
    for (const [name, stateMachine] of Object.entries(props.stateMachines)) {
      facade.monitorStepFunction({ stateMachine, humanReadableName: name, alarmFriendlyName: name });
    }
    for (const [name, lambdaFunction] of Object.entries(props.functions)) {
      facade.monitorLambdaFunction({
        lambdaFunction,
        humanReadableName: name,
        alarmFriendlyName: name.replaceAll('/', '-'),
        addThrottlesCountAlarm: throttled,
      });
    }
    for (const [role, table] of Object.entries(props.tables)) {
      facade.monitorDynamoTable({
        table,
        humanReadableName: `${role} table`,
        alarmFriendlyName: `${role}-table`,
        addReadThrottledEventsCountAlarm: { Critical: { maxThrottledEventsThreshold: alarms.throttles } },
        addWriteThrottledEventsCountAlarm: { Critical: { maxThrottledEventsThreshold: alarms.throttles } },
      });
    }
    facade.monitorCustom({
      humanReadableName: 'Business metrics',
      alarmFriendlyName: 'business',
      metricGroups: [
        ...BUSINESS_METRICS.map((group) => ({
          title: group.title,
          metrics: group.metrics.map(([metricName, label]) => ({
            metric: facade
              .createMetricFactory()
              .createMetric(metricName, MetricStatistic.SUM, label, { service: group.service }, undefined, METRICS_NAMESPACE),
            alarmFriendlyName: metricName,
            addAlarm: {},
          })),
        })),
        {
          title: 'Claims rejected at eligibility, by reason',
          metrics: [
            {
              searchQuery: 'MetricName=~"^ClaimRejected_"',
              namespace: METRICS_NAMESPACE,
              dimensionsMap: { service: 'medins-claims' },
              statistic: MetricStatistic.SUM,
              label: '',
            },
          ],
        },
      ],
    });
  }
}
