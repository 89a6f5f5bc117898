/**
 * Money is an integer number of fen (分); ratios are integer basis points.
 * DOMAIN.md: `round_half_up(amountFen × ratio)` computed as
 * `floor((amountFen × bps + 5000) / 10000)`, rounding at every multiplication.
 */
import { AmountError } from './errors.ts';

declare const fenBrand: unique symbol;
declare const bpsBrand: unique symbol;

/** An integer amount of fen, never a float. */
export type Fen = number & { readonly [fenBrand]: 'Fen' };
/** A ratio in basis points: 0.85 is 8500. */
export type Bps = number & { readonly [bpsBrand]: 'Bps' };

export const ZERO = 0 as Fen;
export const FULL_BPS = 10_000 as Bps;

/** The largest amount the contract accepts for one figure: 10 billion yuan. */
export const MAX_FEN = 1_000_000_000_000;

/**
 * Brands an integer as fen; throws on a float or an unsafe integer so a bad
 * figure can never enter the engine silently.
 * @example fen(12900) // 129 yuan
 */
export function fen(amount: number): Fen {
  if (!Number.isSafeInteger(amount)) throw new AmountError(`not an integer number of fen: ${amount}`);
  return amount as Fen;
}

/**
 * Converts a decimal ratio to basis points: `bps = round(ratio × 10000)`.
 * @example toBps(0.85) // 8500
 */
export function toBps(ratio: number): Bps {
  return Math.round(ratio * 10_000) as Bps;
}

/** Adds basis points, never above 100% (a retiree bonus cannot push a ratio past 1). */
export function addBpsCapped(a: Bps, b: Bps): Bps {
  return Math.min(FULL_BPS, a + b) as Bps;
}

/**
 * `round_half_up(amount × ratio)` in integer arithmetic, exact for any amount the
 * contract accepts (falls back to BigInt when the product leaves the safe range).
 * @example mulBps(fen(24_380_000), toBps(0.6)) // 14_628_000
 */
export function mulBps(amount: Fen, bps: Bps): Fen {
  if (amount < 0) throw new AmountError(`mulBps of a negative amount: ${amount}`);
  const product = amount * bps;
  if (Number.isSafeInteger(product + 5000)) return Math.floor((product + 5000) / 10_000) as Fen;
  return Number((BigInt(amount) * BigInt(bps) + 5000n) / 10_000n) as Fen;
}

export function add(...amounts: Fen[]): Fen {
  let total = 0;
  for (const a of amounts) total += a;
  return total as Fen;
}

export function sub(a: Fen, b: Fen): Fen {
  return (a - b) as Fen;
}

/** The opposite amount, without a negative zero. */
export function negate(a: Fen): Fen {
  return (a === 0 ? 0 : -a) as Fen;
}

export function min(...amounts: Fen[]): Fen {
  return Math.min(...amounts) as Fen;
}

/** The non-negative part: what is left of `a` after `b`, never below zero. */
export function over(a: Fen, b: Fen): Fen {
  return Math.max(0, a - b) as Fen;
}

export function sum<T>(items: readonly T[], pick: (item: T) => Fen): Fen {
  let total = 0;
  for (const item of items) total += pick(item);
  return total as Fen;
}

/**
 * Yuan with two decimals, for messages to people (never for arithmetic).
 * @example formatFen(fen(12900)) // "129.00"
 */
export function formatFen(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
