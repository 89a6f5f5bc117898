/**
 * Type tests for the money brands (src/core/money.ts), checked by `tsc --noEmit` (`npm test`
 * runs it first): a plain number is not money, arithmetic on fen gives a plain number back, and
 * fen and basis points do not mix. Each `@ts-expect-error` fails the typecheck the day its line
 * compiles, so removing a brand breaks this file.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { add, type Bps, type Fen, fen, mulBps, toBps, ZERO } from '../../src/core/money.ts';

/** Something that accepts only fen, as every figure of the engine does. */
const takesFen = (amount: Fen): Fen => amount;

describe('Fen', () => {
  it('is not a plain number: a number becomes money only through fen()', () => {
    // Assess
    expectTypeOf<number>().not.toExtend<Fen>();
    expectTypeOf(fen(12_900)).toEqualTypeOf<Fen>();
    expectTypeOf(ZERO).toEqualTypeOf<Fen>();
    // @ts-expect-error a bare number is not an amount of fen
    takesFen(12_900);
  });

  it('plus a plain number is a plain number, not Fen', () => {
    // Prepare
    const amount = fen(12_900);
    // Act
    const sum = amount + 1;
    // Assess
    expectTypeOf(sum).toEqualTypeOf<number>();
    expectTypeOf(sum).not.toExtend<Fen>();
    // @ts-expect-error fen + 1 must be branded again (fen()) before it is money
    takesFen(amount + 1);
    // @ts-expect-error the engine's sum takes amounts of fen only
    add(amount, 1);
    expectTypeOf(add(amount, amount)).toEqualTypeOf<Fen>();
  });

  it('does not mix with basis points', () => {
    // Assess
    expectTypeOf<Bps>().not.toExtend<Fen>();
    expectTypeOf<Fen>().not.toExtend<Bps>();
    expectTypeOf(mulBps(fen(10_000), toBps(0.85))).toEqualTypeOf<Fen>();
    // @ts-expect-error an amount and a ratio swapped
    mulBps(toBps(0.85), fen(10_000));
  });
});
