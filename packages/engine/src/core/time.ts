/**
 * Business time is Asia/Shanghai (UTC+8, no daylight saving). Instants are epoch
 * milliseconds parsed from ISO 8601 with an explicit offset; calendar dates are
 * `YYYY-MM-DD` strings in Asia/Shanghai. Servers run in UTC: every conversion is
 * explicit here, nothing reads the host's time zone.
 */
declare const instantBrand: unique symbol;
declare const dateBrand: unique symbol;

/**
 * Epoch milliseconds of an event time. Sub-millisecond digits are kept as a
 * fraction, so `23:59:59.9995` is after a `23:59:59.999` deadline.
 */
export type Instant = number & { readonly [instantBrand]: 'Instant' };
/** A calendar date `YYYY-MM-DD` in Asia/Shanghai. */
export type LocalDate = string & { readonly [dateBrand]: 'LocalDate' };

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && isLeap(y) ? 29 : DAYS[m - 1]!);
}

/** Epoch ms of a UTC calendar time; every four-digit year literally (Date.UTC maps 0–99 to 1900+). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/**
 * Parses an ISO 8601 time that carries its offset (`Z` or `±hh:mm`); returns
 * undefined for a time without offset or an impossible calendar time.
 * @example parseInstant('2023-12-31T23:59:59.999+08:00')
 */
export function parseInstant(text: string): Instant | undefined {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMs = 0;
  if (zone !== 'Z') {
    const offH = Number(oh);
    const offM = Number(om);
    if (offH > 14 || offM > 59) return undefined;
    offsetMs = (offH * 60 + offM) * 60_000 * (zone!.startsWith('-') ? -1 : 1);
  }
  const ms = Number(`${frac.slice(0, 3).padEnd(3, '0')}.${frac.slice(3) || '0'}`);
  return (utc(year, month, day, hour, minute, second) + ms - offsetMs) as Instant;
}

/** Parses `YYYY-MM-DD`; undefined when it is not a real calendar date. */
export function parseLocalDate(text: string): LocalDate | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? (text as LocalDate) : undefined;
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(at: Instant): LocalDate {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) as LocalDate;
}

/** The policy year of a date: its calendar year. */
export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/**
 * Whole calendar days from one date to another (negative when `to` is earlier).
 * @example daysBetween('2021-02-27', '2021-03-01') // 2
 */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const day = (d: LocalDate) => {
    const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
    return utc(y, m, dd);
  };
  return Math.round((day(to) - day(from)) / 86_400_000);
}

/**
 * Age in full years on `on`; the birthday itself counts as the new year of age.
 * @example ageOn('2005-07-01', '2021-07-01') // 16
 */
export function ageOn(birthDate: LocalDate, on: LocalDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** Renders an instant as ISO 8601 in Asia/Shanghai (`…+08:00`). */
export function formatShanghai(at: Instant): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}
