/**
 * notifications/outbox-stream.ts: the outbox table's stream — every inserted
 * notification is sent unless the workflow's NotifyMembers sent it already;
 * updates and removals are not notifications; a failed send is reported by its
 * sequence number so the stream delivers it again.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { OutboxItem } from '@medins/store/ports';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { create } from '../../src/notifications/outbox-stream.ts';
import { sendNotifications } from '../../src/use-cases/notify.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, settle } from '../support/scenarios.ts';

const streamRecord = (eventName: DynamoDBRecord['eventName'], item: OutboxItem, sequence: string): DynamoDBRecord => ({
  eventName,
  eventSource: 'aws:dynamodb',
  dynamodb: {
    Keys: marshall({ notificationId: item.notificationId }) as never,
    ...(eventName === 'REMOVE' ? { OldImage: marshall(item) as never } : { NewImage: marshall(item) as never }),
    SequenceNumber: sequence,
    StreamViewType: 'NEW_IMAGE',
  },
});

async function settledClaim() {
  const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
  await settle(f.store, f.event('c1'));
  const deps = testDeps(f.store);
  return { f, deps, items: f.store.outbox(), stream: create(deps) };
}

describe('outbox stream', () => {
  it('sends each inserted notification once, masked', async () => {
    const { deps, items, stream } = await settledClaim();
    const event: DynamoDBStreamEvent = { Records: items.map((item, i) => streamRecord('INSERT', item, String(i + 1))) };

    const first = await stream(event);
    const again = await stream(event);

    expect(first).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    expect(deps.notifier.sent.map((m) => [m.id, m.maskedRecipient])).toEqual([
      ['c1|m2|claimSettled', '李*'],
      ['c1|m1|familyAccountUsed', '张*'],
    ]);
  });

  it('sends nothing the workflow’s NotifyMembers sent already', async () => {
    const { deps, items, stream } = await settledClaim();
    await sendNotifications(
      deps,
      items.map((i) => i.notificationId),
    );
    const sentByWorkflow = deps.notifier.sent.length;

    await stream({ Records: items.map((item, i) => streamRecord('INSERT', item, String(i + 1))) });

    expect(deps.notifier.sent).toHaveLength(sentByWorkflow);
  });

  it('ignores MODIFY and REMOVE records (claims, releases, expiry) and records without an image', async () => {
    const { deps, items, stream } = await settledClaim();
    const noImage: DynamoDBRecord = { eventName: 'INSERT', dynamodb: { SequenceNumber: '9' } };

    const response = await stream({ Records: [streamRecord('MODIFY', items[0]!, '1'), streamRecord('REMOVE', items[1]!, '2'), noImage] });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(deps.notifier.sent).toEqual([]);
    expect((await deps.store.readOutbox(items.map((i) => i.notificationId))).map((i) => i.status)).toEqual(['pending', 'pending']);
  });

  it('reports a failed send by its sequence number and leaves it pending for the retry', async () => {
    // Prepare: the provider fails once, on the first record.
    const { deps, items, stream } = await settledClaim();
    deps.notifier.failNext();
    const event: DynamoDBStreamEvent = { Records: items.map((item, i) => streamRecord('INSERT', item, `seq-${i}`)) };

    // Act
    const response = await stream(event);

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'seq-0' }] });
    expect(deps.notifier.sent.map((m) => m.id)).toEqual(['c1|m1|familyAccountUsed']);
    expect((await deps.store.readOutbox([items[0]!.notificationId]))[0]?.status).toBe('pending');
    expect(await stream(event)).toEqual({ batchItemFailures: [] });
    expect(deps.notifier.sent.map((m) => m.id)).toEqual(['c1|m1|familyAccountUsed', 'c1|m2|claimSettled']);
  });
});
