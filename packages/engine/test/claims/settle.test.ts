/**
 * claims/settle.ts: the explanation of benefits must add up, checked on every claim;
 * a claim that does not is a broken invariant naming the claim.
 */

import { assertBalanced, claimParts, type Fen, InvariantError } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { A, basicPlan, claim, employee, run, scenario } from '../support/world.ts';

const settled = () =>
  run(scenario({ plans: [basicPlan()], members: [employee('m1')], events: [claim('c1', [A(30_000)], { memberId: 'm1' })] })).claim('c1');

describe('assertBalanced', () => {
  it('accepts a settled claim whose parts add up to its total', () => {
    const result = settled();
    expect(claimParts(result).reduce((a, b) => a + b, 0)).toBe(result.totalFen);
    expect(() => assertBalanced(result)).not.toThrow();
  });

  it('refuses one fen too many as a broken invariant of that claim', () => {
    const result = settled();
    let thrown: unknown;
    try {
      assertBalanced({ ...result, totalFen: (result.totalFen + 1) as Fen });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvariantError);
    expect(thrown).toMatchObject({ name: 'InvariantError', code: 'INVARIANT_BROKEN', entity: 'c1' });
    expect((thrown as Error).message).toMatch(/^claim c1 does not balance/);
  });
});
