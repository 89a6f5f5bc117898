/**
 * store → reviews: the review tasks of held claims (人工审核) in the events table,
 * under `review|<claim id>` (`|` never occurs in an event id, so it cannot collide
 * with an outcome item). The ReviewWorkflow publishes a task with its Step
 * Functions task token; a decision's resume closes it and removes the token, so a
 * token is kept exactly as long as its task waits.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { asStoreError } from './dynamo.ts';
import type { ReviewTask } from './ports.ts';
import type { TableNames } from './tables.ts';

/** The events-table key of a claim's review task. */
const reviewKey = (claimId: string): string => `review|${claimId}`;

export async function openReviewTask(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  task: Omit<ReviewTask, 'status' | 'decidedBy'> & { readonly token: string },
): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tables.events,
        Item: {
          eventId: reviewKey(task.claimId),
          level: task.level,
          status: 'open',
          openedAt: task.openedAt,
          escalations: task.escalations,
          token: task.token,
        },
      }),
    );
  } catch (e) {
    throw asStoreError(e);
  }
}

export async function readReviewTask(db: DynamoDBDocumentClient, tables: TableNames, claimId: string): Promise<ReviewTask | null> {
  try {
    const out = await db.send(new GetCommand({ TableName: tables.events, Key: { eventId: reviewKey(claimId) }, ConsistentRead: true }));
    const i = out.Item;
    if (!i) return null;
    return {
      claimId,
      level: i.level === 'supervisor' ? 'supervisor' : 'reviewer',
      status: i.status === 'decided' ? 'decided' : 'open',
      openedAt: Number(i.openedAt),
      escalations: Number(i.escalations ?? 0),
      ...(typeof i.token === 'string' ? { token: i.token } : {}),
      ...(typeof i.decidedBy === 'string' ? { decidedBy: i.decidedBy } : {}),
    };
  } catch (e) {
    throw asStoreError(e);
  }
}

export async function closeReviewTask(db: DynamoDBDocumentClient, tables: TableNames, claimId: string, decisionId: string): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tables.events,
        Key: { eventId: reviewKey(claimId) },
        UpdateExpression: 'SET #s = :decided, decidedBy = :d REMOVE #t',
        ExpressionAttributeNames: { '#s': 'status', '#t': 'token' },
        ExpressionAttributeValues: { ':decided': 'decided', ':d': decisionId },
      }),
    );
  } catch (e) {
    throw asStoreError(e);
  }
}
