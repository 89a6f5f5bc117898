/**
 * functions → hsa: the national platform's wire format (国家医保信息平台), at the
 * edge of the gateway. Money travels as JSON numbers in yuan with at most two
 * decimals; we keep integer fen. A JSON number is never trusted as a float: the
 * body is parsed with its numbers kept as their source text (`WireNumber`), and
 * the text is converted digit by digit, so 0.1 + 0.2 never happens and a third
 * decimal is refused, not rounded. Times are Asia/Shanghai wall-clock texts.
 */

/** A JSON number as the caller wrote it (its source text), before any float conversion. */
export class WireNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toJSON(): string {
    return this.text;
  }
}

/**
 * Parses a JSON body keeping every number as its source text (Node's
 * `JSON.parse` reviver context, ES2025 "JSON.parse source text access").
 * Throws SyntaxError on malformed JSON.
 *
 * @example
 * ```ts
 * parseWireJson('{"a":12.30}'); // { a: WireNumber { text: '12.30' } }
 * ```
 */
export function parseWireJson(text: string): unknown {
  return JSON.parse(text, function revive(this: unknown, _key: string, value: unknown, context?: { source?: string }) {
    return typeof value === 'number' ? new WireNumber(context?.source ?? String(value)) : value;
  } as (this: unknown, key: string, value: unknown) => unknown);
}

const YUAN = /^(-?)(0|[1-9]\d{0,12})(?:\.(\d{1,2}))?$/;

/**
 * Integer fen of a yuan amount written as decimal text, exactly; null when the
 * text is not a plain decimal of at most two decimals and 13 integer digits.
 *
 * @example
 * ```ts
 * fenOfYuanText('12.3'); // 1230
 * fenOfYuanText('0.005'); // null: a third decimal
 * ```
 */
export function fenOfYuanText(text: string): number | null {
  const m = YUAN.exec(text);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

/**
 * A yuan amount for the wire: the JSON number whose shortest text is exactly the
 * fen amount with two decimals (built from the digits, never by dividing).
 *
 * @example
 * ```ts
 * yuanOf(1230); // 12.3
 * yuanOf(-5); // -0.05
 * ```
 */
export function yuanOf(fen: number): number {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer number of fen: ${fen}`);
  const abs = Math.abs(fen);
  const value = Number(`${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
  return fen < 0 ? -value : value;
}

/** Yuan as text with two decimals (5206 declares its `cum` a string). */
export function yuanText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const shanghai = (ms: number) => new Date(ms + SHANGHAI_OFFSET_MS).toISOString();

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai, the platform's datetime (setl_time, inf_time). */
export function platformDateTime(ms: number): string {
  const iso = shanghai(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `yyyyMMddHHmmssSSS` in Asia/Shanghai, the envelope's refmsg_time and respond_time. */
export function platformStamp(ms: number): string {
  return shanghai(ms)
    .replace(/[-:TZ.]/g, '')
    .slice(0, 17);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** The Asia/Shanghai calendar date of a platform datetime, or null when it is not a valid `yyyy-MM-dd HH:mm:ss`. */
export function dateOfPlatformDateTime(text: string): string | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const valid = t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
  return valid ? text.slice(0, 10) : null;
}
