/**
 * Test support: a tiny city across a product-year boundary, small enough to work
 * out by hand. The basic plan pays nothing (ratio 0, no deductible) and there is
 * no critical illness, so each product's one responsibility (in-policy self-pay,
 * no deductible, 50 %, no cap) pays exactly half of every claim's in-scope cost.
 *
 * - 惠衢保 2024 (premium 100 yuan): m1 holds a policy at the start (personal
 *   account); m2 enrolls with cash. Claims: c1 10,000 yuan (pays 5,000), c2 2,000
 *   yuan (pays 1,000, then reversed by x1), c3 400 yuan on 2024-12-30 (pays 200).
 * - 惠衢保 2025 (premium 120 yuan): the campaign renews m1 from the account (m1
 *   authorised it) and reminds m2; m3 (a resident) enrolls with cash. Claim c4,
 *   1,000 yuan on 2025-01-05, pays 500.
 */
import { parseScenario, type ScenarioInput } from '@medins/contract';
import { replay } from '@medins/engine';
import type { InsurerRun } from '../../src/run.ts';

const t = (date: string, time = '10:00:00') => `${date}T${time}+08:00`;

const basic = (scheme: 'employee' | 'resident', year: number) => ({
  tier: 'basic' as const,
  id: `qz-${scheme}-${year}`,
  scheme,
  region: '330800',
  year,
  benefits: { inpatient: { deductibleFen: { '3': 0 }, deductiblePer: 'visit' as const, ratio: { '3': 0 }, retireeBonus: 0 } },
});

const product = (year: number, premiumFen: number) => ({
  tier: 'supplementary' as const,
  id: `huiqubao-${year}`,
  name: '惠衢保',
  region: '330800',
  regionScope: 'city' as const,
  year,
  premiumFen,
  coverage: { from: `${year}-01-01`, to: `${year}-12-31` },
  enrollment: {
    opensAt: t(`${year - 1}-11-01`, '00:00:00'),
    closesAt: t(`${year}-01-31`, '23:59:59.999'),
    accountPayment: { balance: 'any' as const, relationships: ['self' as const], maxRelatives: 5 },
  },
  responsibilities: [
    {
      id: 'R1',
      kind: 'inPolicySelfPay' as const,
      visitTypes: ['inpatient' as const],
      deductibleFen: 0,
      ratio: 0.5,
      capFen: 100_000_000_00,
    },
  ],
});

const claim = (id: string, memberId: string, serviceDate: string, amountFen: number) => ({
  type: 'claim' as const,
  id,
  at: t(serviceDate, '18:00:00'),
  memberId,
  cardHolderId: memberId,
  providerId: 'H-QZ-3',
  visitType: 'inpatient' as const,
  serviceDate,
  // Cash only: m1's account is kept whole for the renewal's premium.
  useAccount: false,
  lines: [{ code: 'X1', category: 'A' as const, amountFen }],
});

export const TWO_YEARS: ScenarioInput = {
  version: 1,
  regions: [{ code: '330800', province: '330000', name: '衢州市' }],
  plans: [
    basic('employee', 2024),
    basic('resident', 2024),
    basic('employee', 2025),
    basic('resident', 2025),
    product(2024, 10_000),
    product(2025, 12_000),
  ],
  providers: [{ id: 'H-QZ-3', region: '330800', type: 'hospital', level: 3, designated: true }],
  members: [
    {
      id: 'm1',
      name: '张三',
      idNumber: '330802198001010011',
      phone: '13800000000',
      scheme: 'employee',
      region: '330800',
      status: 'active',
      autoRenew: true,
      personalAccount: { currentFen: 0, historicalFen: 100_000 },
    },
    {
      id: 'm2',
      name: '李四',
      idNumber: '330802198505050022',
      phone: '13900000000',
      scheme: 'employee',
      region: '330800',
      status: 'active',
      personalAccount: { currentFen: 50_000, historicalFen: 0 },
    },
    { id: 'm3', name: '王五', idNumber: '330802199001010033', phone: null, scheme: 'resident', region: '330800', status: 'active' },
  ],
  policies: [{ id: 'pol-1', productId: 'huiqubao-2024', insuredId: 'm1', payerId: 'm1', relationship: 'self', payment: 'personalAccount' }],
  events: [
    {
      type: 'enroll',
      id: 'e1',
      at: t('2024-01-10'),
      productId: 'huiqubao-2024',
      payerId: 'm2',
      insuredId: 'm2',
      relationship: 'self',
      payment: 'cash',
    },
    claim('c1', 'm1', '2024-03-01', 1_000_000),
    claim('c2', 'm2', '2024-06-01', 200_000),
    { type: 'reverseClaim', id: 'x1', at: t('2024-06-03'), claimId: 'c2' },
    { type: 'renewalCampaign', id: 'r1', at: t('2024-11-15', '02:00:00'), fromProductId: 'huiqubao-2024', toProductId: 'huiqubao-2025' },
    {
      type: 'enroll',
      id: 'e2',
      at: t('2024-12-20'),
      productId: 'huiqubao-2025',
      payerId: 'm3',
      insuredId: 'm3',
      relationship: 'self',
      payment: 'cash',
    },
    claim('c3', 'm2', '2024-12-30', 40_000),
    claim('c4', 'm1', '2025-01-05', 100_000),
  ],
} as ScenarioInput;

/** The two-year city replayed by the engine, as the insurer reads a run. */
export function twoYearsRun(input: ScenarioInput = TWO_YEARS): InsurerRun {
  const scenario = parseScenario(input);
  const outcome = replay(scenario.world, scenario.events);
  return { world: scenario.world, events: scenario.events, results: outcome.results, balances: outcome.balances };
}
