/**
 * infra → constructs: the two queue consumers. Both run `ingest/queue-consumer`;
 * each message becomes one synchronous Express execution (StartSyncExecution),
 * and a failed execution is reported as a failed batch item, so the message goes
 * back to its queue and, after five receives, to the dead-letter queue.
 *
 * Routing (in the handler): the claims queue carries claims and quotes
 * (→ ClaimWorkflow) and reversals (→ MemberEventWorkflow); the enrollments queue
 * carries enrollments and bindings (→ MemberEventWorkflow).
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { ConsumerConcurrency, StageSettings } from '../config/stage.ts';
import type { TableRole } from '../config/tables.ts';
import { acknowledge } from '../nag/acknowledge.ts';
import { HandlerFunction } from './handler-function.ts';
import { MAX_RECEIVE_COUNT } from './queues.ts';

/** Messages per invocation: the consumer starts them in parallel, each a sync execution. */
const CONSUMER_BATCH_SIZE = 10;

const CLAIM_WORKFLOW_ARN = 'CLAIM_WORKFLOW_ARN';
const MEMBER_EVENT_WORKFLOW_ARN = 'MEMBER_EVENT_WORKFLOW_ARN';
const DEAD_LETTER_QUEUE_URL = 'DEAD_LETTER_QUEUE_URL';

export interface IngestProps {
  readonly settings: StageSettings;
  readonly key: kms.IKey;
  readonly tables: Readonly<Record<TableRole, dynamodb.ITable>>;
  readonly claimsQueue: sqs.IQueue;
  readonly claimsDeadLetterQueue: sqs.IQueue;
  readonly enrollmentsQueue: sqs.IQueue;
  readonly enrollmentsDeadLetterQueue: sqs.IQueue;
  readonly claimWorkflow: sfn.IStateMachine;
  readonly memberEventWorkflow: sfn.IStateMachine;
}

export class Ingest extends Construct {
  readonly claimsConsumer: HandlerFunction;
  readonly enrollmentsConsumer: HandlerFunction;

  constructor(scope: Construct, id: string, props: IngestProps) {
    super(scope, id);
    const { concurrency } = props.settings;

    this.claimsConsumer = this.consumer('ClaimsConsumer', 'claims', props, props.claimsQueue, concurrency.claimsConsumer)
      .startsSync(props.claimWorkflow, CLAIM_WORKFLOW_ARN)
      .startsSync(props.memberEventWorkflow, MEMBER_EVENT_WORKFLOW_ARN)
      // A message that is not a valid event is parked there at once, with the reason.
      .sendsTo(props.claimsDeadLetterQueue, DEAD_LETTER_QUEUE_URL);

    this.enrollmentsConsumer = this.consumer(
      'EnrollmentsConsumer',
      'enrollments',
      props,
      props.enrollmentsQueue,
      concurrency.enrollmentsConsumer,
    )
      .startsSync(props.memberEventWorkflow, MEMBER_EVENT_WORKFLOW_ARN)
      .sendsTo(props.enrollmentsDeadLetterQueue, DEAD_LETTER_QUEUE_URL);

    // The redrive policy's count: a message failing on that receive is dead-lettered by SQS, and the
    // consumer marks its event failed for good first, so its route never says "queued" for ever.
    for (const consumer of [this.claimsConsumer, this.enrollmentsConsumer])
      consumer.fn.addEnvironment('MAX_RECEIVE_COUNT', String(MAX_RECEIVE_COUNT));
  }

  private consumer(
    id: string,
    queueRole: 'claims' | 'enrollments',
    props: IngestProps,
    queue: sqs.IQueue,
    concurrency: ConsumerConcurrency,
  ): HandlerFunction {
    const consumer = new HandlerFunction(this, id, {
      handlerKey: 'ingest/queue-consumer',
      description: `Consumes the ${queueRole} queue: one synchronous Express execution per message.`,
      settings: props.settings,
      key: props.key,
      tables: props.tables,
      reservedConcurrency: concurrency.reserved,
    });
    (consumer.fn.node.defaultChild as lambda.CfnFunction).addMetadata('medins:consumes', queueRole);
    consumer.fn.addEventSource(
      new SqsEventSource(queue, {
        batchSize: CONSUMER_BATCH_SIZE,
        maxConcurrency: concurrency.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    for (const mapping of consumer.fn.node.children.filter((c) => c instanceof lambda.EventSourceMapping)) {
      acknowledge(mapping, ['Serverless-LambdaEventSourceMappingDestination'], 'sqsNoDestination');
    }
    return consumer;
  }
}
