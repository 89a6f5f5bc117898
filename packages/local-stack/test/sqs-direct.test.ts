import {
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  InvalidMessageContents,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
  SQSServiceException,
} from '@aws-sdk/client-sqs';
import type { HttpHandler } from '@smithy/core/protocols';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localSqsClient, type SqsLocal, startSqsLocal } from '../src/index.ts';
import { expectDeliveredOnce, roundTrip } from './support/round-trip.ts';

/** A loopback port nothing listens on: a request that reached a socket would fail with ECONNREFUSED. */
const NOWHERE = 'http://127.0.0.1:9';

describe('SqsLocal.direct (fauxqs answers without a request)', () => {
  let sqs: SqsLocal;
  let client: SQSClient;
  /** Operations that went through the request handler, by X-Amz-Target. */
  const requested: string[] = [];
  beforeAll(async () => {
    sqs = await startSqsLocal();
    const counting: HttpHandler = {
      ...sqs.requestHandler,
      handle: (request, options) => {
        requested.push(String(request.headers['x-amz-target']).replace('AmazonSQS.', ''));
        return sqs.requestHandler.handle(request, options);
      },
    };
    client = localSqsClient(NOWHERE, 'us-east-1', { requestHandler: counting, direct: sqs.direct });
  });
  beforeEach(() => {
    requested.length = 0;
  });
  afterAll(async () => {
    client.destroy();
    await sqs.stop();
  });

  it('sends, receives, deletes and reads attributes without a request; CreateQueue still makes one', async () => {
    // Act
    const trip = await roundTrip(client, 'direct');
    // Assess: only CreateQueue reached the handler; the rest behaved as over the wire.
    expect(requested).toEqual(['CreateQueue']);
    expectDeliveredOnce(trip);
    expect(trip.deleted.$metadata.httpStatusCode).toBe(200);
  });

  it('hands out copies: changing a received message changes nothing in the queue', async () => {
    // Prepare
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'direct-copies', Attributes: { VisibilityTimeout: '0' } }));
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'original' }));
    const first = await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
    // Act
    first.Messages![0]!.Body = 'changed';
    const second = await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
    // Assess
    expect(second.Messages?.[0]?.Body).toBe('original');
  });

  it("keeps fauxqs's rules: receive counts and redrive to the dead-letter queue", async () => {
    // Prepare: one receive allowed, then the message goes to the dead-letter queue.
    const dlq = await client.send(new CreateQueueCommand({ QueueName: 'direct-dlq' }));
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }));
    const { QueueUrl } = await client.send(
      new CreateQueueCommand({
        QueueName: 'direct-redrive',
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: '1' }) },
      }),
    );
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'poison' }));
    const first = await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
    // Act: the consumer fails it (visible again at once), and the next receive finds it over its count.
    await client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl,
        Entries: [{ Id: '0', ReceiptHandle: first.Messages![0]!.ReceiptHandle, VisibilityTimeout: 0 }],
      }),
    );
    const again = await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
    const dead = await client.send(new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, WaitTimeSeconds: 0 }));
    // Assess
    expect(again.Messages ?? []).toEqual([]);
    expect(dead.Messages?.map((m) => m.Body)).toEqual(['poison']);
  });

  it("refuses a message over the queue's size limit, as SQS does", async () => {
    // Prepare
    const { QueueUrl } = await client.send(
      new CreateQueueCommand({ QueueName: 'direct-limit', Attributes: { MaximumMessageSize: '1024' } }),
    );
    // Act
    const atLimit = client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1024) }));
    const over = client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1025) }));
    // Assess
    await expect(atLimit).resolves.toMatchObject({ MessageId: expect.any(String) });
    await expect(over).rejects.toBeInstanceOf(SQSServiceException);
    await expect(over).rejects.toMatchObject({ name: 'InvalidParameterValue', $metadata: { httpStatusCode: 400 } });
  });

  it("surfaces fauxqs's errors as the SDK's typed errors", async () => {
    // Prepare
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'direct-text' }));
    // Act
    const missing = client.send(new SendMessageCommand({ QueueUrl: `${NOWHERE}/000000000000/no-such-queue`, MessageBody: 'x' }));
    const control = client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a\u0001b' }));
    const [a, b] = await Promise.allSettled([missing, control]);
    // Assess
    expect(a.status === 'rejected' && a.reason).toBeInstanceOf(QueueDoesNotExist);
    expect(a).toMatchObject({ reason: { name: 'QueueDoesNotExist', $metadata: { httpStatusCode: 400 } } });
    expect(b.status === 'rejected' && b.reason).toBeInstanceOf(InvalidMessageContents);
  });
});
