/**
 * Test support (property tests → contract): a fast-check arbitrary of VALID scenario
 * documents (contract version 1, `ScenarioInput`), for the engine's property tests and
 * the pipeline tests that must agree with the engine.
 *
 * Every document it yields passes `parseScenario` (unique ids, references that
 * resolve, one basic plan per scheme/region/year, one group per person, increasing
 * band bounds…). Within those rules it aims at the interesting cases: regions with
 * and without family aid and reserves, plans missing visit types or levels, caps and
 * deductibles small enough to be reached, accounts that run dry, family bindings
 * in and out of their windows, unknown members, duplicate deliveries, visits
 * resubmitted under new event ids (DUPLICATE_VISIT) and relatives named by proofs;
 * with `review`, worlds with review rules, inpatient re-admissions and reviewers'
 * decisions on held (and not held) claims.
 *
 * Built with `fc.gen()`: every random choice is drawn from fast-check, so failures
 * replay from their seed and shrink (towards the first option of each choice, which
 * is always the plainest).
 */

import type { ScenarioInput } from '@medins/contract';
import { withCheckDigit } from '@medins/engine';
import fc from 'fast-check';

type PlanInput = ScenarioInput['plans'][number];
type BasicPlanInput = Extract<PlanInput, { tier: 'basic' }>;
type BenefitInput = NonNullable<BasicPlanInput['benefits']['inpatient']>;
type ProductInput = Extract<PlanInput, { tier: 'supplementary' }>;
type ResponsibilityInput = ProductInput['responsibilities'][number];
type RegionInput = NonNullable<ScenarioInput['regions']>[number];
type ProviderInput = ScenarioInput['providers'][number];
type MemberInput = ScenarioInput['members'][number];
type FamilyGroupInput = NonNullable<ScenarioInput['familyGroups']>[number];
type PolicyInput = NonNullable<ScenarioInput['policies']>[number];
type EventInput = ScenarioInput['events'][number];
type LineInput = Extract<EventInput, { type: 'claim' }>['lines'][number];
type Relationship = NonNullable<RegionInput['familyAid']>['relationships'][number];

export type ScenarioEventType = EventInput['type'];

export const EVENT_TYPES: readonly ScenarioEventType[] = [
  'claim',
  'quote',
  'reverseClaim',
  'enroll',
  'bindFamily',
  'unbindFamily',
  'bindViewer',
  'renewalCampaign',
  'reviewDecision',
];

export interface ScenarioArbitraryOptions {
  /** How many regions the world has (default 1–3). */
  readonly regions?: { readonly min: number; readonly max: number };
  /** How many members (default 3–12). */
  readonly members?: { readonly min: number; readonly max: number };
  /** How many events (default 5–40, duplicates included). */
  readonly events?: { readonly min: number; readonly max: number };
  /** Which event types to generate (default all eight). Reversals name earlier claims or quotes of the document, or an unknown id. */
  readonly eventTypes?: readonly ScenarioEventType[];
  /** Percentage of events that repeat an earlier event verbatim, as a duplicate delivery (default 8; 0 disables). */
  readonly duplicatePercent?: number;
  /** Relative weight of each event type among new events (defaults favour claims). */
  readonly weights?: Partial<Record<ScenarioEventType, number>>;
  /**
   * Review (人工审核): most worlds carry review rules, claims sometimes come back to the
   * same hospital within days, and reviewers decide claims (default false: then no world
   * has rules and no reviewDecision is generated, as for an adapter that holds no claim).
   */
  readonly review?: boolean;
}

const DEFAULT_WEIGHTS: Record<ScenarioEventType, number> = {
  claim: 40,
  quote: 8,
  reverseClaim: 8,
  enroll: 10,
  bindFamily: 8,
  unbindFamily: 5,
  bindViewer: 6,
  renewalCampaign: 3,
  reviewDecision: 10,
};

/** Cities the generator picks from: two of 浙江, one of 江苏, two of 江西 (one with an explicit province). */
const CITIES: readonly { code: string; province?: string; name: string }[] = [
  { code: '330800', province: '330000', name: '衢州市' },
  { code: '330100', name: '杭州市' },
  { code: '320100', province: '320000', name: '南京市' },
  { code: '360400', province: '360000', name: '九江市' },
  { code: '360100', name: '南昌市' },
];
/** A city that is in no region list: providers there are out of every product's region. */
const ELSEWHERE = '440100';

const VISIT_TYPES = ['inpatient', 'specialOutpatient', 'outpatient', 'pharmacy'] as const;
const RELATIONSHIPS: readonly Relationship[] = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild'];
const DRUGS = ['SD01', 'SD02', 'SD03'] as const;
const YEARS = [2021, 2022] as const;
const DAY = 86_400_000;
const SHANGHAI = 8 * 3600_000;

/**
 * Every draw comes from this one arbitrary: `fc.gen` memoizes arbitraries per argument
 * list and scans that cache linearly, so thousands of distinct `{ min, max }` ranges
 * would make generation quadratic. Unbiased, so stated percentages hold.
 */
const NAT = fc.noBias(fc.nat());
const nat = () => NAT;

/** Random choices drawn from fast-check; the first option of every choice is the plainest. */
class Draw {
  readonly #g: fc.GeneratorValue;
  constructor(g: fc.GeneratorValue) {
    this.#g = g;
  }
  /** An integer in [min, max]; shrinks to `min`. */
  int(min: number, max: number): number {
    return min + (this.#g(nat) % (max - min + 1));
  }
  /** True with `percent`% probability; shrinks to false. */
  chance(percent: number): boolean {
    return this.int(0, 99) >= 100 - percent;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  /** One of several lazily built options: only the chosen one draws further values. */
  oneOf<T>(...options: readonly (() => T)[]): T {
    return this.pick(options)();
  }
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights).filter(([, w]) => (w as number) > 0) as [T, number][];
    let roll = this.int(0, entries.reduce((s, [, w]) => s + w, 0) - 1);
    for (const [k, w] of entries) {
      if (roll < w) return k;
      roll -= w;
    }
    return entries[0]![0];
  }
  /** Each item kept with `percent`% probability, at least `min` of them (in order). */
  subset<T>(items: readonly T[], percent: number, min = 0): T[] {
    const out = items.filter(() => this.chance(percent));
    for (const item of items) if (out.length < min && !out.includes(item)) out.push(item);
    return items.filter((i) => out.includes(i));
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  ratio(): number {
    return this.oneOf(
      () => 0.5,
      () => 0.8,
      () => 1,
      () => 0,
      () => this.int(0, 100) / 100,
      () => this.int(0, 10_000) / 10_000,
    );
  }
  /** An amount of fen: mostly ordinary bills, sometimes small, zero or large. */
  fen(scale: number): number {
    return this.oneOf(
      () => this.int(1, scale),
      () => this.int(1, scale),
      () => this.int(0, Math.floor(scale / 10)),
      () => 0,
      () => this.int(scale, scale * 10),
    );
  }
  /** Epoch ms of a minute of a day in `year` (days counted from Jan 1, Asia/Shanghai). */
  instant(year: number, fromDay = 0, toDay = 364): number {
    return Date.UTC(year, 0, 1) - SHANGHAI + this.int(fromDay, toDay) * DAY + this.int(0, 24 * 60 - 1) * 60_000;
  }
  /** An instant written with a random offset: +08:00 mostly, sometimes Z or -05:00. */
  iso(ms: number): string {
    const offsetH = this.pick([8, 0, -5]);
    const local = new Date(ms + offsetH * 3600_000).toISOString().slice(0, 23);
    return offsetH === 0 ? `${local}Z` : `${local}${offsetH > 0 ? '+' : '-'}${String(Math.abs(offsetH)).padStart(2, '0')}:00`;
  }
}

const shanghaiDay = (ms: number) => new Date(ms + SHANGHAI).toISOString().slice(0, 10);
const levels = <T>(f: () => T) => ({ '1': f(), '2': f(), '3': f() });
type Scheme = 'employee' | 'resident';

function region(d: Draw, city: (typeof CITIES)[number]): RegionInput {
  const base: RegionInput = city.province
    ? { code: city.code, province: city.province, name: city.name }
    : { code: city.code, name: city.name };
  if (d.chance(15)) return base; // no family aid in this region
  return {
    ...base,
    familyAid: {
      relationships: d.subset(RELATIONSHIPS, 75, 1),
      reserveFen: d.oneOf(
        () => 0,
        () => 200_000,
        () => 50_000,
        () => d.int(0, 300_000),
      ),
      sameCity: d.chance(30),
    },
  };
}

function benefit(d: Draw): BenefitInput {
  const b: BenefitInput = {
    deductibleFen: levels(() =>
      d.oneOf(
        () => 0,
        () => d.int(0, 100_000),
        () => 30_000,
      ),
    ),
    deductiblePer: d.pick(['visit', 'year'] as const),
    ratio: levels(() => d.ratio()),
  };
  if (d.chance(10)) delete (b.ratio as Record<string, number>)[String(d.int(1, 3))]; // a level the plan does not pay
  if (d.chance(50))
    b.retireeBonus = d.oneOf(
      () => 0.05,
      () => 0.1,
      () => d.int(0, 30) / 100,
    );
  if (d.chance(30)) b.perVisitCapFen = levels(() => d.int(10_000, 500_000));
  if (d.chance(30)) b.annualCapFen = d.int(50_000, 2_000_000);
  return b;
}

function basicPlans(d: Draw, regions: readonly RegionInput[]): PlanInput[] {
  const plans: PlanInput[] = [];
  for (const r of regions) {
    for (const year of YEARS) {
      for (const scheme of ['employee', 'resident'] as const) {
        if (d.chance(8)) continue; // NO_BASIC_PLAN for this scheme, region and year
        const benefits: BasicPlanInput['benefits'] = {};
        for (const v of VISIT_TYPES) if (!d.chance(15)) benefits[v] = benefit(d);
        const plan: BasicPlanInput = { tier: 'basic', id: `b-${scheme}-${r.code}-${year}`, scheme, region: r.code, year, benefits };
        if (d.chance(50)) plan.annualCapFen = d.int(100_000, 5_000_000);
        plans.push(plan);
      }
    }
  }
  return plans;
}

function criticalIllnessPlans(d: Draw, regions: readonly RegionInput[]): PlanInput[] {
  const plans: PlanInput[] = [];
  for (const r of regions) {
    for (const year of YEARS) {
      if (d.chance(30)) continue;
      const groups: Scheme[][] = d.chance(30)
        ? [['employee'], ['resident']]
        : [d.pick<Scheme[]>([['employee', 'resident'], ['employee'], ['resident']])];
      groups.forEach((schemes, i) => {
        const bands: { uptoFen: number | null; ratio: number }[] = [];
        let bound = 0;
        const n = d.int(1, 3);
        for (let k = 0; k < n; k++) {
          bound += d.int(1, 2_000_000);
          bands.push({ uptoFen: k === n - 1 && d.chance(70) ? null : bound, ratio: d.ratio() });
        }
        const plan: PlanInput = {
          tier: 'criticalIllness',
          id: `ci-${r.code}-${year}-${i}`,
          region: r.code,
          year,
          schemes,
          visitTypes: d.subset(VISIT_TYPES, 50, 1),
          thresholdFen: d.oneOf(
            () => 0,
            () => d.int(0, 1_000_000),
            () => 200_000,
          ),
          bands,
        };
        if (d.chance(50)) plan.annualCapFen = d.int(100_000, 5_000_000);
        plans.push(plan);
      });
    }
  }
  return plans;
}

function assistancePlans(d: Draw, regions: readonly RegionInput[]): PlanInput[] {
  const plans: PlanInput[] = [];
  for (const r of regions) {
    for (const year of YEARS) {
      if (d.chance(50)) continue;
      const categories: Record<string, number> = {};
      if (!d.chance(20)) categories.lowIncome = d.ratio();
      if (!d.chance(20))
        categories.destitute = d.oneOf(
          () => 1,
          () => d.ratio(),
        );
      const plan: PlanInput = {
        tier: 'assistance',
        id: `aid-${r.code}-${year}`,
        region: r.code,
        year,
        categories,
        deductibleFen: d.oneOf(
          () => 0,
          () => d.int(0, 50_000),
        ),
      };
      if (d.chance(50)) plan.annualCapFen = d.int(10_000, 500_000);
      plans.push(plan);
    }
  }
  return plans;
}

function responsibilities(d: Draw): ResponsibilityInput[] {
  const kinds = d.shuffle(['inPolicySelfPay', 'inPolicyAboveCriticalThreshold', 'outOfCatalog', 'specialDrug'] as const);
  const chosen = [...kinds.slice(0, d.int(2, 4))];
  if (d.chance(20)) chosen.push(d.pick(kinds)); // two responsibilities of one kind
  return chosen.map((kind, i) => {
    const base = {
      id: `R${i + 1}`,
      visitTypes: d.subset(VISIT_TYPES, 60, 1),
      deductibleFen: d.oneOf(
        () => 0,
        () => d.int(0, 200_000),
        () => d.int(0, 20_000),
      ),
      ratio: d.ratio(),
      ...(d.chance(50) ? { capFen: d.int(10_000, 1_000_000) } : {}),
    };
    switch (kind) {
      case 'outOfCatalog':
        return {
          ...base,
          kind,
          ...(d.chance(50) ? { outOfRegionWeight: d.ratio() } : {}),
          ...(d.chance(40) ? { requireOnLabel: d.chance(60) } : {}),
        };
      case 'specialDrug':
        return { ...base, kind, visitTypes: d.chance(75) ? ['pharmacy' as const] : base.visitTypes, drugs: d.subset(DRUGS, 70, 1) };
      default:
        return { ...base, kind };
    }
  });
}

function product(d: Draw, id: string, year: number, home: RegionInput, regions: readonly RegionInput[]): ProductInput {
  const p: ProductInput = {
    tier: 'supplementary',
    id,
    name: id,
    region: d.chance(25) ? d.pick(regions).code : home.code,
    regionScope: d.pick(['city', 'province'] as const),
    year,
    premiumFen: d.oneOf(
      () => 10_000,
      () => d.int(0, 20_000),
    ),
    coverage: d.chance(15) ? { from: `${year}-07-01`, to: `${year + 1}-06-30` } : { from: `${year}-01-01`, to: `${year}-12-31` },
    enrollment: {
      opensAt: `${year - 1}-${d.pick(['10', '11'])}-01T00:00:00+08:00`,
      closesAt: d.pick([`${year - 1}-12-31T23:59:59.999+08:00`, `${year}-01-31T23:59:59.999+08:00`, `${year - 1}-12-31T15:59:59.999Z`]),
    },
    responsibilities: responsibilities(d),
  };
  if (!d.chance(15)) {
    p.enrollment.accountPayment = {
      balance: d.pick(['historical', 'any'] as const),
      relationships: d.subset(['self', ...RELATIONSHIPS] as const, 65, 1),
      ...(d.chance(60) ? { maxRelatives: d.int(0, 5) } : {}),
    };
  }
  return p;
}

/** The product's next year: same region and account-payment rules, new window and coverage. */
function nextYear(d: Draw, p: ProductInput): ProductInput {
  return {
    ...p,
    id: 'sp-2022',
    name: 'sp-2022',
    year: 2022,
    premiumFen: d.oneOf(
      () => p.premiumFen,
      () => d.int(0, 20_000),
    ),
    coverage: { from: '2022-01-01', to: '2022-12-31' },
    enrollment: {
      ...p.enrollment,
      opensAt: '2021-10-01T00:00:00+08:00',
      closesAt: d.pick(['2021-12-31T23:59:59.999+08:00', '2022-01-31T23:59:59.999+08:00']),
    },
  };
}

function providers(d: Draw, home: RegionInput, regions: readonly RegionInput[]): ProviderInput[] {
  const n = d.int(2, 6);
  const out: ProviderInput[] = [];
  for (let i = 0; i < n; i++) {
    // the first two are a designated hospital and a pharmacy at home; the others anywhere
    const isPharmacy = i === 1 || (i > 1 && d.chance(40));
    out.push({
      id: isPharmacy ? `P${i}` : `H${i}`,
      region: i < 2 ? home.code : d.chance(10) ? ELSEWHERE : d.pick(regions).code,
      type: isPharmacy ? 'pharmacy' : 'hospital',
      level: isPharmacy ? 1 : d.int(1, 3),
      designated: i === 0 || !d.chance(10),
      ...(isPharmacy ? { specialDrugs: d.chance(60) } : {}),
    });
  }
  return out;
}

function member(d: Draw, i: number, home: RegionInput, regions: readonly RegionInput[]): MemberInput {
  const id = `m${i}`;
  const r = d.chance(40) ? d.pick(regions).code : home.code;
  const scheme = d.chance(40) ? 'resident' : 'employee';
  const newborn = d.chance(8);
  const birth = newborn
    ? shanghaiDay(d.instant(d.pick([2021, 2020])))
    : `${d.int(1940, 2020)}-${String(d.int(1, 12)).padStart(2, '0')}-${String(d.int(1, 28)).padStart(2, '0')}`;
  const m: MemberInput = {
    id,
    name: `成员${i}`,
    scheme,
    region: r,
    status: d.chance(7) ? d.pick(['suspended', 'transferred']) : 'active',
    ...(newborn
      ? { birthDate: birth, birthCertificateNo: `O${r}${String(i).padStart(4, '0')}`, idNumber: null }
      : { idNumber: withCheckDigit(`${r}${birth.replaceAll('-', '')}${String(i).padStart(3, '0')}`) }),
    phone: d.chance(80) ? `1${d.int(3, 9)}${String(d.int(0, 999_999_999)).padStart(9, '0')}` : null,
  };
  if (scheme === 'employee') {
    if (!d.chance(8)) {
      m.personalAccount = {
        currentFen: d.oneOf(
          () => d.int(0, 300_000),
          () => 0,
          () => d.int(0, 20_000),
        ),
        historicalFen: d.oneOf(
          () => d.int(0, 1_000_000),
          () => 0,
          () => 500_000,
        ),
      };
    }
    if (d.chance(20)) m.retired = true;
  }
  if (d.chance(15)) m.assistanceCategory = d.pick(['lowIncome', 'destitute', 'other']);
  if (d.chance(40)) m.autoRenew = true;
  return m;
}

function familyGroups(d: Draw, members: readonly MemberInput[]): FamilyGroupInput[] {
  const used = new Set<string>();
  const groups: FamilyGroupInput[] = [];
  const holders = d.shuffle(members.filter((m) => m.personalAccount || d.chance(10)));
  for (const holder of holders.slice(0, d.int(0, 2))) {
    if (used.has(holder.id)) continue;
    const candidates = d.shuffle(members.filter((m) => m.id !== holder.id && !used.has(m.id)));
    const chosen = candidates.slice(0, d.int(1, 3));
    if (chosen.length === 0) continue;
    used.add(holder.id);
    groups.push({
      holderId: holder.id,
      members: chosen.map((m) => {
        used.add(m.id);
        const from = d.chance(70) ? d.instant(2020, 0, 364) : d.instant(2021, 0, 364);
        return {
          memberId: m.id,
          relationship: d.pick(RELATIONSHIPS),
          validFrom: d.iso(from),
          ...(d.chance(30) ? { validTo: d.iso(from + d.int(1, 400) * DAY) } : {}),
        };
      }),
    });
  }
  return groups;
}

/** A relationship the product lets a payer pay for (`self` for oneself), or sometimes any. */
function relationshipFor(d: Draw, p: ProductInput | undefined, self: boolean): Relationship | 'self' {
  if (self) return 'self';
  const allowed = (p?.enrollment.accountPayment?.relationships ?? []).filter((r) => r !== 'self');
  return allowed.length > 0 && d.chance(80) ? d.pick(allowed) : d.pick(RELATIONSHIPS);
}

function policies(d: Draw, products: readonly ProductInput[], members: readonly MemberInput[]): PolicyInput[] {
  const out: PolicyInput[] = [];
  const payers = members.filter((m) => m.personalAccount);
  for (const p of products) {
    for (const insured of d.subset(members, 45)) {
      const payer = d.chance(50) || payers.length === 0 ? insured : d.pick(payers);
      out.push({
        id: `pol-${out.length + 1}`,
        productId: p.id,
        insuredId: insured.id,
        payerId: payer.id,
        relationship: relationshipFor(d, p, payer.id === insured.id),
        payment: d.chance(60) ? 'personalAccount' : 'cash',
      });
    }
  }
  return out;
}

/** What events refer to: the world's ids, and the ids of earlier events. */
interface EventContext {
  readonly members: readonly MemberInput[];
  readonly providers: readonly ProviderInput[];
  readonly products: readonly ProductInput[];
  readonly groups: readonly FamilyGroupInput[];
  readonly regions: readonly RegionInput[];
  /** Ids of the claims and quotes so far (what reversals name). */
  readonly visits: string[];
  /** The (provider, visit id) pairs named so far: a later claim sometimes resubmits one. */
  readonly visitIds: [string, string][];
  readonly binds: [string, string][];
  readonly review: boolean;
  /** Inpatient claims so far: a later one sometimes comes back within days (READMISSION). */
  readonly stays: { memberId: string; providerId: string; service: number }[];
  /** Ids of the claims so far (what reviewers decide). */
  readonly claims: string[];
  /** Line codes of each claim, for the lines a reviewer removes. */
  readonly codes: Map<string, string[]>;
}

/** Visit ids come from a small pool, so the same id meets itself at one provider and at others. */
const VISIT_IDS = ['ZY-1', 'ZY-2', 'MZ-3'] as const;

/**
 * Where a claim or quote happened and which visit it names: none (never a duplicate),
 * a resubmission of an earlier visit at the same provider, or an id from the pool.
 */
function visitOf(d: Draw, ctx: EventContext): { provider: ProviderInput; visitId?: string } {
  if (!d.chance(55)) return { provider: d.pick(ctx.providers) };
  const earlier = ctx.visitIds.length > 0 && d.chance(50) ? d.pick(ctx.visitIds) : undefined;
  const provider = (earlier && ctx.providers.find((p) => p.id === earlier[0])) || d.pick(ctx.providers);
  const visitId = earlier?.[1] ?? d.pick(VISIT_IDS);
  ctx.visitIds.push([provider.id, visitId]);
  return { provider, visitId };
}

/** A proof naming a relative, as a holder or a viewer-binding owner presents it: mostly right, sometimes not. */
function proofOf(d: Draw, relative: MemberInput | undefined) {
  const byCertificate = relative?.idNumber ? d.chance(10) : !d.chance(15);
  return byCertificate
    ? {
        kind: 'birthCertificate' as const,
        certificateNo: d.chance(85) ? (relative?.birthCertificateNo ?? 'O0') : 'O-wrong',
        motherName: '母亲',
        motherIdNumber: d.chance(90) ? withCheckDigit('33080219900101002') : '330802199001010020',
      }
    : {
        kind: 'idNumber' as const,
        name: d.chance(85) ? (relative?.name ?? '别人') : '别人',
        idNumber: relative?.idNumber ?? withCheckDigit('33080220210101001'),
      };
}

function lines(d: Draw): LineInput[] {
  const n = d.int(1, 6);
  const out: LineInput[] = [];
  for (let i = 0; i < n; i++) {
    const category = d.weighted({ A: 35, B: 25, OOC: 30, nonMedical: 10 } as const);
    const amountFen = d.fen(500_000);
    const code = category === 'OOC' ? d.pick(['X1', ...DRUGS, 'X2']) : `${category}${i}`;
    const line: LineInput = { code, category, amountFen };
    if (category === 'B')
      line.selfPayRatio = d.oneOf(
        () => 0.1,
        () => 0.2,
        () => d.ratio(),
      ); // the contract requires it on B lines
    if (category === 'OOC' && d.chance(60)) line.onLabel = d.chance(60);
    out.push(line);
  }
  return out;
}

/** A patient: a family-group member a quarter of the time, sometimes an unknown id. */
function patient(d: Draw, ctx: EventContext): string {
  const bound = ctx.groups.flatMap((g) => g.members.map((m) => m.memberId));
  if (bound.length > 0 && d.chance(25)) return d.pick(bound);
  return d.chance(4) ? 'ghost' : d.pick(ctx.members).id;
}

const provinceOf = (ctx: EventContext, code: string) => ctx.regions.find((r) => r.code === code)?.province ?? `${code.slice(0, 2)}0000`;

function event(d: Draw, type: ScenarioEventType, id: string, ctx: EventContext): EventInput {
  switch (type) {
    case 'claim':
    case 'quote': {
      // With review, sometimes the same patient back at the same hospital days after an earlier stay.
      const back = ctx.review && ctx.stays.length > 0 && d.chance(25) ? d.pick(ctx.stays) : undefined;
      const memberId = back?.memberId ?? patient(d, ctx);
      const visit = visitOf(d, ctx);
      const provider = (back && ctx.providers.find((p) => p.id === back.providerId)) || visit.provider;
      const visitId = back ? undefined : visit.visitId;
      const service = back
        ? back.service + d.int(-1, 20) * DAY
        : d.instant(d.weighted({ 2021: 65, 2022: 25, 2020: 10 }) === '2021' ? 2021 : d.pick([2022, 2022, 2020]));
      ctx.visits.push(id);
      // Drawn in the order the fields are written, so documents without review are the ones they always were.
      const atIso = d.iso(service + d.int(0, 3 * 24) * 3600_000);
      const cardHolderId = d.chance(5) ? d.pick(ctx.members).id : memberId;
      const visitType = back ? 'inpatient' : provider.type === 'pharmacy' && d.chance(80) ? 'pharmacy' : d.pick(VISIT_TYPES);
      const useAccount = d.chance(30) ? { useAccount: !d.chance(40) } : {};
      const claimLines = lines(d);
      if (type === 'claim') {
        ctx.claims.push(id);
        ctx.codes.set(
          id,
          claimLines.map((l) => l.code),
        );
        if (visitType === 'inpatient') ctx.stays.push({ memberId, providerId: provider.id, service });
      }
      return {
        type,
        id,
        at: atIso,
        memberId,
        cardHolderId,
        providerId: provider.id,
        visitType,
        serviceDate: shanghaiDay(service),
        ...(visitId === undefined ? {} : { visitId }),
        ...useAccount,
        lines: claimLines,
      };
    }
    case 'reviewDecision': {
      const claimId = ctx.claims.length > 0 && !d.chance(10) ? d.pick(ctx.claims) : `unknown-${id}`;
      const codes = ctx.codes.get(claimId) ?? [];
      const decision = d.chance(70) ? 'approve' : 'reject';
      return {
        type,
        id,
        at: d.iso(d.instant(2021, 0, 364)),
        claimId,
        decision,
        ...(d.chance(40) ? { rejectedLines: [...d.subset(codes, 40), ...(d.chance(20) ? ['NO-SUCH-LINE'] : [])] } : {}),
      };
    }
    case 'reverseClaim':
      return {
        type,
        id,
        at: d.iso(d.instant(2021, 300, 364)),
        claimId: ctx.visits.length > 0 && !d.chance(15) ? d.pick(ctx.visits) : `unknown-${id}`,
      };
    case 'enroll': {
      const product = ctx.products.length > 0 && !d.chance(6) ? d.pick(ctx.products) : undefined;
      const local = (m: MemberInput) => !product || provinceOf(ctx, m.region) === provinceOf(ctx, product.region);
      const payers = ctx.members.filter((m) => m.personalAccount && local(m));
      const payer = payers.length > 0 && d.chance(75) ? d.pick(payers) : d.pick(ctx.members);
      const insureds = ctx.members.filter(local);
      const insured = d.chance(40) ? payer : insureds.length > 0 && d.chance(80) ? d.pick(insureds) : d.pick(ctx.members);
      const year = product?.year ?? 2021;
      const at = d.chance(80) ? d.instant(year - 1, 305, 364) : d.instant(year, 0, 60);
      const realName = {
        name: payer.name,
        idNumber: payer.idNumber ?? withCheckDigit('11010519491231002'),
        phone: payer.phone ?? '13800000000',
      };
      const variant = d.weighted({ right: 75, badId: 5, badPhone: 5, other: 5, none: 10 } as const);
      return {
        type,
        id,
        at: d.iso(at),
        productId: product?.id ?? 'no-such-product',
        payerId: payer.id,
        insuredId: d.chance(4) ? 'ghost' : insured.id,
        relationship: d.chance(90) ? relationshipFor(d, product, insured.id === payer.id) : d.pick([...RELATIONSHIPS, 'self', 'friend']),
        payment: d.chance(65) ? 'personalAccount' : 'cash',
        ...(variant === 'none'
          ? {}
          : {
              realName:
                variant === 'right'
                  ? realName
                  : variant === 'badId'
                    ? { ...realName, idNumber: realName.idNumber.slice(0, 17) + (realName.idNumber.endsWith('1') ? '2' : '1') }
                    : variant === 'badPhone'
                      ? { ...realName, phone: '1234' }
                      : { ...realName, idNumber: withCheckDigit('33080219700101999') },
            }),
      };
    }
    case 'bindFamily': {
      const withAccount = ctx.members.filter((m) => m.personalAccount);
      const holder = withAccount.length > 0 && d.chance(85) ? d.pick(withAccount) : d.pick(ctx.members);
      const near = ctx.members.filter((m) => m.id !== holder.id && provinceOf(ctx, m.region) === provinceOf(ctx, holder.region));
      const memberId = d.chance(4) ? holder.id : near.length > 0 && d.chance(75) ? d.pick(near).id : patient(d, ctx);
      const allowed = ctx.regions.find((r) => r.code === holder.region)?.familyAid?.relationships ?? [];
      const at = d.instant(2021, 0, 330);
      const from = d.chance(90) ? at + d.int(0, 30 * 24) * 3600_000 : at - d.int(1, 10) * DAY;
      ctx.binds.push([holder.id, memberId]);
      return {
        type,
        id,
        at: d.iso(at),
        holderId: holder.id,
        memberId,
        relationship: allowed.length > 0 && d.chance(80) ? d.pick(allowed) : d.pick([...RELATIONSHIPS, 'self']),
        validFrom: d.iso(from),
        ...(d.chance(40) ? { validTo: d.chance(90) ? d.iso(from + d.int(1, 200) * DAY) : d.iso(from) } : {}),
        ...(d.chance(40)
          ? {
              proof: proofOf(
                d,
                ctx.members.find((m) => m.id === memberId),
              ),
            }
          : {}),
      };
    }
    case 'unbindFamily': {
      const known: [string, string][] = [
        ...ctx.binds,
        ...ctx.groups.flatMap((g) => g.members.map((m): [string, string] => [g.holderId, m.memberId])),
      ];
      const [holderId, memberId] = known.length > 0 && !d.chance(20) ? d.pick(known) : [d.pick(ctx.members).id, d.pick(ctx.members).id];
      return { type, id, at: d.iso(d.instant(2021, 0, 364)), holderId, memberId };
    }
    case 'bindViewer': {
      const owner = d.pick(ctx.members);
      const relative = d.pick(ctx.members);
      const proof = proofOf(d, relative);
      return {
        type,
        id,
        at: d.iso(d.instant(2021, 0, 364)),
        ownerId: owner.id,
        memberId: d.chance(4) ? 'ghost' : relative.id,
        relationship: d.chance(85) ? d.pick(RELATIONSHIPS) : 'self',
        proof,
        ...(d.chance(60) ? { faceVerified: d.chance(50) } : {}),
      };
    }
    case 'renewalCampaign': {
      const from = ctx.products.find((p) => p.year === 2021) ?? ctx.products[0]!;
      const to = ctx.products.find((p) => p.year === 2022) ?? d.pick(ctx.products);
      // mostly inside the 2022 product's enrollment window (from Oct/Nov 1, 2021)
      return {
        type,
        id,
        at: d.iso(d.chance(80) ? d.instant(2021, 305, 364) : d.instant(2021, 200, 364)),
        fromProductId: from.id,
        toProductId: to.id,
      };
    }
  }
}

/** Review rules: each rule present or not, thresholds low enough to be met now and then. */
function reviewRules(d: Draw): NonNullable<ScenarioInput['review']> {
  const rules: NonNullable<ScenarioInput['review']> = {};
  if (d.chance(60)) rules.samplePercent = d.pick([0, 2.5, 10, 30, 100, 0.07]);
  if (d.chance(50)) rules.valueAtLeastFen = d.int(100_000, 2_000_000);
  if (d.chance(50)) rules.specialDrugsNeedApproval = d.chance(80);
  if (d.chance(60)) rules.readmissionDays = d.pick([15, 1, 7, 30]);
  return rules;
}

function build(d: Draw, options: ScenarioArbitraryOptions): ScenarioInput {
  const cities = d.shuffle(CITIES).slice(0, d.int(options.regions?.min ?? 1, options.regions?.max ?? 3));
  const regions = cities.map((c) => region(d, c));
  const home = regions[0]!;
  const first = product(d, 'sp-2021', 2021, home, regions);
  const products: ProductInput[] = [first];
  if (d.chance(65)) {
    products.push(
      d.oneOf(
        () => nextYear(d, first), // the same product renewed for 2022, as campaigns usually offer
        () => product(d, 'sp-2022', 2022, home, regions),
        () => product(d, 'sp-2021b', 2021, home, regions),
      ),
    );
  }
  const plans: PlanInput[] = [...basicPlans(d, regions), ...criticalIllnessPlans(d, regions), ...assistancePlans(d, regions), ...products];
  const provs = providers(d, home, regions);
  const memberCount = d.int(options.members?.min ?? 3, options.members?.max ?? 12);
  const members = Array.from({ length: memberCount }, (_, i) => member(d, i + 1, home, regions));
  const groups = familyGroups(d, members);
  const pols = policies(d, products, members);

  const allowed = new Set((options.eventTypes ?? EVENT_TYPES).filter((t) => options.review || t !== 'reviewDecision'));
  const weights = Object.fromEntries(
    EVENT_TYPES.map((t) => [t, allowed.has(t) ? (options.weights?.[t] ?? DEFAULT_WEIGHTS[t]) : 0]),
  ) as Record<ScenarioEventType, number>;
  const ctx: EventContext = {
    members,
    providers: provs,
    products,
    groups,
    regions,
    visits: [],
    visitIds: [],
    binds: [],
    review: options.review ?? false,
    stays: [],
    claims: [],
    codes: new Map(),
  };
  const events: EventInput[] = [];
  const count = d.int(options.events?.min ?? 5, options.events?.max ?? 40);
  for (let i = 0; i < count; i++) {
    if (events.length > 0 && d.chance(options.duplicatePercent ?? 8)) {
      events.push(d.pick(events)); // duplicate delivery: the same event again
      continue;
    }
    events.push(event(d, d.weighted(weights), `e${i + 1}`, ctx));
  }

  const doc: ScenarioInput = { version: 1, regions, plans, providers: provs, members, events };
  if (groups.length > 0) doc.familyGroups = groups;
  if (pols.length > 0) doc.policies = pols;
  if (options.review && !d.chance(20)) doc.review = reviewRules(d);
  return doc;
}

/**
 * Valid random scenario documents.
 * @example
 * fc.assert(fc.property(scenarioArbitrary({ events: { min: 5, max: 20 } }), (doc) => {
 *   const { world, events } = parseScenario(doc);
 *   replay(world, events);
 * }));
 */
export function scenarioArbitrary(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<ScenarioInput> {
  return fc.gen().map((g) => build(new Draw(g), options));
}
