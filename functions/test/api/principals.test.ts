/**
 * api/principals.ts: who is calling — registered principals by id, cached in a
 * bounded cache (least recently used out first) for a time.
 */
import type { PrincipalDoc } from '@medins/store/ports';
import { describe, expect, it } from 'vitest';
import { principalDirectory, principalDoc } from '../../src/api/principals.ts';

/** A principal lookup that counts what it is asked. */
function countingStore(docs: Record<string, PrincipalDoc>) {
  const asked: string[] = [];
  return {
    asked,
    principal: async (id: string) => {
      asked.push(id);
      return docs[id] ?? null;
    },
  };
}

describe('principalDirectory', () => {
  it('finds a registered service principal with its id, and null for an unknown one', async () => {
    const store = countingStore({ a: { role: 'provider', providerIds: ['H1'] } });
    const directory = principalDirectory(store);

    expect(await directory.find('a')).toEqual({ id: 'a', role: 'provider', providerIds: ['H1'] });
    expect(await directory.find('b')).toBeNull();
  });

  it('never makes a member, or a malformed document, a principal: members come through their token', async () => {
    const store = countingStore({
      m: { role: 'member', memberId: 'm1' },
      i: { role: 'insurer', regions: 'everywhere' },
      p: { role: 'provider' },
      x: { role: 'root' },
    });
    const directory = principalDirectory(store);

    for (const id of ['m', 'i', 'p', 'x']) expect(await directory.find(id)).toBeNull();
  });

  it('never looks up an empty id or one longer than any ARN', async () => {
    const store = countingStore({});
    const directory = principalDirectory(store);

    expect(await directory.find('')).toBeNull();
    expect(await directory.find('x'.repeat(2001))).toBeNull();
    expect(store.asked).toEqual([]);
  });

  it('answers from the cache within the TTL, unknown callers too, and looks up again after it', async () => {
    // Prepare
    let now = 1_000;
    const store = countingStore({ a: { role: 'operations' } });
    const directory = principalDirectory(store, { ttlMs: 100, now: () => now });

    // Act
    await directory.find('a');
    await directory.find('unknown');
    now += 99;
    await directory.find('a');
    await directory.find('unknown');
    now += 1;
    await directory.find('a');

    // Assess
    expect(store.asked).toEqual(['a', 'unknown', 'a']);
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    // Prepare: a, b, c cached (max 3); a used again, so b is the least recently used.
    const store = countingStore({
      a: { role: 'operations' },
      b: { role: 'operations' },
      c: { role: 'operations' },
      d: { role: 'operations' },
    });
    const directory = principalDirectory(store, { maxEntries: 3, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'a']) await directory.find(id);
    store.asked.length = 0;

    // Act: d pushes b out.
    await directory.find('d');
    for (const id of ['a', 'c', 'd']) await directory.find(id);
    await directory.find('b');

    // Assess
    expect(store.asked).toEqual(['d', 'b']);
  });

  it('sees a principal registered after an unknown answer once the TTL passed', async () => {
    let now = 0;
    const docs: Record<string, PrincipalDoc> = {};
    const directory = principalDirectory(countingStore(docs), { ttlMs: 60_000, now: () => now });
    expect(await directory.find('late')).toBeNull();

    docs.late = { role: 'operations' };
    now = 60_000;

    expect(await directory.find('late')).toEqual({ id: 'late', role: 'operations' });
  });
});

describe('principalDoc', () => {
  it('is the catalog item of a principal: its key and its document without the id', () => {
    expect(principalDoc({ id: 'arn:x', role: 'provider', providerIds: ['H1'] })).toEqual({
      pk: 'principal|arn:x',
      doc: { role: 'provider', providerIds: ['H1'] },
    });
  });
});
