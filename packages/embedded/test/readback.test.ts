/**
 * Reading a run back (src/readback.ts) from what a store's scans return: each
 * event's result (null when missing), the balances in member-id order, and the
 * applied events in the serial order the concurrent commits are equivalent to —
 * a campaign's per-policy renewals folded into the campaign. A scripted store
 * stands in for DynamoDB: only its scans and key reads are used.
 */
import { type EventItem, encodeEventItem, type Store } from '@medins/store';
import { describe, expect, it } from 'vitest';
import { readAccounts, readCommitOrder, readEventItems, readLedger, readResults, resultsOf, serialEvents } from '../src/readback.ts';

const result = (id: string, type = 'enroll') => JSON.stringify({ id, type, status: 'enrolled', reasons: [] });

const item = (eventId: string, committedAt: number, o: Partial<EventItem> = {}): EventItem => ({
  eventId,
  type: 'enroll',
  status: 'enrolled',
  result: result(eventId),
  event: JSON.stringify({ id: eventId, type: 'enroll' }),
  record: null,
  committedAt,
  reads: {},
  writes: {},
  ...o,
});

/** A store whose scans return the given items (events encoded as on the wire) and whose key reads are counted. */
function scriptedStore(tables: { events?: EventItem[]; accounts?: unknown[] }) {
  const keyReads: string[] = [];
  const scans: string[] = [];
  const store = {
    scanAll: async (role: string) => {
      scans.push(role);
      if (role === 'events') return (tables.events ?? []).map(encodeEventItem);
      if (role === 'accounts') return tables.accounts ?? [];
      throw new Error(`no table ${role}`);
    },
    readResult: async (id: string) => {
      keyReads.push(id);
      const found = (tables.events ?? []).find((i) => i.eventId === id);
      return found ? JSON.parse(found.result) : null;
    },
  } as unknown as Store;
  return { store, keyReads, scans };
}

describe('results', () => {
  it('in the order asked for, null for an event that left none', () => {
    // Prepare
    const items = [item('a', 1), item('b', 2)];
    // Act
    const results = resultsOf(items, ['b', 'x', 'a']);
    // Assess
    expect(results).toEqual([JSON.parse(result('b')), null, JSON.parse(result('a'))]);
  });

  it('by key for a few events, by one scan for many', async () => {
    // Prepare: 101 events in the table.
    const items = Array.from({ length: 101 }, (_, i) => item(`e${i}`, i));
    const few = scriptedStore({ events: items });
    const many = scriptedStore({ events: items });
    const ids = items.map((i) => i.eventId);
    // Act
    const fewResults = await readResults(few.store, [...ids.slice(0, 100)]);
    const manyResults = await readResults(many.store, [...ids, 'missing']);
    // Assess
    expect(fewResults).toEqual(items.slice(0, 100).map((i) => JSON.parse(i.result)));
    expect([few.keyReads.length, few.scans]).toEqual([100, []]);
    expect(manyResults).toEqual([...items.map((i) => JSON.parse(i.result)), null]);
    expect([many.keyReads.length, many.scans]).toEqual([0, ['events']]);
  });
});

describe('readAccounts', () => {
  it('lists each personal account by member id in id order, as the replay reports them; members without one are left out', async () => {
    // Prepare
    const { store } = scriptedStore({
      accounts: [
        { memberId: 'm3', version: 2, account: { currentFen: 30, historicalFen: 3 } },
        { memberId: 'm1', version: 1, account: { currentFen: 10, historicalFen: 1 } },
        { memberId: 'm0', version: 1 },
        { memberId: 'm2', version: 4, account: { currentFen: 20, historicalFen: 2 } },
      ],
    });
    // Act
    const accounts = await readAccounts(store);
    // Assess
    expect(Object.entries(accounts)).toEqual([
      ['m1', { currentFen: 10, historicalFen: 1 }],
      ['m2', { currentFen: 20, historicalFen: 2 }],
      ['m3', { currentFen: 30, historicalFen: 3 }],
    ]);
  });
});

describe('the commit order', () => {
  it('follows the versions read and written, not the commit time, and folds per-policy renewals into their campaign', async () => {
    // Prepare:
    // - `early` was decided on version 1 of item X, which `writer` produced: it comes after it despite its commit time;
    // - the campaign's renewals carry its id; one renewal item has no event (it is never listed on its own);
    // - an event stored without its document is listed with a null document.
    const events = [
      item('writer', 10, { writes: { X: 1 } }),
      item('early', 5, { reads: { X: 1 } }),
      item('camp', 30, { type: 'renewalCampaign', event: JSON.stringify({ id: 'camp', type: 'renewalCampaign' }) }),
      item('camp:p1', 20, { type: 'policyRenewal', event: JSON.stringify({ campaignId: 'camp', policyId: 'p1' }) }),
      item('camp:p2', 21, { type: 'policyRenewal', event: null }),
      item('orphan:p3', 22, { type: 'policyRenewal', event: JSON.stringify({ policyId: 'p3' }) }),
      item('bare', 25, { event: null }),
    ];
    const { store } = scriptedStore({ events });
    // Act
    const order = await readCommitOrder(store);
    // Assess
    expect(order.map((c) => c.eventId)).toEqual(['writer', 'early', 'bare', 'camp']);
    expect(order.map((c) => c.committedAt)).toEqual([10, 5, 25, 30]);
    expect(order.find((c) => c.eventId === 'bare')!.doc).toBeNull();
    expect(order.find((c) => c.eventId === 'camp')!.doc).toEqual({ id: 'camp', type: 'renewalCampaign' });
    // From items already read: the same.
    expect(serialEvents(await readEventItems(store))).toEqual(order);
  });
});

describe('readLedger', () => {
  it('is every line of every outcome item, named by its event and place', async () => {
    // Prepare: a claim that debited two accounts, an enrollment that moved nothing.
    const outcome = (eventId: string, committedAt: number, ledger: EventItem['ledger']): EventItem => ({
      eventId,
      type: 'claim',
      status: 'settled',
      result: '{}',
      event: null,
      record: null,
      committedAt,
      ledger,
    });
    const line = (memberId: string, currentFen: number) => ({
      memberId,
      purpose: 'claim',
      currentFen,
      historicalFen: 0,
      balanceAfterFen: 5,
    });
    const { store } = scriptedStore({ events: [outcome('c1', 7, [line('m1', -5), line('h', -3)]), outcome('e1', 8, [])] });
    // Act / Assess
    expect(await readLedger(store)).toEqual([
      { ...line('m1', -5), entryId: '7|c1|0', eventId: 'c1' },
      { ...line('h', -3), entryId: '7|c1|1', eventId: 'c1' },
    ]);
  });
});
