/**
 * claims/lines.ts: scope = Σ A + Σ (B − round(B × selfPayRatio)); first self-pay =
 * the B parts kept out; self-funded = Σ OOC; non-medical apart.
 */

import { parseScenario } from '@medins/contract';
import { type CostLine, fen, type LineCategory, splitLines, toBps } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { A, B, basicPlan, claim, employee, type LineInput, NM, OOC, scenario } from '../support/world.ts';

const line = (category: LineCategory, amount: number, selfPayRatio = 0): CostLine => ({
  code: 'X',
  category,
  amountFen: fen(amount),
  selfPayBps: toBps(selfPayRatio),
  onLabel: null,
});

describe('splitLines', () => {
  it('splits the contract example into scope, first self-pay, self-funded and non-medical', () => {
    const split = splitLines([line('A', 500_000), line('B', 200_000, 0.1), line('OOC', 300_000), line('nonMedical', 5000)]);
    expect(split).toEqual({
      scopeFen: 680_000, // 500,000 + (200,000 − 20,000)
      firstSelfPayFen: 20_000, // round(200,000 × 0.1)
      selfFundedFen: 300_000,
      nonMedicalFen: 5000,
      totalFen: 1_005_000, // 680,000 + 20,000 + 300,000 + 5,000
    });
  });

  it('rounds each B line’s first self-pay half up', () => {
    // B 15 × 0.1 = 1.5 → 2 kept, 13 in scope; B 14 × 0.1 = 1.4 → 1 kept, 13 in scope
    expect(splitLines([line('B', 15, 0.1)])).toMatchObject({ firstSelfPayFen: 2, scopeFen: 13 });
    expect(splitLines([line('B', 14, 0.1)])).toMatchObject({ firstSelfPayFen: 1, scopeFen: 13 });
    // two B lines of 15 round separately: 2 + 2 = 4, not round(3.0) = 3
    expect(splitLines([line('B', 15, 0.1), line('B', 15, 0.1)])).toMatchObject({ firstSelfPayFen: 4, scopeFen: 26 });
  });

  it('keeps the total equal to the sum of the lines', () => {
    const lines = [line('A', 1), line('B', 999, 0.33), line('OOC', 7), line('nonMedical', 11), line('B', 3, 1)];
    const split = splitLines(lines);
    expect(split.totalFen).toBe(1 + 999 + 7 + 11 + 3);
    expect(split.scopeFen + split.firstSelfPayFen + split.selfFundedFen + split.nonMedicalFen).toBe(split.totalFen);
  });

  it('takes a B line’s ratio from the contract, ignores selfPayRatio on other lines, and refuses a B line without one', () => {
    const doc = (lines: LineInput[]) => scenario({ plans: [basicPlan()], members: [employee('m1')], events: [claim('c1', lines)] });
    const event = parseScenario(doc([B(1000, 0.25), { code: 'A0', category: 'A', amountFen: 1000, selfPayRatio: 0.5 }])).events[0]!;
    if (event.type !== 'claim') throw new Error('expected a claim');
    expect(splitLines(event.lines)).toMatchObject({ scopeFen: 1750, firstSelfPayFen: 250 }); // 1,000 − 250 + 1,000
    expect(() => parseScenario(doc([{ code: 'B0', category: 'B', amountFen: 1000 }]))).toThrow(/selfPayRatio/);
  });

  it('is empty for no lines', () => {
    expect(splitLines([])).toEqual({ scopeFen: 0, firstSelfPayFen: 0, selfFundedFen: 0, nonMedicalFen: 0, totalFen: 0 });
  });

  it('builds lines as the support helpers say', () => {
    expect([A(1), B(2, 0.1), OOC(3), NM(4)].map((l) => l.category)).toEqual(['A', 'B', 'OOC', 'nonMedical']);
  });
});
