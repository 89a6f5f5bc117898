/**
 * One message's whole life on a fresh queue, through a client: create the queue, send,
 * receive (with its receive count), delete, read the queue's counts. What the
 * in-process SQS paths (sqs-inject.ts, sqs-direct.ts) must both get right.
 */
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { expect } from 'vitest';

/** A body with a CJK key, to check it survives byte for byte. */
const ROUND_TRIP_BODY = '{"claimId":"c-1","金额":"12.30"}';

export async function roundTrip(client: SQSClient, queueName: string) {
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: queueName }));
  const sent = await client.send(new SendMessageCommand({ QueueUrl, MessageBody: ROUND_TRIP_BODY }));
  const { Messages } = await client.send(
    new ReceiveMessageCommand({
      QueueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }),
  );
  const deleted = await client.send(
    new DeleteMessageBatchCommand({
      QueueUrl,
      Entries: (Messages ?? []).map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
    }),
  );
  const after = await client.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return { QueueUrl, sent, Messages, deleted, after };
}

/**
 * What every path must give: the one message received once with its id, body byte
 * for byte and MD5, deleted, and the queue empty after.
 */
export function expectDeliveredOnce(trip: Awaited<ReturnType<typeof roundTrip>>): void {
  const { sent, Messages, deleted, after } = trip;
  expect(Messages).toHaveLength(1);
  expect(Messages?.[0]?.MessageId).toBe(sent.MessageId);
  expect(Messages?.[0]?.Body).toBe(ROUND_TRIP_BODY);
  expect(Messages?.[0]?.MD5OfBody).toBe(sent.MD5OfMessageBody);
  expect(Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('1');
  expect(deleted.Successful).toEqual([{ Id: '0' }]);
  expect(deleted.Failed ?? []).toEqual([]);
  expect(after.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
}
