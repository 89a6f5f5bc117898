/** adapters/dynamodb-stream.ts: the outbox stream's records as the items they insert; other records are not notifications. */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { insertedOutboxItems } from '../../src/adapters/dynamodb-stream.ts';

const item = {
  notificationId: 'c1|m1|claimSettled',
  eventId: 'c1',
  to: 'm1',
  kind: 'claimSettled',
  aboutId: null,
  amountFen: 100,
  status: 'pending',
  createdAt: 1,
};

describe('insertedOutboxItems', () => {
  it('unmarshals each inserted item with its sequence number, and skips MODIFY, REMOVE and image-less records', () => {
    // Prepare
    const image = marshall(item, { removeUndefinedValues: true }) as never;
    const event = {
      Records: [
        { eventName: 'INSERT', dynamodb: { NewImage: image, SequenceNumber: '7' } },
        { eventName: 'MODIFY', dynamodb: { NewImage: image, SequenceNumber: '8' } },
        { eventName: 'REMOVE', dynamodb: { SequenceNumber: '9' } },
        { eventName: 'INSERT', dynamodb: { SequenceNumber: '10' } },
      ],
    } as unknown as DynamoDBStreamEvent;
    // Act
    const out = insertedOutboxItems(event);
    // Assess
    expect(out).toEqual([{ item, sequenceNumber: '7' }]);
  });
});
