/**
 * The outbox stream: every notification written by a commit reaches this Lambda
 * through the outbox table's stream; it sends what the workflow's NotifyMembers
 * step has not sent yet (a claim on the item makes sure nothing goes out twice).
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { onAws } from '../adapters/aws.ts';
import { insertedOutboxItems } from '../adapters/dynamodb-stream.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { sendOne } from '../use-cases/notify.ts';

export const create = (deps: Pick<HandlerDeps, 'store' | 'telemetry' | 'notifier' | 'clock'>) =>
  deps.telemetry.wrap(async (event: DynamoDBStreamEvent) => {
    const failures: { itemIdentifier: string }[] = [];
    for (const { item, sequenceNumber } of insertedOutboxItems(event)) {
      try {
        await sendOne(deps, item);
      } catch {
        failures.push({ itemIdentifier: sequenceNumber });
      }
    }
    return { batchItemFailures: failures };
  });

export const handler = onAws(create);
