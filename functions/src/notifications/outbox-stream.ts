/**
 * The outbox stream: every notification written by a commit reaches this Lambda
 * through the outbox table's stream; it sends what the workflow's NotifyMembers
 * step has not sent yet (a claim on the item makes sure nothing goes out twice).
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { OutboxItem } from '@medins/store';
import { getStore } from '../shared/store.ts';
import { getNotifier } from '../shared/notifier.ts';
import { withObservability } from '../shared/observability.ts';
import { sendOne } from '../use-cases/notify.ts';

export const handler = withObservability(async (event: DynamoDBStreamEvent) => {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    const item = unmarshall(record.dynamodb.NewImage as never) as OutboxItem;
    try {
      await sendOne(getStore(), getNotifier(), item);
    } catch {
      failures.push({ itemIdentifier: record.dynamodb.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures: failures };
});
