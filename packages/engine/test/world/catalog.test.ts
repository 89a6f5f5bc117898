/**
 * world/catalog.ts: every plan lookup finds the plan of its scheme, region and
 * year whatever order the plans were listed in, and never one of another.
 */
import { parseScenario } from '@medins/contract';
import type { Catalog, PlanId, RegionCode } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { aidPlan, basicPlan, ciPlan, HZ, type PlanInput, product, QZ, region, scenario } from '../support/world.ts';

const plans: PlanInput[] = [
  basicPlan({ scheme: 'employee', region: QZ, year: 2021 }),
  basicPlan({ scheme: 'resident', region: QZ, year: 2021 }),
  basicPlan({ scheme: 'employee', region: QZ, year: 2022 }),
  basicPlan({ scheme: 'employee', region: HZ, year: 2021 }),
  ciPlan({ id: 'ci-qz-emp', region: QZ, year: 2021, schemes: ['employee'] }),
  ciPlan({ id: 'ci-qz-res', region: QZ, year: 2021, schemes: ['resident'] }),
  ciPlan({ id: 'ci-hz', region: HZ, year: 2021, schemes: ['employee', 'resident'] }),
  aidPlan({ id: 'aid-qz-2021', region: QZ, year: 2021 }),
  aidPlan({ id: 'aid-qz-2022', region: QZ, year: 2022 }),
  product({ id: 'p-b', coverage: { from: '2021-01-01', to: '2021-12-31' } }),
  product({ id: 'p-a', coverage: { from: '2021-07-01', to: '2022-06-30' } }),
  product({ id: 'p-c', year: 2022, coverage: { from: '2022-01-01', to: '2022-12-31' } }),
];

const catalogOf = (listed: PlanInput[]): Catalog =>
  parseScenario(scenario({ regions: [region(QZ), region(HZ)], plans: listed })).world.catalog;

const r = (code: string) => code as RegionCode;

describe.each([
  ['as listed', plans],
  ['reversed', [...plans].reverse()],
])('Catalog lookups, plans %s', (_, listed) => {
  const catalog = catalogOf(listed);

  it('finds the basic plan of the scheme, the region and the year, and none for a year without one', () => {
    expect(catalog.basicPlan('employee', r(QZ), 2021)?.id).toBe(`basic-employee-${QZ}-2021`);
    expect(catalog.basicPlan('resident', r(QZ), 2021)?.id).toBe(`basic-resident-${QZ}-2021`);
    expect(catalog.basicPlan('employee', r(QZ), 2022)?.id).toBe(`basic-employee-${QZ}-2022`);
    expect(catalog.basicPlan('employee', r(HZ), 2021)?.id).toBe(`basic-employee-${HZ}-2021`);
    expect(catalog.basicPlan('resident', r(QZ), 2022)).toBeUndefined();
    expect(catalog.basicPlan('resident', r(HZ), 2021)).toBeUndefined();
  });

  it('finds the critical-illness plan that names the scheme', () => {
    expect(catalog.criticalIllnessPlan('employee', r(QZ), 2021)?.id).toBe('ci-qz-emp');
    expect(catalog.criticalIllnessPlan('resident', r(QZ), 2021)?.id).toBe('ci-qz-res');
    expect(catalog.criticalIllnessPlan('resident', r(HZ), 2021)?.id).toBe('ci-hz');
    expect(catalog.criticalIllnessPlan('employee', r(QZ), 2022)).toBeUndefined();
  });

  it('finds the assistance plan of the region and the year', () => {
    expect(catalog.assistancePlan(r(QZ), 2021)?.id).toBe('aid-qz-2021');
    expect(catalog.assistancePlan(r(QZ), 2022)?.id).toBe('aid-qz-2022');
    expect(catalog.assistancePlan(r(HZ), 2021)).toBeUndefined();
  });

  it('lists the products covering a date in id order, bounds included', () => {
    const ids = (date: string) => catalog.productsCovering(date as never).map((p) => p.id);
    expect(ids('2021-03-01')).toEqual(['p-b']);
    expect(ids('2021-07-01')).toEqual(['p-a', 'p-b']);
    expect(ids('2021-12-31')).toEqual(['p-a', 'p-b']);
    expect(ids('2022-01-01')).toEqual(['p-a', 'p-c']);
    expect(ids('2022-07-01')).toEqual(['p-c']);
    expect(ids('2020-12-31')).toEqual([]);
    expect(catalog.product('p-a' as PlanId)?.id).toBe('p-a');
  });
});
