/**
 * claims/counters.ts: the Tally reads what earlier claims left plus this claim's
 * additions, and refuses to take anything back within a claim.
 */

import { type Fen, InvariantError, Tally } from '@medins/engine';
import { describe, expect, it } from 'vitest';

const f = (n: number) => n as Fen;

describe('Tally', () => {
  it('adds to what earlier claims left and reports only this claim’s contributions', () => {
    const tally = new Tally(new Map([['basic:p:paid', f(500)]]));
    tally.add('basic:p:paid', f(200));
    tally.add('ci:p:selfPay', f(0));
    expect(tally.get('basic:p:paid')).toBe(700);
    expect(tally.deltas()).toEqual({ 'basic:p:paid': 200 });
  });

  it('refuses a decrease as a broken invariant naming the accumulator', () => {
    const tally = new Tally(new Map());
    let thrown: unknown;
    try {
      tally.add('basic:p:paid', f(-1));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvariantError);
    expect(thrown).toMatchObject({ code: 'INVARIANT_BROKEN', entity: 'basic:p:paid' });
  });
});
