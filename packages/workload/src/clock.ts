/**
 * Business time for the generator (generator → clock): instants are epoch
 * milliseconds, written as ISO 8601 in Asia/Shanghai (`…+08:00`) or, for the
 * deliberately late enrollments, in UTC (`…T16:00:00.000Z`). Calendar dates are
 * `YYYY-MM-DD` in Asia/Shanghai. Nothing reads the host's time zone.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** The instant of a wall-clock time in Asia/Shanghai (month 1–12). */
export function shanghai(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - SHANGHAI_OFFSET_MS;
}

/** Dec 31 23:59:59.999 +08:00 of `year`: the deadline "Dec 31" means. */
export function endOfYear(year: number): number {
  return shanghai(year, 12, 31, 23, 59, 59, 999);
}

/** The instant written in Asia/Shanghai: `2024-03-02T10:15:00+08:00`, milliseconds only when not zero. */
export function isoShanghai(at: number): string {
  const text = new Date(at + SHANGHAI_OFFSET_MS).toISOString();
  return (text.endsWith('.000Z') ? text.slice(0, 19) : text.slice(0, 23)) + '+08:00';
}

/** The instant written in UTC with milliseconds: `2023-12-31T16:00:00.000Z`. */
export function isoUtc(at: number): string {
  return new Date(at).toISOString();
}

/** The Asia/Shanghai calendar date of an instant. */
export function dateOf(at: number): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight in Asia/Shanghai that starts the day of an instant. */
export function startOfDay(at: number): number {
  return at - ((at + SHANGHAI_OFFSET_MS) % DAY_MS);
}

/** Midnight (start of day) in Asia/Shanghai of a `YYYY-MM-DD` date. */
export function startOfDate(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS;
}

/** A `YYYY-MM-DD` date moved by `days`. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every date of a calendar year, in order. */
export function datesOfYear(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) out.push(d);
  return out;
}

/** Day of week of a date, 0 = Sunday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00.000Z`).getUTCDay();
}

/** Full years of age on `on`; the birthday itself counts (as the engine counts). */
export function ageOn(birthDate: string, on: string): number {
  // YYYY-MM-DD compares as text: the birthday has come when its MM-DD is not after on's.
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Days since 1970-01-01 of a civil date (month 1–12), by integer arithmetic. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The `YYYY-MM-DD` date of a day number since 1970-01-01. */
export function civilFromDays(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
