/**
 * Draining the outbox locally: on AWS every outbox insert reaches the
 * outbox-stream Lambda through the table's stream. DynamoDB Local has streams
 * but no Lambda to poll them, so the embedded stack hands the real handler the
 * still-pending items as the stream's INSERT records would carry them.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { LocalHandler } from '@medins/local-stack';
import type { OutboxItem, Store } from '@medins/store';

const BATCH = 100;

/** Sends what is still pending; returns how many items were handed to the stream handler. */
export async function drainOutbox(store: Store, outboxStream: LocalHandler): Promise<number> {
  const pending = (await store.scanAll<OutboxItem>('outbox')).filter((i) => i.status === 'pending');
  for (let i = 0; i < pending.length; i += BATCH) {
    const records = pending.slice(i, i + BATCH).map((item, n) => ({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      dynamodb: { NewImage: marshall(item, { removeUndefinedValues: true }), SequenceNumber: String(i + n) },
    }));
    await outboxStream({ Records: records }, undefined as never);
  }
  return pending.length;
}
