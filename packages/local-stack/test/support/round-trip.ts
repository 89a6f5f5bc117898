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

/** A body with a CJK key, to check it survives byte for byte. */
export const ROUND_TRIP_BODY = '{"claimId":"c-1","金额":"12.30"}';

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
