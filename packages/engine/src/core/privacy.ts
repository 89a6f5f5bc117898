/**
 * Masking of personal data (names, ID numbers, phones) for logs, errors, metrics
 * and notifications. Pure: the same masks everywhere. A name keeps its first
 * character, an ID number its region and last four, a phone its prefix and last four.
 */

/** Keys whose values are personal data wherever they appear. */
export const PERSONAL_KEYS = new Set(['name', 'motherName', 'idNumber', 'motherIdNumber', 'phone', 'certificateNo', 'birthCertificateNo']);

const ID_NUMBER_IN_TEXT = /(?<![0-9])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9])/g;
const PHONE_IN_TEXT = /(?<![0-9])(1[3-9]\d)\d{4}(\d{4})(?![0-9])/g;

/** 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** 330802198001010011 → 330802********0011. */
export function maskIdNumber(id: string): string {
  return id.length >= 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '*'.repeat(id.length);
}

/** 13912345678 → 139****5678. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}` : '*'.repeat(phone.length);
}

/** Masks ID numbers and mobile numbers that appear inside free text. */
export function maskText(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (_, a, b) => `${a}********${b}`).replace(PHONE_IN_TEXT, (_, a, b) => `${a}****${b}`);
}

function maskByKey(key: string, value: string): string {
  if (key === 'phone') return maskPhone(value);
  if (key === 'idNumber' || key === 'motherIdNumber') return maskIdNumber(value);
  if (key === 'name' || key === 'motherName') return maskName(value);
  return '*'.repeat(Math.min(value.length, 8));
}

/**
 * A JSON.stringify replacer that masks personal data: by key for known fields,
 * by pattern inside any other string. Use it for every log line and error body.
 * @example JSON.stringify({ phone: '13912345678' }, maskReplacer) // {"phone":"139****5678"}
 */
export function maskReplacer(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (PERSONAL_KEYS.has(key)) return maskByKey(key, value);
  return maskText(value);
}

/** A deep copy of `value` with personal data masked. */
export function redact<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, maskReplacer)) as T;
}
