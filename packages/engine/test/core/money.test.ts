/**
 * core/money.ts: integer fen, ratios as basis points, `round_half_up(amount × ratio)`
 * computed as floor((amount × bps + 5000) / 10000) — exactly, even beyond 2^53.
 */

import { AmountError, addBpsCapped, type Bps, type Fen, fen, MAX_FEN, mulBps, negate, over, toBps } from '@medins/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const f = (n: number) => n as Fen;
const b = (n: number) => n as Bps;

describe('toBps', () => {
  it('converts a decimal ratio to basis points', () => {
    expect(toBps(0.85)).toBe(8500);
    expect(toBps(0.05)).toBe(500);
    expect(toBps(1)).toBe(10_000);
    expect(toBps(0)).toBe(0);
    expect(toBps(0.0001)).toBe(1);
  });

  it('rounds the float product instead of truncating it', () => {
    // 0.29 × 10000 = 2899.9999999999995 in binary floating point; round → 2900, floor would give 2899
    expect(toBps(0.29)).toBe(2900);
    // 0.57 × 10000 = 5699.999999999999
    expect(toBps(0.57)).toBe(5700);
  });
});

describe('mulBps', () => {
  it('rounds half up at exactly .5', () => {
    expect(mulBps(f(1), b(5000))).toBe(1); // 0.5 → 1
    expect(mulBps(f(3), b(5000))).toBe(2); // 1.5 → 2
    expect(mulBps(f(5), b(1000))).toBe(1); // 0.5 → 1
    expect(mulBps(f(25), b(1000))).toBe(3); // 2.5 → 3 (half up, not half even)
  });

  it('rounds down below .5 and up above it', () => {
    expect(mulBps(f(4), b(1000))).toBe(0); // 0.4 → 0
    expect(mulBps(f(1), b(4999))).toBe(0); // 0.4999 → 0
    expect(mulBps(f(14), b(3333))).toBe(5); // 4.6662 → 5
    expect(mulBps(f(6), b(1000))).toBe(1); // 0.6 → 1
  });

  it('computes the figures of the source documents', () => {
    expect(mulBps(f(24_380_000), toBps(0.6))).toBe(14_628_000); // 24,380,000 × 0.6
    expect(mulBps(f(590_000), toBps(0.8))).toBe(472_000); // (680,000 − 90,000) × 0.8
    expect(mulBps(f(0), toBps(0.85))).toBe(0);
    expect(mulBps(f(123_456), b(10_000))).toBe(123_456); // ratio 1 is the identity
  });

  it('falls back to BigInt when amount × bps leaves the safe integer range', () => {
    // 961,005,475,001 × 9999 = 9,609,093,744,534,999 (> 2^53); / 10000 = 960,909,374,453.4999… → …453.
    // Float arithmetic would give 960,909,374,454.
    expect(mulBps(f(961_005_475_001), b(9999))).toBe(960_909_374_453);
    // 3,602,879,701,896,397 × 0.5 = 1,801,439,850,948,198.5 → half up …199 (floats give …198)
    expect(mulBps(f(3_602_879_701_896_397), b(5000))).toBe(1_801_439_850_948_199);
    // the contract's largest figure at 100%
    expect(mulBps(f(MAX_FEN), b(10_000))).toBe(MAX_FEN);
  });

  it('agrees with exact BigInt arithmetic for every amount up to 1000 × MAX_FEN', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 * MAX_FEN }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        const exact = (BigInt(amount) * BigInt(bps) + 5000n) / 10_000n;
        expect(mulBps(f(amount), b(bps))).toBe(Number(exact));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a negative amount', () => {
    expect(() => mulBps(f(-1), b(5000))).toThrow(AmountError);
  });
});

describe('fen and helpers', () => {
  it('accepts only safe integers as fen', () => {
    expect(fen(12_900)).toBe(12_900);
    expect(() => fen(1.5)).toThrow(AmountError);
    expect(() => fen(2 ** 53)).toThrow(AmountError);
    expect(() => fen(Number.NaN)).toThrow(AmountError);
  });

  it('caps a retiree bonus at 100%', () => {
    expect(addBpsCapped(b(8000), b(500))).toBe(8500);
    expect(addBpsCapped(b(9800), b(500))).toBe(10_000); // 0.98 + 0.05 → 1
  });

  it('never produces a negative zero or a negative remainder', () => {
    expect(Object.is(negate(f(0)), 0)).toBe(true);
    expect(negate(f(5))).toBe(-5);
    expect(over(f(3), f(5))).toBe(0);
    expect(over(f(5), f(3))).toBe(2);
  });
});
