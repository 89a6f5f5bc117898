/**
 * The dead-letter redrive operations would run: every message of a dead-letter
 * queue goes back to its source queue. A workflow's failure record
 * (`{workflow, event, attempt, error}`, sent by RecordFailure) is unwrapped to the
 * event it failed on; a message the consumer parked as invalid (it carries a
 * `reason` attribute) stays: sending it again cannot fix it. Safe to run any
 * number of times: an event applied before is answered with its first result.
 */
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface RedriveReport {
  /** Messages sent back to the source queue. */
  readonly redriven: number;
  /** Event ids sent back. */
  readonly eventIds: string[];
  /** Invalid messages left in the dead-letter queue. */
  readonly quarantined: number;
}

function eventOf(body: string): { body: string; id: string } | null {
  try {
    const doc = JSON.parse(body) as { id?: unknown; event?: { id?: unknown }; workflow?: unknown; error?: unknown };
    if (doc && typeof doc === 'object' && 'workflow' in doc && 'error' in doc && doc.event && typeof doc.event.id === 'string') {
      return { body: JSON.stringify(doc.event), id: doc.event.id };
    }
    return typeof doc?.id === 'string' ? { body, id: doc.id } : null;
  } catch {
    return null;
  }
}

export async function redriveDeadLetters(sqs: SQSClient, deadLetterQueueUrl: string, sourceQueueUrl: string): Promise<RedriveReport> {
  const eventIds: string[] = [];
  let quarantined = 0;
  for (;;) {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetterQueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        VisibilityTimeout: 600,
      }),
    );
    const messages = out.Messages ?? [];
    if (messages.length === 0) break;
    for (const m of messages) {
      const event = m.MessageAttributes?.reason ? null : eventOf(m.Body ?? '');
      if (!event) {
        quarantined++; // stays invisible for this pass, and in the queue for a human
        continue;
      }
      await sqs.send(new SendMessageCommand({ QueueUrl: sourceQueueUrl, MessageBody: event.body }));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: deadLetterQueueUrl, ReceiptHandle: m.ReceiptHandle! }));
      eventIds.push(event.id);
    }
  }
  return { redriven: eventIds.length, eventIds, quarantined };
}
