/**
 * infra → constructs: member notifications. Handlers publish to one encrypted SNS
 * topic through the functions' `Notifier` port; what delivers the SMS subscribes
 * to the topic (SNS itself sends no SMS in the China regions: a domestic SMS
 * provider's adapter is the subscriber). The publishers are the workflows'
 * NotifyMembers step and the renewal's page step: each publishes what its commit
 * returned, at least once, every message under its notification id, which the
 * provider deduplicates on (README "Notifications").
 */
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { HandlerFunction } from './handler-function.ts';

const NOTIFICATION_TOPIC_ARN = 'NOTIFICATION_TOPIC_ARN';

export interface NotificationsProps {
  readonly key: kms.IKey;
  /** The functions that publish: `events/notify` (NotifyMembers) and `renewal/renew-policy-page`. */
  readonly publishers: readonly HandlerFunction[];
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
    for (const publisher of props.publishers) publisher.publishesTo(this.topic, NOTIFICATION_TOPIC_ARN);
  }
}
