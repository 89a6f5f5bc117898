/**
 * core/time.ts: instants from ISO 8601 with an explicit offset, Asia/Shanghai
 * calendar dates, policy years and ages. Nothing may depend on the host's zone.
 */

import { ageOn, formatShanghai, type Instant, type LocalDate, parseInstant, parseLocalDate, shanghaiDate, yearOf } from '@medins/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const d = (s: string) => s as LocalDate;

describe('parseInstant', () => {
  it('reads +08:00, Z and -05:00 offsets as the same instant', () => {
    const utc = Date.UTC(2021, 2, 1, 2, 0, 0); // 2021-03-01 02:00 UTC
    expect(parseInstant('2021-03-01T10:00:00+08:00')).toBe(utc); // 10:00 − 8h
    expect(parseInstant('2021-03-01T02:00:00Z')).toBe(utc);
    expect(parseInstant('2021-02-28T21:00:00-05:00')).toBe(utc); // 21:00 + 5h crosses into Mar 1
  });

  it('keeps milliseconds and accepts a time without seconds', () => {
    expect(parseInstant('2023-12-31T23:59:59.999+08:00')).toBe(Date.UTC(2023, 11, 31, 15, 59, 59, 999));
    expect(parseInstant('2021-03-01T10:00+08:00')).toBe(Date.UTC(2021, 2, 1, 2, 0, 0));
  });

  it('keeps sub-millisecond digits, so 23:59:59.9995 is after a 23:59:59.999 deadline', () => {
    const deadline = parseInstant('2023-12-31T23:59:59.999+08:00')!;
    const late = parseInstant('2023-12-31T23:59:59.9995+08:00')!;
    expect(late).toBeGreaterThan(deadline);
    expect(late - deadline).toBeCloseTo(0.5, 6);
    expect(parseInstant('2023-12-31T23:59:59.999000+08:00')).toBe(deadline);
    expect(shanghaiDate(late)).toBe('2023-12-31');
  });

  it('rejects a time without an offset', () => {
    expect(parseInstant('2021-03-01T10:00:00')).toBeUndefined();
    expect(parseInstant('2021-03-01T10:00:00.000')).toBeUndefined();
    expect(parseInstant('2021-03-01')).toBeUndefined();
  });

  it('rejects impossible calendar times', () => {
    expect(parseInstant('2021-02-29T10:00:00+08:00')).toBeUndefined(); // 2021 is not a leap year
    expect(parseInstant('2021-04-31T10:00:00+08:00')).toBeUndefined();
    expect(parseInstant('2021-13-01T10:00:00+08:00')).toBeUndefined();
    expect(parseInstant('2021-03-01T24:00:00+08:00')).toBeUndefined();
    expect(parseInstant('2021-03-01T10:60:00Z')).toBeUndefined();
    expect(parseInstant('2021-03-01T10:00:60Z')).toBeUndefined();
    expect(parseInstant('2021-03-01T10:00:00+15:00')).toBeUndefined();
  });

  it('accepts Feb 29 of a leap year', () => {
    expect(parseInstant('2020-02-29T10:00:00+08:00')).toBe(Date.UTC(2020, 1, 29, 2));
    expect(parseInstant('2000-02-29T10:00:00+08:00')).toBe(Date.UTC(2000, 1, 29, 2));
  });

  it('reads every four-digit year literally, including years below 100', () => {
    // Date.UTC maps years 0–99 to 1900–1999: '0021-…' must not become 1921.
    const i = parseInstant('0021-03-01T10:00:00+08:00');
    expect(i).toBeDefined();
    expect(shanghaiDate(i!)).toBe('0021-03-01');
  });
});

describe('parseLocalDate', () => {
  it('accepts real dates only', () => {
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    expect(parseLocalDate('2021-02-29')).toBeUndefined();
    expect(parseLocalDate('1900-02-29')).toBeUndefined(); // 1900 is not a leap year
    expect(parseLocalDate('2021-2-1')).toBeUndefined();
    expect(parseLocalDate('2021-00-10')).toBeUndefined();
  });
});

describe('shanghaiDate', () => {
  it('changes day at midnight UTC+8, i.e. 16:00 UTC', () => {
    expect(shanghaiDate(Date.UTC(2021, 11, 31, 15, 59, 59, 999) as Instant)).toBe('2021-12-31');
    expect(shanghaiDate(Date.UTC(2021, 11, 31, 16, 0, 0) as Instant)).toBe('2022-01-01');
  });

  it('gives the Shanghai date of a time written in any offset', () => {
    expect(shanghaiDate(parseInstant('2021-12-31T23:59:59.999+08:00')!)).toBe('2021-12-31');
    expect(shanghaiDate(parseInstant('2022-01-01T00:00:00+08:00')!)).toBe('2022-01-01');
    // noon in New York on Dec 31 is 01:00 on Jan 1 in Shanghai
    expect(shanghaiDate(parseInstant('2021-12-31T12:00:00-05:00')!)).toBe('2022-01-01');
  });

  it('round-trips every date of the contract years at every hour', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        (day, hour) => {
          const date = day.toISOString().slice(0, 10);
          const hh = String(hour).padStart(2, '0');
          expect(shanghaiDate(parseInstant(`${date}T${hh}:30:00+08:00`)!)).toBe(date);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('formats an instant back in +08:00', () => {
    expect(formatShanghai(parseInstant('2021-03-01T02:00:00Z')!)).toBe('2021-03-01T10:00:00.000+08:00');
  });
});

describe('yearOf and ageOn', () => {
  it('takes the calendar year of a date', () => {
    expect(yearOf(d('2021-12-31'))).toBe(2021);
  });

  it('counts the birthday itself as the new year of age', () => {
    expect(ageOn(d('2005-07-01'), d('2021-07-01'))).toBe(16);
    expect(ageOn(d('2005-07-01'), d('2021-06-30'))).toBe(15);
    expect(ageOn(d('2005-07-02'), d('2021-07-01'))).toBe(15);
    expect(ageOn(d('2005-06-30'), d('2021-07-01'))).toBe(16);
    expect(ageOn(d('2021-03-01'), d('2021-03-01'))).toBe(0);
  });
});
