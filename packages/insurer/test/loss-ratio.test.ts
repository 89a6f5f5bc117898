import { describe, expect, it } from 'vitest';
import { LOSS_RATIO_DEFINITION, lossRatios, ratioOf } from '../src/loss-ratio.ts';
import { twoYearsRun } from './support/two-years.ts';

describe('loss ratio per product year', () => {
  const [y2024, y2025] = lossRatios(twoYearsRun());

  it('counts 2024 claims and 2024 policies under 惠衢保 2024, net of the reversal', () => {
    // paid 5,000 + 1,000 + 200 yuan; c2's 1,000 reversed; 2 policies (held, enrolled) × 100 yuan.
    expect(y2024).toMatchObject({
      productId: 'huiqubao-2024',
      year: 2024,
      paidFen: 620_000,
      reversedFen: 100_000,
      netPaidFen: 520_000,
      claimsPaid: 3,
      policies: { held: 1, enrolled: 1, renewed: 0 },
      premiumsFen: 20_000,
      ratio: 26,
    });
  });

  it('counts the claim dated after the boundary and the renewed policy under 惠衢保 2025', () => {
    // paid 500 yuan (c4, 2025-01-05); policies: m1 renewed, m3 enrolled, × 120 yuan. m2 was only reminded.
    expect(y2025).toMatchObject({
      productId: 'huiqubao-2025',
      year: 2025,
      paidFen: 50_000,
      reversedFen: 0,
      netPaidFen: 50_000,
      claimsPaid: 1,
      policies: { held: 0, enrolled: 1, renewed: 1 },
      premiumsFen: 24_000,
      ratio: 2.0833,
    });
  });

  it('counts a held claim once a reviewer approved it, under the decision’s figures, net of its reversal', () => {
    // Prepare: the same run, each settled claim of 2024 held first and approved by a decision with its figures.
    const run = twoYearsRun();
    const results = run.results.flatMap((r) => {
      if (r.type !== 'claim' || r.status !== 'settled' || r.supplementary?.planId !== 'huiqubao-2024') return [r];
      const held = {
        ...r,
        status: 'held',
        flags: ['HIGH_VALUE'],
        basic: null,
        criticalIllness: null,
        assistance: null,
        supplementary: null,
      };
      const { type: _type, id, ...figures } = r;
      return [held, { ...figures, id: `d-${id}`, type: 'reviewDecision', claimId: id, status: 'settled' }] as never[];
    });

    // Act
    const [approved] = lossRatios({ ...run, results });

    // Assess: the same paid, reversed and net as when the claims settled at once.
    expect(approved).toMatchObject({ paidFen: 620_000, reversedFen: 100_000, netPaidFen: 520_000, claimsPaid: 3 });
  });

  it('has no ratio without premiums, and says what it counts', () => {
    expect(ratioOf(5, 0)).toBeNull();
    expect(ratioOf(1, 3)).toBe(0.3333);
    expect(LOSS_RATIO_DEFINITION).toMatch(/net of reversals/);
  });
});
