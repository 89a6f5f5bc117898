/**
 * ops/redrive-dead-letters.ts: a dead-letter queue's messages back to their source
 * queue — a workflow's failure record unwrapped to its event; a message parked as
 * invalid (it has a reason) or not an event left for a human.
 */
import type { DeleteMessageCommand, Message, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { redriveDeadLetters } from '../../src/ops/redrive-dead-letters.ts';

const DLQ = 'https://q/claims-dlq';
const SOURCE = 'https://q/claims';

/** An SQS client whose dead-letter queue hands out `pages` of messages, then nothing. */
function fakeSqs(pages: Message[][]) {
  const sent: { input: Record<string, unknown>; kind: string }[] = [];
  const client = {
    send: async (command: ReceiveMessageCommand | SendMessageCommand | DeleteMessageCommand) => {
      const kind = command.constructor.name;
      sent.push({ kind, input: command.input as unknown as Record<string, unknown> });
      if (kind === 'ReceiveMessageCommand') return { Messages: pages.shift() ?? [] };
      return {};
    },
  } as unknown as SQSClient;
  return { client, sent };
}

describe('redriveDeadLetters', () => {
  it('sends events back (failure records unwrapped), deletes them from the DLQ, and leaves invalid messages', async () => {
    // Prepare
    const event = { type: 'claim', id: 'c1' };
    const failure = { workflow: 'ClaimWorkflow', event: { type: 'enroll', id: 'e1' }, attempt: 3, error: { Error: 'InvariantError' } };
    const sqs = fakeSqs([
      [
        { Body: JSON.stringify(event), ReceiptHandle: 'r1' },
        { Body: JSON.stringify(failure), ReceiptHandle: 'r2' },
      ],
      [
        {
          Body: JSON.stringify({ id: 'x9' }),
          ReceiptHandle: 'r3',
          MessageAttributes: { reason: { DataType: 'String', StringValue: 'invalid' } },
        },
        { Body: 'not json', ReceiptHandle: 'r4' },
        { Body: JSON.stringify({ no: 'id' }), ReceiptHandle: 'r5' },
      ],
    ]);

    // Act
    const report = await redriveDeadLetters(sqs.client, DLQ, SOURCE);

    // Assess
    expect(report).toEqual({ redriven: 2, eventIds: ['c1', 'e1'], quarantined: 3 });
    const writes = sqs.sent.filter((s) => s.kind !== 'ReceiveMessageCommand');
    expect(writes).toEqual([
      { kind: 'SendMessageCommand', input: { QueueUrl: SOURCE, MessageBody: JSON.stringify(event) } },
      { kind: 'DeleteMessageCommand', input: { QueueUrl: DLQ, ReceiptHandle: 'r1' } },
      { kind: 'SendMessageCommand', input: { QueueUrl: SOURCE, MessageBody: JSON.stringify(failure.event) } },
      { kind: 'DeleteMessageCommand', input: { QueueUrl: DLQ, ReceiptHandle: 'r2' } },
    ]);
    expect(sqs.sent.filter((s) => s.kind === 'ReceiveMessageCommand')).toHaveLength(3);
  });

  it('reports nothing for an empty dead-letter queue', async () => {
    expect(await redriveDeadLetters(fakeSqs([]).client, DLQ, SOURCE)).toEqual({ redriven: 0, eventIds: [], quarantined: 0 });
  });
});
