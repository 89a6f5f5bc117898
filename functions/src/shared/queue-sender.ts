/** Where submitted events are buffered: the claims queue or the enrollments queue (SQS; fauxqs locally). */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ConfigurationError } from '@medins/engine';

export type QueueName = 'claims' | 'enrollments';

export interface QueueSender {
  send(queue: QueueName, body: string): Promise<void>;
}

export function sqsSender(urls: Record<QueueName, string | undefined>, client = new SQSClient({})): QueueSender {
  return {
    async send(queue, body) {
      const url = urls[queue];
      if (!url) throw new ConfigurationError(`no URL configured for the ${queue} queue`, { entity: queue });
      await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    },
  };
}

/** Claims, quotes, reversals and reviewers' decisions go to the claims queue; enrollments and bindings to the enrollments queue. */
export const queueFor = (type: string): QueueName =>
  type === 'claim' || type === 'quote' || type === 'reverseClaim' || type === 'reviewDecision' ? 'claims' : 'enrollments';
