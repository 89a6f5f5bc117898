import { describe, expect, it } from 'vitest';
import { type OrderedEvent, SerialOrderError, serialOrder } from '../src/serial-order.ts';

const ev = (id: string, committedAt: number, reads: Record<string, number>, writes: Record<string, number> = {}): OrderedEvent => ({
  id,
  committedAt,
  reads: Object.entries(reads),
  writes: Object.entries(writes),
});

describe('serialOrder', () => {
  it('puts a read-only check before the write it preceded, whatever the timestamps', () => {
    // The enrollment took its timestamp first, but the rejection validated version 3 before the enrollment produced 4.
    const enroll = ev('enroll', 100, { 'accounts|m-78': 3 }, { 'accounts|m-78': 4, 'events|enroll': 1 });
    const rejected = ev('rejected', 200, { 'accounts|m-78': 3 }, { 'events|rejected': 1 });
    expect(serialOrder([enroll, rejected])).toEqual(['rejected', 'enroll']);
  });

  it('orders writers of one item by version and readers after the version they saw', () => {
    const a = ev('a', 300, { 'accounts|h': 1 }, { 'accounts|h': 2 });
    const b = ev('b', 100, { 'accounts|h': 2 }, { 'accounts|h': 3 });
    const q = ev('q', 50, { 'accounts|h': 3 });
    expect(serialOrder([q, b, a])).toEqual(['a', 'b', 'q']);
  });

  it('puts a reversal that found no claim before the claim, and one that found it after', () => {
    const claim = ev('c', 500, { 'accounts|p': 1 }, { 'accounts|p': 2, 'events|c': 1 });
    const early = ev('r1', 600, { 'events|c': 0 }, { 'events|r1': 1 });
    const late = ev('r2', 400, { 'events|c': 1, 'accounts|p': 2 }, { 'events|c': 2, 'accounts|p': 3, 'events|r2': 1 });
    expect(serialOrder([late, early, claim])).toEqual(['r1', 'c', 'r2']);
  });

  it('keeps independent events in commit time order', () => {
    expect(serialOrder([ev('x', 3, { 'accounts|1': 0 }), ev('y', 1, { 'accounts|2': 0 }), ev('z', 2, {})])).toEqual(['y', 'z', 'x']);
  });

  it('refuses a history that is not serializable', () => {
    const a = ev('a', 1, { 'accounts|1': 1, 'accounts|2': 1 }, { 'accounts|1': 2 });
    const b = ev('b', 2, { 'accounts|1': 1, 'accounts|2': 1 }, { 'accounts|2': 2 });
    expect(() => serialOrder([a, b])).toThrow(SerialOrderError);
  });
});
