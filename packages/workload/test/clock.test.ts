/**
 * clock.ts: instants written in Asia/Shanghai and UTC, calendar arithmetic by
 * integers agreeing with the platform's calendar, ages counted as the engine does.
 */
import { describe, expect, it } from 'vitest';
import { ageOn, civilFromDays, daysFromCivil, endOfYear, isoShanghai, isoUtc, shanghai, startOfDay } from '../src/clock.ts';

describe('instants', () => {
  it('writes the Dec 31 deadline in both offsets, one millisecond apart from the next day', () => {
    const deadline = endOfYear(2023);
    expect(isoShanghai(deadline)).toBe('2023-12-31T23:59:59.999+08:00');
    expect(isoUtc(deadline + 1)).toBe('2023-12-31T16:00:00.000Z');
    expect(isoShanghai(shanghai(2024, 3, 2, 10, 15))).toBe('2024-03-02T10:15:00+08:00');
  });

  it('finds the Shanghai midnight that starts the day, also in the UTC evening', () => {
    const lateEvening = shanghai(2024, 5, 1, 7, 30); // 2024-04-30T23:30Z
    expect(isoShanghai(startOfDay(lateEvening))).toBe('2024-05-01T00:00:00+08:00');
  });
});

describe('civil dates', () => {
  it('agrees with Date for every day from 1900 to 2100', () => {
    for (let days = daysFromCivil(1900, 1, 1); days <= daysFromCivil(2100, 12, 31); days += 1) {
      const text = new Date(days * 86_400_000).toISOString().slice(0, 10);
      expect(civilFromDays(days)).toBe(text);
    }
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2024, 2, 29) + 1).toBe(daysFromCivil(2024, 3, 1));
  });

  it('counts the birthday itself as the new year of age', () => {
    expect(ageOn('2008-07-01', '2024-06-30')).toBe(15);
    expect(ageOn('2008-07-01', '2024-07-01')).toBe(16);
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
  });
});
