/** shared/queue-sender.ts: submitted events to the claims or the enrollments queue. */
import type { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ConfigurationError } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { queueFor, sqsSender } from '../../src/shared/queue-sender.ts';

function recordingSqs() {
  const sent: SendMessageCommand[] = [];
  return { sent, client: { send: async (command: SendMessageCommand) => void sent.push(command) } as unknown as SQSClient };
}

describe('sqsSender', () => {
  it('sends the body to the queue’s URL', async () => {
    const sqs = recordingSqs();
    const sender = sqsSender({ claims: 'https://q/claims', enrollments: 'https://q/enrollments' }, sqs.client);

    await sender.send('enrollments', '{"id":"e1"}');

    expect(sqs.sent.map((c) => c.input)).toEqual([{ QueueUrl: 'https://q/enrollments', MessageBody: '{"id":"e1"}' }]);
  });

  it('throws ConfigurationError naming the queue whose URL is missing, sending nothing', async () => {
    const sqs = recordingSqs();
    const sender = sqsSender({ claims: 'https://q/claims', enrollments: undefined }, sqs.client);

    await expect(sender.send('enrollments', '{}')).rejects.toThrow(ConfigurationError);
    await expect(sender.send('enrollments', '{}')).rejects.toMatchObject({ entity: 'enrollments', code: 'CONFIGURATION_MISSING' });
    expect(sqs.sent).toEqual([]);
  });
});

describe('queueFor', () => {
  it('puts claims, quotes and reversals on the claims queue, the rest on the enrollments queue', () => {
    expect(['claim', 'quote', 'reverseClaim'].map(queueFor)).toEqual(['claims', 'claims', 'claims']);
    expect(['enroll', 'bindFamily', 'unbindFamily', 'bindViewer'].map(queueFor)).toEqual([
      'enrollments',
      'enrollments',
      'enrollments',
      'enrollments',
    ]);
  });
});
