/**
 * Real-name checks: the GB 11643-1999 citizen ID number (18 characters, the last a
 * mod 11-2 check digit) and the 11-digit mainland mobile number.
 */
import { type LocalDate, parseLocalDate } from './time.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/**
 * True when `id` is 17 digits, a real birth date at positions 7–14, and the right
 * ISO 7064 mod 11-2 check character (`X` for 10).
 * @example isValidIdNumber('11010519491231002X') // true
 */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (birthDateFromIdNumber(id) === undefined) return false;
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(id[i]) * WEIGHTS[i]!;
  return CHECK[s % 11] === id[17]!.toUpperCase();
}

/** The birth date encoded in an 18-digit ID number, if it is a real date. */
export function birthDateFromIdNumber(id: string): LocalDate | undefined {
  if (!/^\d{17}[\dXx]$/.test(id)) return undefined;
  return parseLocalDate(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`);
}

/** Two ID numbers name the same person (the check letter compares case-blind). */
export function sameIdNumber(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/**
 * An 11-digit mainland mobile number: `1`, then 3–9, then nine digits.
 * @example isValidPhone('13912345678') // true
 */
export function isValidPhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/** Completes 17 digits with their check character (used by generators and tests). */
export function withCheckDigit(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * WEIGHTS[i]!;
  return first17 + CHECK[s % 11];
}
