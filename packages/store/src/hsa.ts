/**
 * store → hsa: the national platform gateway's items, in the events table beside
 * the API's accept records (`|` never occurs in an event id, so none collides
 * with an outcome item): `hsa|<scope>|msg|<msgid>` (a message's fingerprint and
 * answer), `hsa|<scope>|visit|<mdtrt_id>` (a registered visit with its held fee
 * details and settlements, written conditionally on its version) and
 * `hsa|<scope>|psn|<memberId>` (the caller registered a visit of this member).
 * The scope is the caller's id space, so no hospital reaches another's.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { asStoreError } from './dynamo.ts';
import type { HsaMessage, HsaVisit } from './ports.ts';
import type { TableNames } from './tables.ts';

/** Every gateway item's key starts so (read-back and exports skip them: they are not outcomes). */
const HSA_KEY_PREFIX = 'hsa|';

const msgKey = (scope: string, msgid: string) => `${HSA_KEY_PREFIX}${scope}|msg|${msgid}`;
const visitKey = (scope: string, mdtrtId: string) => `${HSA_KEY_PREFIX}${scope}|visit|${mdtrtId}`;
const patientKey = (scope: string, memberId: string) => `${HSA_KEY_PREFIX}${scope}|psn|${memberId}`;

const conditionFailed = (e: unknown) => (e as { name?: string }).name === 'ConditionalCheckFailedException';

async function get(db: DynamoDBDocumentClient, tables: TableNames, eventId: string): Promise<Record<string, unknown> | null> {
  try {
    const out = await db.send(new GetCommand({ TableName: tables.events, Key: { eventId }, ConsistentRead: true }));
    return out.Item ?? null;
  } catch (e) {
    throw asStoreError(e);
  }
}

const messageOf = (scope: string, msgid: string, item: Record<string, unknown>): HsaMessage => ({
  scope,
  msgid,
  fingerprint: String(item.fingerprint),
  receivedAt: Number(item.receivedAt),
  answer: typeof item.answer === 'string' ? (JSON.parse(item.answer) as unknown) : null,
});

export async function acceptHsaMessage(db: DynamoDBDocumentClient, tables: TableNames, m: HsaMessage): Promise<HsaMessage | null> {
  try {
    await db.send(
      new PutCommand({
        TableName: tables.events,
        Item: { eventId: msgKey(m.scope, m.msgid), fingerprint: m.fingerprint, receivedAt: m.receivedAt },
        ConditionExpression: 'attribute_not_exists(eventId)',
      }),
    );
    return null;
  } catch (e) {
    if (!conditionFailed(e)) throw asStoreError(e);
  }
  const item = await get(db, tables, msgKey(m.scope, m.msgid));
  return item ? messageOf(m.scope, m.msgid, item) : null;
}

export async function answerHsaMessage(db: DynamoDBDocumentClient, tables: TableNames, scope: string, msgid: string, answer: unknown) {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tables.events,
        Key: { eventId: msgKey(scope, msgid) },
        UpdateExpression: 'SET answer = :a',
        ConditionExpression: 'attribute_exists(eventId)',
        ExpressionAttributeValues: { ':a': JSON.stringify(answer) },
      }),
    );
  } catch (e) {
    throw asStoreError(e);
  }
}

export async function readHsaVisit(
  db: DynamoDBDocumentClient,
  tables: TableNames,
  scope: string,
  mdtrtId: string,
): Promise<HsaVisit | null> {
  const item = await get(db, tables, visitKey(scope, mdtrtId));
  return item ? { ...(JSON.parse(String(item.doc)) as Omit<HsaVisit, 'version'>), version: Number(item.version) } : null;
}

export async function putHsaVisit(db: DynamoDBDocumentClient, tables: TableNames, visit: HsaVisit): Promise<boolean> {
  const { version, ...doc } = visit;
  try {
    await db.send(
      new PutCommand({
        TableName: tables.events,
        Item: { eventId: visitKey(visit.scope, visit.mdtrtId), doc: JSON.stringify(doc), version },
        ...(version === 1
          ? { ConditionExpression: 'attribute_not_exists(eventId)' }
          : { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': version - 1 } }),
      }),
    );
  } catch (e) {
    if (conditionFailed(e)) return false;
    throw asStoreError(e);
  }
  if (version === 1) {
    try {
      await db.send(new PutCommand({ TableName: tables.events, Item: { eventId: patientKey(visit.scope, visit.memberId) } }));
    } catch (e) {
      throw asStoreError(e);
    }
  }
  return true;
}

export async function hsaPatient(db: DynamoDBDocumentClient, tables: TableNames, scope: string, memberId: string): Promise<boolean> {
  return (await get(db, tables, patientKey(scope, memberId))) !== null;
}
