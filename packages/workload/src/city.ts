/**
 * The city (generator → city): 衢州 (330800) with its neighbour 金华 (330700, same
 * province) and 上饶 (361100, 江西) for out-of-province cases; the basic plans of
 * both schemes for the service year, critical illness, assistance, the city
 * supplementary product 惠衢保 for the service year and the next one; hospitals,
 * pharmacies and the special-drug list. Figures follow DOMAIN.md and the contract
 * examples; where those are silent they are plausible, not official.
 */
import { endOfYear, isoShanghai, shanghai } from './clock.ts';
import type { BasicPlanInput, BenefitInput, PlanInput, ProductInput, ProviderInput, RegionInput, Relationship } from './types.ts';

export interface CityArea {
  readonly code: string;
  readonly province: string;
  readonly name: string;
  /** Plan and provider id prefix. */
  readonly tag: string;
  /** County-level codes used in ID numbers of people registered here. */
  readonly districts: readonly string[];
}

const QUZHOU: CityArea = {
  code: '330800',
  province: '330000',
  name: '衢州市',
  tag: 'qz',
  districts: ['330802', '330803', '330822', '330824', '330825', '330881'],
};
const JINHUA: CityArea = {
  code: '330700',
  province: '330000',
  name: '金华市',
  tag: 'jh',
  districts: ['330702', '330703', '330781', '330782', '330783', '330784'],
};
const SHANGRAO: CityArea = {
  code: '361100',
  province: '360000',
  name: '上饶市',
  tag: 'sr',
  districts: ['361102', '361103', '361104', '361123', '361181'],
};

const FAMILY_RELATIONSHIPS: Relationship[] = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild'];
/** 惠衢保: the historical balance may pay for self and up to 5 relatives (spouse, children, parents). */
export const ACCOUNT_RELATIONSHIPS: readonly Relationship[] = ['self', 'spouse', 'child', 'parent'];
export const MAX_RELATIVES = 5;

/** Special drugs on the product's list (特药目录), and a few that look alike but are not listed. */
export const LISTED_SPECIAL_DRUGS = Array.from({ length: 20 }, (_, i) => `SD${String(i + 1).padStart(2, '0')}`);
export const UNLISTED_SPECIAL_DRUGS = ['SD21', 'SD22', 'SD23', 'SD24'];

export interface EnrollmentWindow {
  readonly opensAt: number;
  readonly closesAt: number;
}

export interface ProductSpec {
  readonly id: string;
  readonly year: number;
  readonly premiumFen: number;
  readonly window: EnrollmentWindow;
}

/** Providers grouped by what the claims module draws them for. */
export interface ProviderPools {
  readonly hospitalsByLevel: Readonly<Record<1 | 2 | 3, readonly string[]>>;
  readonly specialDrugPharmacies: readonly string[];
  readonly pharmacies: readonly string[];
  readonly nonDesignatedHospitals: readonly string[];
  readonly nonDesignatedPharmacies: readonly string[];
  readonly neighbourHospital: string;
  readonly neighbourPharmacy: string;
  readonly awayHospital: string;
}

export interface City {
  readonly year: number;
  readonly home: CityArea;
  readonly neighbour: CityArea;
  readonly away: CityArea;
  readonly regions: RegionInput[];
  readonly plans: PlanInput[];
  readonly providers: ProviderInput[];
  readonly product: ProductSpec;
  readonly nextProduct: ProductSpec;
  readonly pools: ProviderPools;
}

export interface CityOptions {
  readonly year: number;
  /** What a family-aid holder in the home city keeps untouched (浙江: none). */
  readonly reserveFen: number;
}

function region(area: CityArea, reserveFen: number): RegionInput {
  return {
    code: area.code,
    province: area.province,
    name: area.name,
    familyAid: { relationships: FAMILY_RELATIONSHIPS, reserveFen, sameCity: false },
  };
}

const byLevel = (l1: number, l2: number, l3: number) => ({ '1': l1, '2': l2, '3': l3 });

/** Typed at the call site so a misspelt field fails to compile. */
const benefit = (b: BenefitInput): BenefitInput => b;

function employeePlan(area: CityArea, year: number): BasicPlanInput {
  return {
    tier: 'basic',
    id: `${area.tag}-employee-${year}`,
    name: `${area.name}职工基本医疗保险`,
    scheme: 'employee',
    region: area.code,
    year,
    annualCapFen: 30_000_000,
    benefits: {
      inpatient: benefit({
        deductibleFen: byLevel(30_000, 60_000, 90_000),
        deductiblePer: 'visit',
        ratio: byLevel(0.9, 0.85, 0.8),
        retireeBonus: 0.05,
      }),
      specialOutpatient: benefit({
        deductibleFen: byLevel(0, 0, 0),
        deductiblePer: 'year',
        ratio: byLevel(0.9, 0.85, 0.8),
        retireeBonus: 0.05,
        annualCapFen: 10_000_000,
      }),
      // Ürümqi-style figures from the seeds: 80/70/60 %, per-visit caps 300/800/1,300 yuan.
      outpatient: benefit({
        deductibleFen: byLevel(30_000, 30_000, 30_000),
        deductiblePer: 'year',
        ratio: byLevel(0.8, 0.7, 0.6),
        retireeBonus: 0.05,
        perVisitCapFen: byLevel(30_000, 80_000, 130_000),
        annualCapFen: 400_000,
      }),
      pharmacy: benefit({
        deductibleFen: { '1': 0 },
        deductiblePer: 'year',
        ratio: { '1': 0.5 },
        retireeBonus: 0.1,
        annualCapFen: 200_000,
      }),
    },
  };
}

/** Residents have no plain-outpatient benefit here (as in the contract examples). */
function residentPlan(area: CityArea, year: number): BasicPlanInput {
  return {
    tier: 'basic',
    id: `${area.tag}-resident-${year}`,
    name: `${area.name}城乡居民基本医疗保险`,
    scheme: 'resident',
    region: area.code,
    year,
    annualCapFen: 25_000_000,
    benefits: {
      inpatient: benefit({
        deductibleFen: byLevel(30_000, 80_000, 120_000),
        deductiblePer: 'visit',
        ratio: byLevel(0.85, 0.75, 0.6),
      }),
      specialOutpatient: benefit({
        deductibleFen: byLevel(0, 0, 0),
        deductiblePer: 'year',
        ratio: byLevel(0.85, 0.75, 0.6),
        annualCapFen: 8_000_000,
      }),
      pharmacy: benefit({ deductibleFen: { '1': 0 }, deductiblePer: 'year', ratio: { '1': 0.5 }, annualCapFen: 100_000 }),
    },
  };
}

function criticalIllnessPlan(area: CityArea, year: number): PlanInput {
  return {
    tier: 'criticalIllness',
    id: `${area.tag}-ci-${year}`,
    name: `${area.name}大病保险`,
    region: area.code,
    year,
    schemes: ['employee', 'resident'],
    visitTypes: ['inpatient', 'specialOutpatient'],
    thresholdFen: 2_000_000,
    annualCapFen: 40_000_000,
    bands: [
      { uptoFen: 10_000_000, ratio: 0.6 },
      { uptoFen: null, ratio: 0.7 },
    ],
  };
}

function assistancePlan(area: CityArea, year: number): PlanInput {
  return {
    tier: 'assistance',
    id: `${area.tag}-aid-${year}`,
    name: `${area.name}医疗救助`,
    region: area.code,
    year,
    categories: { lowIncome: 0.7, destitute: 1 },
    deductibleFen: 0,
    annualCapFen: 5_000_000,
  };
}

/**
 * 惠衢保 of one year: 责任一 in-policy self-pay above the critical-illness threshold,
 * 责任二 out-of-catalogue costs (outside 衢州 at 50 %; on-label only in the service
 * year's edition, as 江苏医惠保1号 asks), 责任三 listed special drugs at designated
 * pharmacies, 责任四 plain-outpatient in-policy self-pay above 3,000 yuan.
 */
function product(area: CityArea, spec: ProductSpec, onLabelOnly: boolean): ProductInput {
  const year = spec.year;
  return {
    tier: 'supplementary',
    id: spec.id,
    name: '惠衢保',
    region: area.code,
    regionScope: 'city',
    year,
    premiumFen: spec.premiumFen,
    coverage: { from: `${year}-01-01`, to: `${year}-12-31` },
    enrollment: {
      opensAt: isoShanghai(spec.window.opensAt),
      closesAt: isoShanghai(spec.window.closesAt),
      accountPayment: { balance: 'historical', relationships: [...ACCOUNT_RELATIONSHIPS], maxRelatives: MAX_RELATIVES },
    },
    responsibilities: [
      {
        id: 'R1',
        kind: 'inPolicyAboveCriticalThreshold',
        visitTypes: ['inpatient', 'specialOutpatient'],
        deductibleFen: 0,
        ratio: 0.5,
        capFen: 50_000_000,
      },
      {
        id: 'R2',
        kind: 'outOfCatalog',
        visitTypes: ['inpatient', 'specialOutpatient'],
        deductibleFen: 1_000_000,
        ratio: 0.5,
        capFen: 50_000_000,
        outOfRegionWeight: 0.5,
        requireOnLabel: onLabelOnly,
      },
      {
        id: 'R3',
        kind: 'specialDrug',
        visitTypes: ['pharmacy'],
        drugs: [...LISTED_SPECIAL_DRUGS],
        deductibleFen: 500_000,
        ratio: 0.5,
        capFen: 50_000_000,
      },
      { id: 'R4', kind: 'inPolicySelfPay', visitTypes: ['outpatient'], deductibleFen: 300_000, ratio: 0.5, capFen: 1_000_000 },
    ],
  };
}

function provider(
  id: string,
  name: string,
  area: CityArea,
  type: 'hospital' | 'pharmacy',
  level: number,
  designated = true,
  specialDrugs = false,
): ProviderInput {
  return { id, name, region: area.code, type, level, designated, ...(type === 'pharmacy' ? { specialDrugs } : {}) };
}

function providers(): { list: ProviderInput[]; pools: ProviderPools } {
  const qz = QUZHOU;
  const list: ProviderInput[] = [
    provider('H-QZ-301', '衢州市人民医院', qz, 'hospital', 3),
    provider('H-QZ-302', '衢州市中医医院', qz, 'hospital', 3),
    provider('H-QZ-303', '衢州市第二人民医院', qz, 'hospital', 3),
    provider('H-QZ-201', '柯城区人民医院', qz, 'hospital', 2),
    provider('H-QZ-202', '衢江区人民医院', qz, 'hospital', 2),
    provider('H-QZ-203', '龙游县人民医院', qz, 'hospital', 2),
    provider('H-QZ-204', '江山市人民医院', qz, 'hospital', 2),
    provider('H-QZ-205', '常山县人民医院', qz, 'hospital', 2),
    provider('H-QZ-206', '开化县人民医院', qz, 'hospital', 2),
    provider('H-QZ-101', '府山街道社区卫生服务中心', qz, 'hospital', 1),
    provider('H-QZ-102', '荷花街道社区卫生服务中心', qz, 'hospital', 1),
    provider('H-QZ-103', '樟潭街道社区卫生服务中心', qz, 'hospital', 1),
    provider('H-QZ-104', '东华街道社区卫生服务中心', qz, 'hospital', 1),
    provider('H-QZ-105', '虎山街道社区卫生服务中心', qz, 'hospital', 1),
    provider('H-QZ-106', '天马街道社区卫生服务中心', qz, 'hospital', 1),
    provider('H-QZ-X21', '民营医疗美容医院（非定点）', qz, 'hospital', 2, false),
    provider('H-QZ-X11', '民营口腔诊所（非定点）', qz, 'hospital', 1, false),
    provider('P-QZ-D01', '特药定点药房（柯城）', qz, 'pharmacy', 1, true, true),
    provider('P-QZ-D02', '特药定点药房（江山）', qz, 'pharmacy', 1, true, true),
    provider('P-QZ-001', '连锁大药房（荷花店）', qz, 'pharmacy', 1),
    provider('P-QZ-002', '连锁大药房（新新店）', qz, 'pharmacy', 1),
    provider('P-QZ-003', '连锁大药房（樟潭店）', qz, 'pharmacy', 1),
    provider('P-QZ-004', '连锁大药房（龙游店）', qz, 'pharmacy', 1),
    provider('P-QZ-005', '连锁大药房（常山店）', qz, 'pharmacy', 1),
    provider('P-QZ-006', '连锁大药房（开化店）', qz, 'pharmacy', 1),
    provider('P-QZ-X01', '便民药店（非定点）', qz, 'pharmacy', 1, false),
    provider('H-JH-301', '金华市中心医院', JINHUA, 'hospital', 3),
    provider('P-JH-D01', '特药定点药房（金华）', JINHUA, 'pharmacy', 1, true, true),
    provider('H-SR-301', '上饶市人民医院', SHANGRAO, 'hospital', 3),
  ];
  const ids = (f: (p: ProviderInput) => boolean) => list.filter(f).map((p) => p.id);
  const homeHospital = (level: number) => ids((p) => p.region === qz.code && p.type === 'hospital' && p.designated && p.level === level);
  return {
    list,
    pools: {
      hospitalsByLevel: { 1: homeHospital(1), 2: homeHospital(2), 3: homeHospital(3) },
      specialDrugPharmacies: ids((p) => p.region === qz.code && p.type === 'pharmacy' && p.designated && p.specialDrugs === true),
      pharmacies: ids((p) => p.region === qz.code && p.type === 'pharmacy' && p.designated && p.specialDrugs !== true),
      nonDesignatedHospitals: ids((p) => p.type === 'hospital' && !p.designated),
      nonDesignatedPharmacies: ids((p) => p.type === 'pharmacy' && !p.designated),
      neighbourHospital: 'H-JH-301',
      neighbourPharmacy: 'P-JH-D01',
      awayHospital: 'H-SR-301',
    },
  };
}

/**
 * The city for service year `year`: enrollment for year Y runs Nov 1 to Dec 31 of
 * Y−1 (23:59:59.999 +08:00), for Y+1 from Nov 1 to Dec 31 of Y.
 * @example buildCity({ year: 2024, reserveFen: 0 }).product.id // 'huiqubao-2024'
 */
export function buildCity(options: CityOptions): City {
  const { year } = options;
  const window = (y: number): EnrollmentWindow => ({ opensAt: shanghai(y - 1, 11, 1), closesAt: endOfYear(y - 1) });
  const current: ProductSpec = { id: `huiqubao-${year}`, year, premiumFen: 10_000, window: window(year) };
  const next: ProductSpec = { id: `huiqubao-${year + 1}`, year: year + 1, premiumFen: 11_000, window: window(year + 1) };
  const { list, pools } = providers();
  return {
    year,
    home: QUZHOU,
    neighbour: JINHUA,
    away: SHANGRAO,
    regions: [region(QUZHOU, options.reserveFen), region(JINHUA, 0), region(SHANGRAO, 200_000)],
    plans: [
      employeePlan(QUZHOU, year),
      residentPlan(QUZHOU, year),
      criticalIllnessPlan(QUZHOU, year),
      assistancePlan(QUZHOU, year),
      employeePlan(JINHUA, year),
      residentPlan(JINHUA, year),
      criticalIllnessPlan(JINHUA, year),
      product(QUZHOU, current, true),
      product(QUZHOU, next, false),
    ],
    providers: list,
    product: current,
    nextProduct: next,
    pools,
  };
}
