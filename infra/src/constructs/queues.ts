/**
 * infra → constructs: the ingestion queues and their dead-letter queues. Every
 * queue is encrypted with the stack's key and refuses plain HTTP. A message is
 * received at most five times before it moves to its dead-letter queue, and its
 * visibility timeout is six times the consumer's timeout (the AWS guidance for
 * Lambda event sources), so a slow batch is never handed to a second consumer.
 */
import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageSettings } from '../config/stage.ts';
import { acknowledge } from '../nag/acknowledge.ts';

/** Receives before a message is dead-lettered. */
export const MAX_RECEIVE_COUNT = 5;

export interface QueuesProps {
  readonly key: kms.IKey;
  readonly settings: StageSettings;
  /** The consumer function's timeout; the visibility timeout is six times it. */
  readonly consumerTimeout: Duration;
}

/** The largest message body (and dead-letter record) a queue of this stack accepts: 256 KiB. */
const MAX_MESSAGE_BYTES = 256 * 1024;

/** The `medins:queue` metadata of each queue, for readers of the template. */
export type QueueRole = 'claims' | 'claims-dlq' | 'enrollments' | 'enrollments-dlq';

export class Queues extends Construct {
  readonly claims: sqs.Queue;
  readonly claimsDeadLetter: sqs.Queue;
  readonly enrollments: sqs.Queue;
  readonly enrollmentsDeadLetter: sqs.Queue;

  constructor(scope: Construct, id: string, props: QueuesProps) {
    super(scope, id);
    const common = {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      // The workflow's bound (Step Functions: 256 KiB a state), not SQS's 1 MiB default: a message
      // the workflow could not carry is refused at the send, and the local emulator enforces it too.
      maxMessageSizeBytes: MAX_MESSAGE_BYTES,
      removalPolicy: props.settings.removalPolicy,
    } satisfies sqs.QueueProps;
    const deadLetter = (name: string, role: QueueRole) => {
      const queue = this.tag(new sqs.Queue(this, name, { ...common, retentionPeriod: Duration.days(14) }), role);
      acknowledge(queue, ['Serverless-SQSRedrivePolicy'], 'isDeadLetterQueue');
      return queue;
    };
    const visibilityTimeout = Duration.seconds(props.consumerTimeout.toSeconds() * 6);

    this.claimsDeadLetter = deadLetter('ClaimsDeadLetterQueue', 'claims-dlq');
    this.claims = this.tag(
      new sqs.Queue(this, 'ClaimsQueue', {
        ...common,
        visibilityTimeout,
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: this.claimsDeadLetter, maxReceiveCount: MAX_RECEIVE_COUNT },
      }),
      'claims',
    );
    this.enrollmentsDeadLetter = deadLetter('EnrollmentsDeadLetterQueue', 'enrollments-dlq');
    this.enrollments = this.tag(
      new sqs.Queue(this, 'EnrollmentsQueue', {
        ...common,
        visibilityTimeout,
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: this.enrollmentsDeadLetter, maxReceiveCount: MAX_RECEIVE_COUNT },
      }),
      'enrollments',
    );
  }

  private tag(queue: sqs.Queue, role: QueueRole): sqs.Queue {
    (queue.node.defaultChild as sqs.CfnQueue).addMetadata('medins:queue', role);
    return queue;
  }
}
