/**
 * store → accepted: the HTTP API's accept records (idempotency keys). Before it
 * queues a submission the API writes `{eventId, fingerprint, acceptedAt, status}`
 * with one conditional PutItem into the events table, under `accept|<event id>`
 * (`|` never occurs in an event id, so it cannot collide with an outcome item); a
 * second submission under the same key finds the first record instead. A quote is
 * recorded `quoted` with its answer (JSON) and never queued. The queue
 * consumer marks a record `failed`, with its reason, when the event's workflow
 * recorded a failure for good.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EventResult } from '@medins/engine';
import { asStoreError } from './dynamo.ts';
import type { AcceptRecord, EventFailure } from './ports.ts';
import type { TableNames } from './tables.ts';

/** The events-table key of an event's accept record. */
const acceptKey = (eventId: string) => `accept|${eventId}`;

const conditionFailed = (e: unknown) => (e as { name?: string }).name === 'ConditionalCheckFailedException';

function recordOf(item: Record<string, unknown>): AcceptRecord {
  return {
    eventId: String(item.eventId).slice('accept|'.length),
    fingerprint: String(item.fingerprint),
    acceptedAt: Number(item.acceptedAt),
    status: item.status === 'failed' || item.status === 'quoted' ? item.status : 'queued',
    ...(item.failure && typeof item.failure === 'object' ? { failure: item.failure as EventFailure } : {}),
    ...(typeof item.result === 'string' ? { result: JSON.parse(item.result) as EventResult } : {}),
    ...(typeof item.principal === 'string' ? { principal: item.principal } : {}),
    ...(typeof item.principalVersion === 'number' ? { principalVersion: item.principalVersion } : {}),
  };
}

export async function readAccepted(db: DynamoDBDocumentClient, tables: TableNames, eventId: string): Promise<AcceptRecord | null> {
  try {
    const out = await db.send(new GetCommand({ TableName: tables.events, Key: { eventId: acceptKey(eventId) }, ConsistentRead: true }));
    return out.Item ? recordOf(out.Item) : null;
  } catch (e) {
    throw asStoreError(e);
  }
}

/** Writes the record unless the key was accepted before: null when written, else the earlier record. */
export async function acceptSubmission(db: DynamoDBDocumentClient, tables: TableNames, record: AcceptRecord): Promise<AcceptRecord | null> {
  try {
    await db.send(
      new PutCommand({
        TableName: tables.events,
        Item: {
          eventId: acceptKey(record.eventId),
          fingerprint: record.fingerprint,
          acceptedAt: record.acceptedAt,
          // Who accepted it, under which version of their registration (audit: a grant changed later changes no record).
          ...(record.principal ? { principal: record.principal } : {}),
          ...(record.principalVersion !== undefined ? { principalVersion: record.principalVersion } : {}),
          // A quote is recorded with its answer; anything else starts queued.
          ...(record.status === 'quoted' && record.result
            ? { status: 'quoted', result: JSON.stringify(record.result) }
            : { status: 'queued' }),
        },
        ConditionExpression: 'attribute_not_exists(eventId)',
      }),
    );
    return null;
  } catch (e) {
    if (!conditionFailed(e)) throw asStoreError(e);
  }
  // The key was taken: the earlier record answers (records are never deleted, so it is there).
  return readAccepted(db, tables, record.eventId);
}

/** Marks an accepted submission failed for good; an event the API never accepted has no record and is left alone. */
export async function failAccepted(db: DynamoDBDocumentClient, tables: TableNames, eventId: string, failure: EventFailure): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tables.events,
        Key: { eventId: acceptKey(eventId) },
        UpdateExpression: 'SET #s = :failed, failure = :f',
        // Only a queued submission can fail (a quote was answered at once).
        ConditionExpression: 'attribute_exists(eventId) AND #s = :queued',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':failed': 'failed', ':f': failure, ':queued': 'queued' },
      }),
    );
  } catch (e) {
    if (!conditionFailed(e)) throw asStoreError(e);
  }
}
