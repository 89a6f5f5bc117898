/**
 * infra → constructs: member notifications. Handlers publish to one encrypted SNS
 * topic through the functions' `Notifier` port; what delivers the SMS subscribes
 * to the topic (SNS itself sends no SMS in the China regions: a domestic SMS
 * provider's adapter is the subscriber). The outbox table's stream feeds
 * `notifications/outbox-stream`, which sends whatever NotifyMembers did not;
 * records it cannot handle after its retries go to the notifications DLQ.
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { HandlerFunction } from './handler-function.ts';

const NOTIFICATION_TOPIC_ARN = 'NOTIFICATION_TOPIC_ARN';

/**
 * The stream mapping's on-failure destination, granted exactly what Lambda needs
 * to send there (SendMessage and the key's data-key calls), not CDK's SqsDlq
 * grant with its KMS action wildcards.
 */
class EncryptedQueueDestination implements lambda.IEventSourceDlq {
  private readonly queue: sqs.IQueue;
  private readonly sender: HandlerFunction;

  constructor(queue: sqs.IQueue, sender: HandlerFunction) {
    this.queue = queue;
    this.sender = sender;
  }

  bind(): lambda.DlqDestinationConfig {
    this.sender.sendsTo(this.queue);
    return { destination: this.queue.queueArn };
  }
}

export interface NotificationsProps {
  readonly key: kms.IKey;
  readonly outbox: dynamodb.ITable;
  readonly deadLetterQueue: sqs.IQueue;
  /** `events/notify`, called by the workflows. */
  readonly notify: HandlerFunction;
  /** `notifications/outbox-stream`, fed by the outbox stream. */
  readonly outboxStream: HandlerFunction;
}

export class Notifications extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'NotificationTopic', {
      displayName: 'medins member notifications',
      masterKey: props.key,
      enforceSSL: true,
    });
    (this.topic.node.defaultChild as sns.CfnTopic).addMetadata('medins:topic', 'notifications');
    props.notify.publishesTo(this.topic, NOTIFICATION_TOPIC_ARN);
    props.outboxStream.publishesTo(this.topic, NOTIFICATION_TOPIC_ARN);

    props.outboxStream.fn.addEventSource(
      new DynamoEventSource(props.outbox, {
        // Only new items are pending notifications; the "sent" updates need no work.
        filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT') })],
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(6),
        reportBatchItemFailures: true,
        onFailure: new EncryptedQueueDestination(props.deadLetterQueue, props.outboxStream),
      }),
    );
  }
}
