import { CreateQueueCommand, QueueDoesNotExist, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, localSqsClient, type SqsLocal, startSqsLocal } from '../src/index.ts';
import { expectDeliveredOnce, roundTrip } from './support/round-trip.ts';

/** A loopback port nothing listens on: a request that reached a socket would fail with ECONNREFUSED. */
const NOWHERE = 'http://127.0.0.1:9';

describe('SqsLocal.requestHandler (requests without a socket)', () => {
  let sqs: SqsLocal;
  let client: SQSClient;
  beforeAll(async () => {
    sqs = await startSqsLocal();
    client = localSqsClient(NOWHERE, 'us-east-1', { requestHandler: sqs.requestHandler });
  });
  afterAll(async () => {
    client.destroy();
    await sqs.stop();
  });

  it('sends, receives and deletes through the app itself', async () => {
    // Act
    const trip = await roundTrip(client, 'injected');
    // Assess: the queue URL names the client's endpoint (the Host header), the body survives byte for byte, the delete emptied the queue.
    expect(trip.QueueUrl).toBe(`${NOWHERE}/000000000000/injected`);
    expectDeliveredOnce(trip);
  });

  it('answers a long poll when a message arrives', async () => {
    // Prepare
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'injected-poll' }));
    // Act: the receive waits in fauxqs until the send lands.
    const polling = client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'late' }));
    const { Messages } = await polling;
    // Assess
    expect(Messages?.map((m) => m.Body)).toEqual(['late']);
  });

  it("surfaces fauxqs's error answer as the SDK's typed error", async () => {
    // Act
    const sending = client.send(new SendMessageCommand({ QueueUrl: `${NOWHERE}/000000000000/no-such-queue`, MessageBody: 'x' }));
    // Assess
    await expect(sending).rejects.toBeInstanceOf(QueueDoesNotExist);
    await expect(sending).rejects.toMatchObject({ name: 'QueueDoesNotExist', $metadata: { httpStatusCode: 400 } });
  });

  it('rejects an aborted request with AbortError, as the Node handler does', async () => {
    // Prepare
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'injected-abort' }));
    const controller = new AbortController();
    // Act: a long poll on an empty queue, aborted while it waits.
    const polling = client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }), { abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    // Assess
    await expect(polling).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('leaves the app running when a client sharing it is destroyed', async () => {
    // Prepare
    const other = new SQSClient({
      endpoint: NOWHERE,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
      requestHandler: sqs.requestHandler,
    });
    await other.send(new CreateQueueCommand({ QueueName: 'injected-shared' }));
    // Act
    other.destroy();
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'injected-shared' }));
    // Assess
    expect(QueueUrl).toBe(`${NOWHERE}/000000000000/injected-shared`);
  });
});
