/**
 * The queue consumer (claims queue and enrollments queue): one workflow execution
 * per message, keyed by the event id, with partial batch failure reporting.
 * handler → validate (zod) → start the workflow and wait (Express sync) → report.
 * A duplicate delivery is harmless (the commit is conditional on the event id),
 * and the Powertools idempotency record spares it a second workflow run. A
 * message that is not a valid event is parked in the dead-letter queue with the
 * reason at once: retrying cannot fix it. An execution that recorded its own failure
 * in the dead-letter queue (`EventDeadLettered`) is acknowledged; any other failure
 * is reported, so the queue delivers the event again.
 */
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ContractError, parseEvent, parseJsonText } from '@medins/contract';
import { logger, metrics, withObservability } from '../shared/observability.ts';
import { EVENT_DEAD_LETTERED, sfnStarter, workflowFor, type WorkflowStarter } from '../shared/workflow-starter.ts';

export class WorkflowFailedError extends Error {
  override readonly name = 'WorkflowFailedError';
}

export interface ConsumerOptions {
  readonly starter: WorkflowStarter;
  /** Where invalid messages are parked; unset: they fail and reach the DLQ by redrive policy. */
  readonly deadLetterQueueUrl?: string;
  readonly sqs?: SQSClient;
  /** Powertools idempotency table; unset: no idempotency record (the commit is idempotent anyway). */
  readonly idempotencyTable?: string;
}

export function createConsumer(options: ConsumerOptions) {
  const sqs = options.sqs ?? new SQSClient({});

  async function processEvent(doc: { id: string; type: string }): Promise<{ eventId: string; status: string }> {
    const run = await options.starter.run(workflowFor(doc.type), { event: doc as never, attempt: 0 }, doc.id);
    if (run.status === 'FAILED' && run.error === EVENT_DEAD_LETTERED) {
      // The workflow put the event and the reason in the dead-letter queue: delivering it again would record it twice.
      logger.warn('event dead-lettered by its workflow', { eventId: doc.id, cause: run.cause });
      metrics.addMetric('EventDeadLettered', 'Count', 1);
      return { eventId: doc.id, status: 'deadLettered' };
    }
    if (run.status !== 'SUCCEEDED') {
      metrics.addMetric('WorkflowFailed', 'Count', 1);
      throw new WorkflowFailedError(`workflow for ${doc.id} ended ${run.status}: ${run.error ?? ''}`);
    }
    const output = run.output as { outcome?: { result?: { status?: string } }; loaded?: { prior?: { status?: string } } } | undefined;
    return { eventId: doc.id, status: output?.outcome?.result?.status ?? output?.loaded?.prior?.status ?? 'done' };
  }

  const processOnce = options.idempotencyTable
    ? makeIdempotent(processEvent, {
        persistenceStore: new DynamoDBPersistenceLayer({ tableName: options.idempotencyTable }),
        config: new IdempotencyConfig({ eventKeyJmesPath: 'id', expiresAfterSeconds: 24 * 3600 }),
      })
    : processEvent;

  async function park(record: SQSRecord, reason: string): Promise<void> {
    if (!options.deadLetterQueueUrl) throw new Error(`invalid message ${record.messageId}: ${reason}`);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: options.deadLetterQueueUrl,
        MessageBody: record.body,
        MessageAttributes: { reason: { DataType: 'String', StringValue: reason.slice(0, 1000) } },
      }),
    );
  }

  const recordHandler = async (record: SQSRecord) => {
    let doc: { id: string; type: string };
    try {
      const json = parseJsonText(record.body, 'message');
      parseEvent(json); // validates; the workflow parses again at each step
      doc = json as typeof doc;
    } catch (e) {
      if (!(e instanceof ContractError)) throw e;
      logger.warn('invalid message parked in the dead-letter queue', { messageId: record.messageId, reason: e.message });
      metrics.addMetric('InvalidMessage', 'Count', 1);
      await park(record, e.message);
      return;
    }
    return processOnce(doc);
  };

  const processor = new BatchProcessor(EventType.SQS);
  return (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, recordHandler, processor, { context: context as Context });
}

let consumer: ReturnType<typeof createConsumer> | null = null;

export const handler = withObservability((event: SQSEvent, context: unknown) => {
  consumer ??= createConsumer({
    starter: sfnStarter(),
    ...(process.env.DEAD_LETTER_QUEUE_URL ? { deadLetterQueueUrl: process.env.DEAD_LETTER_QUEUE_URL } : {}),
    ...(process.env.MEDINS_TABLE_IDEMPOTENCY ? { idempotencyTable: process.env.MEDINS_TABLE_IDEMPOTENCY } : {}),
  });
  return consumer(event, context as Context);
});
