/**
 * Queue workers: what Lambda's SQS event source does on AWS, done locally. Each
 * worker long-polls the queue, hands a batch to the real consumer handler, deletes
 * what it processed and makes failed messages visible again after a short
 * backoff; the queue's redrive policy moves a message that keeps failing to its
 * dead-letter queue.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

export type Consumer = (event: SQSEvent) => Promise<SQSBatchResponse>;

export interface WorkerEvents {
  /** A message was processed and deleted. */
  processed?(body: string): void;
  /** A message failed this time (it will be received again, or go to the dead-letter queue). */
  failed?(body: string, receiveCount: number): void;
}

export interface QueueWorkerOptions extends WorkerEvents {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly consumer: Consumer;
  readonly concurrency: number;
  readonly batchSize?: number;
  /** Milliseconds before a failed message is visible again, times its receive count. */
  readonly retryBackoffMs?: number;
}

function toSqsEvent(messages: readonly Message[], queueArn: string): SQSEvent {
  return {
    Records: messages.map((m) => ({
      messageId: m.MessageId!,
      receiptHandle: m.ReceiptHandle!,
      body: m.Body ?? '',
      attributes: {
        ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
        SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: m.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: 'us-east-1',
    })),
  };
}

export class QueueWorkers {
  readonly #options: QueueWorkerOptions;
  #running = false;
  #loops: Promise<void>[] = [];

  constructor(options: QueueWorkerOptions) {
    this.#options = options;
  }

  start(): this {
    if (this.#running) return this;
    this.#running = true;
    this.#loops = Array.from({ length: this.#options.concurrency }, () => this.#loop());
    return this;
  }

  async stop(): Promise<void> {
    this.#running = false;
    await Promise.allSettled(this.#loops);
  }

  async #loop(): Promise<void> {
    const o = this.#options;
    while (this.#running) {
      let messages: Message[] = [];
      try {
        const out = await o.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: o.queueUrl,
            MaxNumberOfMessages: o.batchSize ?? 1,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
          }),
        );
        messages = out.Messages ?? [];
      } catch {
        if (!this.#running) return;
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      if (messages.length === 0) continue;
      let failedIds = new Set<string>();
      try {
        const response = await o.consumer(toSqsEvent(messages, o.queueArn));
        failedIds = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
      } catch {
        // The whole batch failed (as Lambda would report an unhandled error).
        failedIds = new Set(messages.map((m) => m.MessageId!));
      }
      const done = messages.filter((m) => !failedIds.has(m.MessageId!));
      const failed = messages.filter((m) => failedIds.has(m.MessageId!));
      if (done.length > 0) {
        await o.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: o.queueUrl,
            Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
        for (const m of done) o.processed?.(m.Body ?? '');
      }
      if (failed.length > 0) {
        await o.sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: o.queueUrl,
            Entries: failed.map((m, i) => ({
              Id: String(i),
              ReceiptHandle: m.ReceiptHandle!,
              VisibilityTimeout: Math.ceil(((o.retryBackoffMs ?? 0) * Number(m.Attributes?.ApproximateReceiveCount ?? 1)) / 1000),
            })),
          }),
        );
        for (const m of failed) o.failed?.(m.Body ?? '', Number(m.Attributes?.ApproximateReceiveCount ?? 1));
      }
    }
  }
}
