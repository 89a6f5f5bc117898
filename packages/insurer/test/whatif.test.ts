/**
 * The what-if: the same events through the engine under changed parameters. No
 * change gives the baseline exactly; hand-worked changes on the two-year city; a
 * lower deductible never lowers the payout (property); bad parameters are refused
 * naming them.
 */
import { generateWorkload } from '@medins/workload';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { whatIfClaimsCsv } from '../src/csv.ts';
import { WhatIfParameterError } from '../src/errors.ts';
import { applySettings, parseSetting } from '../src/parameters.ts';
import { whatIf } from '../src/whatif.ts';
import { TWO_YEARS } from './support/two-years.ts';

const set = (...texts: string[]) => texts.map(parseSetting);

describe('what-if', () => {
  it('with no change, is the baseline exactly', () => {
    const city = generateWorkload({ members: 200, claims: 300, seed: 12 });
    const r = whatIf(city, []);
    expect(r.identical).toBe(true);
    expect(r.variant).toEqual(r.baseline);
    expect(r.lossRatios.variant).toEqual(r.lossRatios.baseline);
    expect(r.claimsChanged).toBe(0);
    expect(r.baseline.claims).toBeGreaterThan(200);
  });

  it('pays 60 % instead of 50 % on the 2024 claims, by hand', () => {
    const r = whatIf(TWO_YEARS, set('huiqubao-2024.R1.ratio=0.6'));
    expect(r.changes).toEqual([{ path: 'huiqubao-2024.R1.ratio', from: 0.5, to: 0.6 }]);
    // Unreversed: c1 10,000 and c3 400 yuan at 60 %, c4 (2025) unchanged at 500 yuan.
    expect([r.baseline.supplementaryFen, r.variant.supplementaryFen]).toEqual([570_000, 674_000]);
    expect(r.variant.byResponsibility).toEqual({ 'huiqubao-2024.R1': 624_000, 'huiqubao-2025.R1': 50_000 });
    expect(r.variant.cashFen).toBe(r.baseline.cashFen - 104_000);
    const [y2024v, y2025v] = r.lossRatios.variant;
    expect([y2024v?.netPaidFen, y2024v?.premiumsFen, y2024v?.ratio]).toEqual([624_000, 20_000, 31.2]);
    expect(y2025v).toEqual(r.lossRatios.baseline[1]);
    expect(r.changedClaims.map((c) => [c.claimId, c.baselineSupplementaryFen, c.variantSupplementaryFen])).toEqual([
      ['c1', 500_000, 600_000],
      ['c3', 20_000, 24_000],
    ]);
    expect(r.byVisitType).toEqual([
      {
        group: 'inpatient',
        claims: 3,
        baselineSupplementaryFen: 570_000,
        variantSupplementaryFen: 674_000,
        baselineCashFen: 570_000,
        variantCashFen: 466_000,
      },
    ]);
    expect(r.byAgeBand.map((g) => g.group)).toEqual(['30-39', '40-49']);
    const csv = whatIfClaimsCsv(r).split('\r\n');
    expect(csv[0]).toBe(
      '\uFEFFclaim_id,visit_type,age_band,total_yuan,baseline_supplementary_yuan,variant_supplementary_yuan,baseline_cash_yuan,variant_cash_yuan',
    );
    expect(csv[1]).toBe('c1,inpatient,40-49,10000.00,5000.00,6000.00,5000.00,4000.00');
    expect(r.identical).toBe(false);
  });

  it('changes the premium of next year: the renewal and the new enrollment pay it', () => {
    const r = whatIf(TWO_YEARS, set('huiqubao-2025.premiumFen=15000'));
    expect(r.lossRatios.variant[1]).toMatchObject({ premiumsFen: 30_000, netPaidFen: 50_000, ratio: 1.6667 });
    expect(r.variant.supplementaryFen).toBe(r.baseline.supplementaryFen);
  });

  it('refuses a parameter that names nothing, is not a number, or breaks the contract, naming it', () => {
    const cases: [string, RegExp][] = [
      ['nope.premiumFen=1', /nope.premiumFen: no plan or product "nope"/],
      ['huiqubao-2024.R9.ratio=0.5', /"R9" names no field or element/],
      ['huiqubao-2024.name=1', /only a number can be changed \(this is string\)/],
      ['huiqubao-2024.responsibilities=1', /only a number can be changed \(this is a list\)/],
      ['huiqubao-2024.R1.ratio=1.5', /not a valid scenario: .*plans\[\d\]\.responsibilities\[0\]\.ratio/],
      ['huiqubao-2024.premiumFen=0.5', /not a valid scenario: .*premiumFen/],
      ['huiqubao-2024', /PLAN.PATH=NUMBER/],
      ['huiqubao-2024.R1.ratio=x', /the value must be a number/],
      ['huiqubao-2024=1', /name a number of the plan/],
    ];
    for (const [text, message] of cases) {
      let thrown: unknown;
      try {
        applySettings(TWO_YEARS, set(text));
      } catch (e) {
        thrown = e;
      }
      expect(thrown, text).toBeInstanceOf(WhatIfParameterError);
      expect((thrown as Error).message, text).toMatch(message);
    }
    expect(() => applySettings(TWO_YEARS, set('huiqubao-2024.responsibilities.5.ratio=0.5'))).toThrow(/no element "5"/);
    expect(() => applySettings({ version: 1 }, set('x.y=1'))).toThrow(/the scenario has no plans to change/);
    expect(() => applySettings(TWO_YEARS, set('huiqubao-2024.coverage.from.x=1'))).toThrow(/coverage.from.x: from holds no fields/);
    expect(() => applySettings(TWO_YEARS, set('huiqubao-2024.coverage.x=1'))).toThrow(/"x" names no field or element/);
    expect(applySettings(TWO_YEARS, set('huiqubao-2024.responsibilities.0.capFen=5')).changes[0]?.from).toBe(10_000_000_000);
    expect(applySettings(TWO_YEARS, set('qz-employee-2024.benefits.inpatient.ratio.3=0.8')).changes).toEqual([
      { path: 'qz-employee-2024.benefits.inpatient.ratio.3', from: 0, to: 0.8 },
    ]);
  });

  it('never pays less when a deductible is lowered (property)', () => {
    const city = generateWorkload({ members: 150, claims: 250, seed: 21 }) as unknown as {
      plans: { id: string; tier: string; responsibilities?: { id: string; deductibleFen: number }[] }[];
    };
    const product = city.plans.find((p) => p.tier === 'supplementary' && p.responsibilities?.some((r) => r.deductibleFen > 0))!;
    const responsibilities = product.responsibilities!.filter((r) => r.deductibleFen > 0);
    fc.assert(
      fc.property(fc.constantFrom(...responsibilities), fc.double({ min: 0, max: 1, noNaN: true }), (r, share) => {
        const lower = Math.floor(r.deductibleFen * share);
        const report = whatIf(city, set(`${product.id}.${r.id}.deductibleFen=${lower}`));
        expect(report.variant.supplementaryFen).toBeGreaterThanOrEqual(report.baseline.supplementaryFen);
        for (const [key, fen] of Object.entries(report.baseline.byResponsibility))
          expect(report.variant.byResponsibility[key] ?? 0, key).toBeGreaterThanOrEqual(fen);
      }),
      { numRuns: 12, seed: 19 },
    );
    // Not vacuous: without any deductible this city's product pays more.
    const none = whatIf(city, set(...responsibilities.map((r) => `${product.id}.${r.id}.deductibleFen=0`)));
    expect(none.variant.supplementaryFen).toBeGreaterThan(none.baseline.supplementaryFen);
  });
});
