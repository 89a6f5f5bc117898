/**
 * event-codec.ts: an applied event's item as stored — the result, the event as
 * received, the claim record and the read/write versions compressed into one
 * binary `body`, the fields that conditions and queries use kept plain — and
 * back, losing nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { parseScenarioText } from '@medins/contract';
import { Replayer } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { decodeEventItem, encodeEventItem, type StoredEventItem } from '../src/event-codec.ts';
import type { EventItem } from '../src/items.ts';

const EXAMPLE = join(import.meta.dirname, '../../../../shared/contract/examples/01-quzhou-inpatient-all-tiers.scenario.json');

/**
 * The item of the first claim of the public example 01, as the commit builds it: the
 * engine's result and claim record, the event as received, and the versions its commit
 * read and wrote.
 */
function settledClaimItem(): EventItem {
  const text = readFileSync(EXAMPLE, 'utf8');
  const scenario = parseScenarioText(text);
  const replayer = new Replayer(scenario.world);
  const result = replayer.apply(scenario.events[0]!);
  const record = replayer.state.items.claims.c1;
  const [event] = (JSON.parse(text) as { events: unknown[] }).events;
  if (!record) throw new Error('example 01 no longer settles its first claim');
  return {
    eventId: 'c1',
    type: 'claim',
    status: 'settled',
    result: JSON.stringify(result),
    event: JSON.stringify(event),
    record: JSON.stringify(record),
    committedAt: 1_614_650_400_000_123,
    reads: { 'members|m2': 1, 'accounts|m1': 3, 'bindings|m2': 1, 'policies|m2': 2, 'accumulators|m2|2021': 4, 'events|c1': 0 },
    writes: { 'accounts|m1': 4, 'accumulators|m2|2021': 5, 'events|c1': 1 },
    // The messages the event owes, masked (what NotifyMembers publishes, again on a redelivery).
    notifications: [
      {
        notificationId: 'c1|m2|claimSettled',
        eventId: 'c1',
        to: 'm2',
        kind: 'claimSettled',
        aboutId: 'm2',
        amountFen: 1_234_56,
        maskedRecipient: '张*',
        maskedPhone: '139****5678',
      },
    ],
    // The ledger: the movements on personal accounts, in order.
    ledger: [{ memberId: 'm1', purpose: 'claim', currentFen: -1_000, historicalFen: -2_345, balanceAfterFen: 96_655 }],
  };
}

/** An item's size as DynamoDB bills it: attribute names plus values (a number counted at its 21-byte maximum). */
function dynamoBytes(item: StoredEventItem): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name);
    if (typeof value === 'string') bytes += Buffer.byteLength(value);
    else if (typeof value === 'number') bytes += 21;
    else bytes += (value as Uint8Array).byteLength;
  }
  return bytes;
}

describe('encodeEventItem / decodeEventItem', () => {
  it('round-trips a settled claim with its reads and writes', () => {
    // Prepare
    const item = settledClaimItem();

    // Act
    const decoded = decodeEventItem(encodeEventItem(item) as unknown as Record<string, unknown>);

    // Assess
    expect(decoded).toEqual(item);
  });

  it('keeps type, status, commit time and reversedBy plain beside the compressed body', () => {
    // Prepare
    const item = { ...settledClaimItem(), reversedBy: 'x1' };

    // Act
    const stored = encodeEventItem(item);

    // Assess
    expect(Object.keys(stored).sort()).toEqual(['body', 'committedAt', 'eventId', 'reversedBy', 'status', 'type']);
    expect(stored).toMatchObject({ eventId: 'c1', type: 'claim', status: 'settled', committedAt: 1_614_650_400_000_123, reversedBy: 'x1' });
    expect(stored.body).toBeInstanceOf(Uint8Array);
    expect(decodeEventItem(stored as unknown as Record<string, unknown>)).toEqual(item);
  });

  it('writes no reversedBy attribute until the claim is reversed (the reversal’s condition is attribute_not_exists)', () => {
    // Act
    const stored = encodeEventItem(settledClaimItem());
    const decoded = decodeEventItem(stored as unknown as Record<string, unknown>);

    // Assess
    expect(stored).not.toHaveProperty('reversedBy');
    expect(decoded).not.toHaveProperty('reversedBy');
  });

  it('round-trips an item without event or record, reading absent versions, notifications and ledger back as empty', () => {
    // Prepare
    const {
      reads: _reads,
      writes: _writes,
      notifications: _notifications,
      ledger: _ledger,
      ...item
    } = {
      ...settledClaimItem(),
      eventId: 'e1',
      type: 'enroll',
      status: 'rejected',
      event: null,
      record: null,
    };

    // Act
    const decoded = decodeEventItem(encodeEventItem(item) as unknown as Record<string, unknown>);

    // Assess
    expect(decoded).toEqual({ ...item, reads: {}, writes: {}, notifications: [], ledger: [] });
  });

  it('reads a body written before versions were stored (three parts) with empty reads and writes', () => {
    // Prepare
    const body = new Uint8Array(deflateRawSync(Buffer.from(JSON.stringify(['{"id":"c1"}', null, null]))));
    const stored = { eventId: 'c1', type: 'claim', status: 'rejected', committedAt: 1, body };

    // Act
    const decoded = decodeEventItem(stored);

    // Assess
    expect(decoded).toEqual({
      eventId: 'c1',
      type: 'claim',
      status: 'rejected',
      result: '{"id":"c1"}',
      event: null,
      record: null,
      committedAt: 1,
      reads: {},
      writes: {},
      notifications: [],
      ledger: [],
    });
  });

  it('keeps a claim whose JSON is over 1 KB under 1 KB as stored (one write unit)', () => {
    // Prepare
    const item = settledClaimItem();
    const json = JSON.stringify(item);

    // Act
    const stored = encodeEventItem(item);

    // Assess
    expect(Buffer.byteLength(json)).toBeGreaterThan(1024);
    expect(dynamoBytes(stored)).toBeLessThan(1024);
  });

  it('keeps non-ASCII text intact', () => {
    // Prepare
    const item = { ...settledClaimItem(), event: JSON.stringify({ realName: { name: '欧阳娜娜' }, note: '🏥' }) };

    // Act & Assess
    expect(decodeEventItem(encodeEventItem(item) as unknown as Record<string, unknown>).event).toBe(item.event);
  });
});
