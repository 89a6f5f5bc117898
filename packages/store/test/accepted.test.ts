/**
 * accepted.ts on DynamoDB Local: the API's accept records — one conditional put,
 * the earlier record back when the key was taken, a failure recorded on it, and
 * never confused with an event's outcome item (or read back as one).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalTables, startLocalTables } from './support/local-tables.ts';

let local: LocalTables;

beforeAll(async () => {
  local = await startLocalTables();
}, 120_000);

afterAll(async () => {
  await local?.stop();
});

beforeEach(async () => {
  await local.empty();
});

describe('accept records', () => {
  it('writes the first record of a key and answers a second with the first, unchanged', async () => {
    // Act
    const first = await local.store.acceptSubmission({ eventId: 'svc-0:c1', fingerprint: 'a', acceptedAt: 1, status: 'queued' });
    const second = await local.store.acceptSubmission({ eventId: 'svc-0:c1', fingerprint: 'b', acceptedAt: 2, status: 'queued' });

    // Assess
    expect(first).toBeNull();
    expect(second).toEqual({ eventId: 'svc-0:c1', fingerprint: 'a', acceptedAt: 1, status: 'queued' });
    expect(await local.store.readAccepted('svc-0:c1')).toEqual(second);
    expect(await local.store.readApplied('svc-0:c1')).toBeNull(); // not an outcome
  });

  it('marks a record failed with its reason, and leaves an event without a record alone', async () => {
    await local.store.acceptSubmission({ eventId: 'svc-0:c1', fingerprint: 'a', acceptedAt: 1, status: 'queued' });

    await local.store.failAccepted('svc-0:c1', { code: 'InvariantError', message: 'past its ceiling' });
    await local.store.failAccepted('renewal/a/b/p1', { code: 'X', message: 'y' });

    expect(await local.store.readAccepted('svc-0:c1')).toEqual({
      eventId: 'svc-0:c1',
      fingerprint: 'a',
      acceptedAt: 1,
      status: 'failed',
      failure: { code: 'InvariantError', message: 'past its ceiling' },
    });
    expect(await local.store.readAccepted('renewal/a/b/p1')).toBeNull();
    expect(await local.store.count('events')).toBe(1);
  });

  it('keeps a quote’s answer with its key, never marked failed; a queued record never carries one', async () => {
    const result = { id: 'svc-0:q1', type: 'quote', status: 'quoted' } as never;

    await local.store.acceptSubmission({ eventId: 'svc-0:q1', fingerprint: 'a', acceptedAt: 1, status: 'quoted', result });
    await local.store.acceptSubmission({ eventId: 'svc-0:c1', fingerprint: 'a', acceptedAt: 1, status: 'queued', result });
    await local.store.failAccepted('svc-0:q1', { code: 'X', message: 'y' });

    expect(await local.store.readAccepted('svc-0:q1')).toEqual({
      eventId: 'svc-0:q1',
      fingerprint: 'a',
      acceptedAt: 1,
      status: 'quoted',
      result,
    });
    expect(await local.store.readAccepted('svc-0:c1')).toEqual({ eventId: 'svc-0:c1', fingerprint: 'a', acceptedAt: 1, status: 'queued' });
  });
});
