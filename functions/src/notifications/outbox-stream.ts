/**
 * The outbox stream: every notification written by a commit reaches this Lambda
 * through the outbox table's stream; it sends what the workflow's NotifyMembers
 * step has not sent yet (a claim on the item makes sure nothing goes out twice).
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { OutboxItem } from '@medins/store/ports';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { sendOne } from '../use-cases/notify.ts';

export const create = (deps: Pick<HandlerDeps, 'store' | 'telemetry' | 'notifier' | 'clock'>) =>
  deps.telemetry.wrap(async (event: DynamoDBStreamEvent) => {
    const failures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
      const item = unmarshall(record.dynamodb.NewImage as never) as OutboxItem;
      try {
        await sendOne(deps, item);
      } catch {
        failures.push({ itemIdentifier: record.dynamodb.SequenceNumber ?? '' });
      }
    }
    return { batchItemFailures: failures };
  });

export const handler = onAws(create);
