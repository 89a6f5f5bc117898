/**
 * Queue workers (src/queue-workers.ts): what Lambda's SQS event source does,
 * against a scripted queue — a batch handed to the consumer as an SQS event,
 * what it processed deleted, what failed made visible again after the backoff
 * times its receive count (or the whole batch, when the consumer throws), a
 * failed receive retried, and stop() letting the batch in hand finish.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { type Consumer, QueueWorkers } from '../src/queue-workers.ts';

const QUEUE_URL = 'http://sqs.local/000000000000/claims';
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:claims';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const message = (id: string, receiveCount?: number): Message => ({
  MessageId: id,
  ReceiptHandle: `rh-${id}`,
  Body: `{"id":"${id}"}`,
  MD5OfBody: `md5-${id}`,
  ...(receiveCount === undefined ? {} : { Attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '1700000000000' } }),
});

/**
 * A queue that answers each receive with the next scripted batch (or an error),
 * then long-polls empty; it records every request it is sent.
 */
class ScriptedQueue {
  readonly receives: ReceiveMessageCommand['input'][] = [];
  readonly deletes: DeleteMessageBatchCommand['input'][] = [];
  readonly visibility: ChangeMessageVisibilityBatchCommand['input'][] = [];
  receiving = 0;
  maxReceiving = 0;
  readonly #script: (Message[] | Error)[];

  constructor(script: (Message[] | Error)[]) {
    this.#script = script;
  }

  get client(): SQSClient {
    return { send: (command: unknown) => this.#send(command) } as unknown as SQSClient;
  }

  async #send(command: unknown): Promise<unknown> {
    if (command instanceof ReceiveMessageCommand) {
      this.receives.push(command.input);
      this.receiving++;
      this.maxReceiving = Math.max(this.maxReceiving, this.receiving);
      try {
        const next = this.#script.shift();
        if (next instanceof Error) throw next;
        if (next) return { Messages: next };
        await sleep(5); // a long poll that found nothing
        return {};
      } finally {
        this.receiving--;
      }
    }
    if (command instanceof DeleteMessageBatchCommand) this.deletes.push(command.input);
    else if (command instanceof ChangeMessageVisibilityBatchCommand) this.visibility.push(command.input);
    return {};
  }
}

/** Waits until `done()` holds (the workers run on their own). */
async function until(done: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the workers');
    await sleep(5);
  }
}

describe('QueueWorkers', () => {
  it('hands a batch to the consumer as an SQS event, deletes what it processed and backs off what failed', async () => {
    // Prepare: three messages; the consumer reports the second failed (its third receive).
    const queue = new ScriptedQueue([[message('m1', 1), message('m2', 3), message('m3', 1)]]);
    const events: SQSEvent[] = [];
    const consumer: Consumer = async (event) => {
      events.push(event);
      return { batchItemFailures: [{ itemIdentifier: 'm2' }] };
    };
    const processed: string[] = [];
    const failed: [string, number][] = [];
    const workers = new QueueWorkers({
      sqs: queue.client,
      queueUrl: QUEUE_URL,
      queueArn: QUEUE_ARN,
      consumer,
      concurrency: 1,
      batchSize: 10,
      retryBackoffMs: 1_500,
      processed: (body) => processed.push(body),
      failed: (body, receives) => failed.push([body, receives]),
    });
    // Act
    workers.start();
    await until(() => failed.length > 0);
    await workers.stop();
    // Assess: the request, the event the consumer saw, what was deleted and what made visible again.
    expect(queue.receives[0]).toMatchObject({ QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10 });
    expect(events).toHaveLength(1);
    expect(events[0]!.Records.map((r) => [r.messageId, r.receiptHandle, r.body, r.attributes.ApproximateReceiveCount])).toEqual([
      ['m1', 'rh-m1', '{"id":"m1"}', '1'],
      ['m2', 'rh-m2', '{"id":"m2"}', '3'],
      ['m3', 'rh-m3', '{"id":"m3"}', '1'],
    ]);
    expect(events[0]!.Records[0]).toMatchObject({ eventSource: 'aws:sqs', eventSourceARN: QUEUE_ARN, md5OfBody: 'md5-m1' });
    expect(queue.deletes).toEqual([
      {
        QueueUrl: QUEUE_URL,
        Entries: [
          { Id: '0', ReceiptHandle: 'rh-m1' },
          { Id: '1', ReceiptHandle: 'rh-m3' },
        ],
      },
    ]);
    // 1.5 s per receive, third receive: visible again in 4.5 s, rounded up.
    expect(queue.visibility).toEqual([{ QueueUrl: QUEUE_URL, Entries: [{ Id: '0', ReceiptHandle: 'rh-m2', VisibilityTimeout: 5 }] }]);
    expect(processed).toEqual(['{"id":"m1"}', '{"id":"m3"}']);
    expect(failed).toEqual([['{"id":"m2"}', 3]]);
  });

  it('fails the whole batch when the consumer throws, as Lambda reports an unhandled error', async () => {
    // Prepare: messages without attributes (a first receive), no backoff configured.
    const queue = new ScriptedQueue([[message('a'), message('b')]]);
    const failed: [string, number][] = [];
    const workers = new QueueWorkers({
      sqs: queue.client,
      queueUrl: QUEUE_URL,
      queueArn: QUEUE_ARN,
      consumer: async () => {
        throw new Error('handler crashed');
      },
      concurrency: 1,
      failed: (body, receives) => failed.push([body, receives]),
    });
    // Act
    workers.start();
    await until(() => failed.length === 2);
    await workers.stop();
    // Assess: nothing deleted; both visible again at once; one message per receive by default.
    expect(queue.receives[0]).toMatchObject({ MaxNumberOfMessages: 1 });
    expect(queue.deletes).toEqual([]);
    expect(queue.visibility).toEqual([
      {
        QueueUrl: QUEUE_URL,
        Entries: [
          { Id: '0', ReceiptHandle: 'rh-a', VisibilityTimeout: 0 },
          { Id: '1', ReceiptHandle: 'rh-b', VisibilityTimeout: 0 },
        ],
      },
    ]);
    expect(failed).toEqual([
      ['{"id":"a"}', 1],
      ['{"id":"b"}', 1],
    ]);
  });

  it('receives again after a failed receive, and processes what comes next', async () => {
    // Prepare
    const queue = new ScriptedQueue([new Error('connection reset'), [message('m1', 1)]]);
    const processed: string[] = [];
    const workers = new QueueWorkers({
      sqs: queue.client,
      queueUrl: QUEUE_URL,
      queueArn: QUEUE_ARN,
      consumer: async () => ({ batchItemFailures: [] }),
      concurrency: 1,
      processed: (body) => processed.push(body),
    });
    // Act
    workers.start();
    await until(() => processed.length === 1);
    await workers.stop();
    // Assess
    expect(processed).toEqual(['{"id":"m1"}']);
    expect(queue.receives.length).toBeGreaterThanOrEqual(2);
    expect(queue.visibility).toEqual([]);
  });

  it('runs `concurrency` workers however often it is started, and receives nothing more once stopped', async () => {
    // Prepare: a consumer that holds its batch until released.
    const queue = new ScriptedQueue([[message('slow', 1)]]);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let handed = 0;
    const processed: string[] = [];
    const workers = new QueueWorkers({
      sqs: queue.client,
      queueUrl: QUEUE_URL,
      queueArn: QUEUE_ARN,
      consumer: async () => {
        handed++;
        await held;
        return { batchItemFailures: [] };
      },
      concurrency: 3,
      processed: (body) => processed.push(body),
    });
    // Act
    workers.start().start();
    await until(() => handed === 1 && queue.receives.length >= 6);
    const stopped = workers.stop();
    release();
    await stopped;
    const receivedWhenStopped = queue.receives.length;
    await sleep(30);
    // Assess: never more than three receives at once; the batch in hand finished before stop() resolved.
    expect(queue.maxReceiving).toBeLessThanOrEqual(3);
    expect(queue.maxReceiving).toBeGreaterThanOrEqual(2);
    expect(processed).toEqual(['{"id":"slow"}']);
    expect(queue.receives.length).toBe(receivedWhenStopped);
  });
});
