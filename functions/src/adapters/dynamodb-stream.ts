/** functions → adapters: the outbox table's stream records, as the outbox items they carry. */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { OutboxItem } from '@medins/store/ports';
import type { DynamoDBStreamEvent } from 'aws-lambda';

/** Each inserted outbox item with the stream's sequence number (for partial batch failures). */
export function insertedOutboxItems(event: DynamoDBStreamEvent): { item: OutboxItem; sequenceNumber: string }[] {
  const out: { item: OutboxItem; sequenceNumber: string }[] = [];
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    out.push({ item: unmarshall(record.dynamodb.NewImage as never) as OutboxItem, sequenceNumber: record.dynamodb.SequenceNumber ?? '' });
  }
  return out;
}
