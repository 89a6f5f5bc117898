import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localSqsClient, PortInUseError, type SqsLocal, startSqsLocal } from '../src/index.ts';

describe('startSqsLocal', () => {
  let sqs: SqsLocal;
  beforeAll(async () => {
    sqs = await startSqsLocal();
  });
  afterAll(() => sqs.stop());

  it('listens on a loopback port and reports the fauxqs version', () => {
    expect(sqs.endpoint).toBe(`http://127.0.0.1:${sqs.port}`);
    expect(sqs.version).toMatch(/^fauxqs \d+\.\d+\.\d+$/);
  });

  it('hands out queue URLs on the endpoint itself, and carries messages', async () => {
    // Prepare
    const client = localSqsClient(sqs.endpoint, 'us-east-1');
    // Act
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'roundtrip' }));
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }));
    const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
    // Assess: a resolvable URL, not fauxqs's default sqs.<region>.localhost host.
    expect(QueueUrl).toBe(`${sqs.endpoint}/000000000000/roundtrip`);
    expect(Messages?.[0]?.Body).toBe('hello');
    client.destroy();
  });

  it('names a taken port', async () => {
    await expect(startSqsLocal({ port: sqs.port })).rejects.toThrow(PortInUseError);
    await expect(startSqsLocal({ port: sqs.port })).rejects.toThrow(`port ${sqs.port} on 127.0.0.1 is already in use`);
  });
});
