/**
 * The thin DynamoDB helpers (src/dynamo.ts): SDK failures mapped onto the store's
 * error family (throttling, timeouts, dropped connections and 5xx are transient;
 * everything else passes through untouched), and batched consistent reads that
 * match answers to references by key, finish unprocessed keys, and give up as
 * transient when DynamoDB keeps leaving keys unprocessed. A scripted client
 * stands in for DynamoDB.
 */
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asStoreError, batchGet } from '../src/dynamo.ts';
import { TransientError } from '../src/errors.ts';
import { ref } from '../src/items.ts';
import { TABLE_ROLES, type TableNames } from '../src/tables.ts';

const TABLES = Object.fromEntries(TABLE_ROLES.map((role) => [role, `t-${role}`])) as unknown as TableNames;

afterEach(() => {
  vi.useRealTimers();
});

describe('asStoreError', () => {
  it('makes throttling, timeouts, dropped connections and 5xx transient, keeping the cause', () => {
    // Prepare
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    const reset = { code: 'ECONNRESET' };
    const unavailable = { name: 'SomethingNew', $metadata: { httpStatusCode: 503 } };
    // Act
    const mapped = [throttled, reset, unavailable].map(asStoreError);
    // Assess
    for (const m of mapped) expect(m).toBeInstanceOf(TransientError);
    expect((mapped[0] as Error).message).toBe('DynamoDB: ThrottlingException');
    expect((mapped[0] as Error).cause).toBe(throttled);
    expect((mapped[1] as Error).message).toBe('DynamoDB: ECONNRESET');
    expect((mapped[2] as Error).message).toBe('DynamoDB: SomethingNew');
  });

  it('lets every other failure through as it is: a refused condition is an answer, not a hiccup', () => {
    // Prepare
    const refused = Object.assign(new Error('refused'), { name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400 } });
    const odd = 'a string';
    // Act / Assess
    expect(asStoreError(refused)).toBe(refused);
    expect(asStoreError(odd)).toBe(odd);
    expect(asStoreError(undefined)).toBeUndefined();
  });
});

/** A client answering each BatchGet with the next scripted answer, recording the requests. */
function scriptedDb(answers: (Record<string, unknown> | Error)[]) {
  const requests: Record<string, { Keys: Record<string, unknown>[] }>[] = [];
  const db = {
    send: async (command: unknown) => {
      if (!(command instanceof BatchGetCommand)) throw new Error('unexpected command');
      requests.push(structuredClone(command.input.RequestItems) as never);
      const next = answers.shift() ?? {};
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, requests };
}

describe('batchGet', () => {
  it('reads each reference once, matches answers by key, and asks again for the keys left unprocessed', async () => {
    // Prepare: two members and a member state item (one asked twice); the first answer leaves m2 unprocessed.
    const refs = [ref.member('m1'), ref.member('m2'), ref.state('m1'), ref.member('m1'), ref.member('absent')];
    const { db, requests } = scriptedDb([
      {
        Responses: { 't-members': [{ memberId: 'm1', name: 'A' }], 't-accounts': [{ memberId: 'm1', version: 3 }] },
        UnprocessedKeys: { 't-members': { Keys: [{ memberId: 'm2' }], ConsistentRead: true } },
      },
      { Responses: { 't-members': [{ memberId: 'm2', name: 'B' }] } },
    ]);
    // Act
    const items = await batchGet(db, TABLES, refs);
    // Assess
    expect(Object.fromEntries(items)).toEqual({
      'members|m1': { memberId: 'm1', name: 'A' },
      'accounts|m1': { memberId: 'm1', version: 3 },
      'members|m2': { memberId: 'm2', name: 'B' },
    });
    expect(requests[0]).toEqual({
      't-members': { Keys: [{ memberId: 'm1' }, { memberId: 'm2' }, { memberId: 'absent' }], ConsistentRead: true },
      't-accounts': { Keys: [{ memberId: 'm1' }], ConsistentRead: true },
    });
    expect(requests[1]).toEqual({ 't-members': { Keys: [{ memberId: 'm2' }], ConsistentRead: true } });
  });

  it('asks at most 100 keys a call', async () => {
    // Prepare
    const refs = Array.from({ length: 150 }, (_, i) => ref.member(`m${i}`));
    const { db, requests } = scriptedDb([{}, {}]);
    // Act
    await batchGet(db, TABLES, refs);
    // Assess
    expect(requests.map((r) => r['t-members']!.Keys.length)).toEqual([100, 50]);
  });

  it('fails as transient when a call is throttled, and when keys are still unprocessed after 8 retries', async () => {
    // Prepare
    vi.useFakeTimers();
    const throttled = scriptedDb([Object.assign(new Error('slow down'), { name: 'ThrottlingException' })]);
    const stuck = { UnprocessedKeys: { 't-members': { Keys: [{ memberId: 'm1' }], ConsistentRead: true } } };
    const stubborn = scriptedDb(Array.from({ length: 20 }, () => ({ ...stuck })));
    // Act
    const failed = batchGet(throttled.db, TABLES, [ref.member('m1')]);
    const gaveUp = batchGet(stubborn.db, TABLES, [ref.member('m1')]);
    const assessed = Promise.all([
      expect(failed).rejects.toThrow(new TransientError('DynamoDB: ThrottlingException')),
      expect(gaveUp).rejects.toThrow(new TransientError('DynamoDB left keys unprocessed after 8 retries')),
    ]);
    await vi.runAllTimersAsync();
    // Assess
    await assessed;
    expect(stubborn.requests).toHaveLength(9);
  });
});
