/**
 * Test support (tests → contract → engine): compact builders of scenario documents
 * in the contract's own shape (`ScenarioInput`), parsed with @medins/contract's
 * `parseScenario` and replayed by the engine. Defaults are deliberately plain (one
 * city, ratio 0, no deductible, empty accounts) so each test states only the figures
 * its arithmetic depends on.
 */
import { parseScenario, type Scenario, type ScenarioInput } from '@medins/contract';

export type { ScenarioInput };

import {
  type Account,
  asMemberId,
  type ClaimResult,
  type DomainEvent,
  type EventResult,
  type MemoryState,
  Replayer,
  withCheckDigit,
} from '@medins/engine';

export type PlanInput = ScenarioInput['plans'][number];
export type BasicPlanInput = Extract<PlanInput, { tier: 'basic' }>;
export type BenefitInput = NonNullable<BasicPlanInput['benefits']['inpatient']>;
export type CriticalIllnessPlanInput = Extract<PlanInput, { tier: 'criticalIllness' }>;
export type AssistancePlanInput = Extract<PlanInput, { tier: 'assistance' }>;
export type ProductInput = Extract<PlanInput, { tier: 'supplementary' }>;
export type ResponsibilityInput = ProductInput['responsibilities'][number];
export type RegionInput = NonNullable<ScenarioInput['regions']>[number];
export type ProviderInput = ScenarioInput['providers'][number];
export type MemberInput = ScenarioInput['members'][number];
export type FamilyGroupInput = NonNullable<ScenarioInput['familyGroups']>[number];
export type PolicyInput = NonNullable<ScenarioInput['policies']>[number];
export type EventInput = ScenarioInput['events'][number];
export type ClaimInput = Extract<EventInput, { type: 'claim' }>;
export type LineInput = ClaimInput['lines'][number];

/** The policy year most tests settle in. */
const YEAR = 2021;
/** 衢州市 (province 浙江 330000): the home city of most test members. */
export const QZ = '330800';
/** 杭州市: another city of the same province. */
export const HZ = '330100';
/** 南京市 (province 江苏 320000): another province. */
export const NJ = '320100';

/**
 * An ISO time in Asia/Shanghai.
 * @example at('2021-03-01') // '2021-03-01T10:00:00+08:00'
 */
export const at = (date: string, time = '10:00:00'): string => `${date}T${time}+08:00`;

/**
 * A valid 18-digit ID number (GB 11643) born on `birth` (YYYY-MM-DD), in region `region`.
 * @example idNumber('1980-01-01') // '330802198001010016'
 */
export function idNumber(birth: string, seq = 1, region = '330802'): string {
  return withCheckDigit(`${region}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`);
}

/** A ratio or amount per provider level 1–3. */
export const levels = <T>(l1: T, l2: T = l1, l3: T = l2): Record<'1' | '2' | '3', T> => ({ '1': l1, '2': l2, '3': l3 });

/** A region with family aid for every relationship, no reserve. */
export function region(code: string, overrides: Partial<RegionInput> = {}): RegionInput {
  return {
    code,
    familyAid: { relationships: ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild'], reserveFen: 0, sameCity: false },
    ...overrides,
  };
}

/** A basic benefit: no deductible (per visit), ratio 0 at every level, unless told. */
export function benefit(overrides: Partial<BenefitInput> = {}): BenefitInput {
  return { deductibleFen: levels(0), deductiblePer: 'visit', ratio: levels(0), ...overrides };
}

/** A basic plan of `scheme` in QZ for 2021 covering every visit type with `benefit()`. */
export function basicPlan(overrides: Partial<BasicPlanInput> = {}): BasicPlanInput {
  const scheme = overrides.scheme ?? 'employee';
  const region = overrides.region ?? QZ;
  const year = overrides.year ?? YEAR;
  return {
    tier: 'basic',
    id: `basic-${scheme}-${region}-${year}`,
    scheme,
    region,
    year,
    benefits: { inpatient: benefit(), specialOutpatient: benefit(), outpatient: benefit(), pharmacy: benefit() },
    ...overrides,
  };
}

/** Basic plans for both schemes (same benefits). */
export function basicPlans(overrides: Partial<BasicPlanInput> = {}): BasicPlanInput[] {
  return [basicPlan({ ...overrides, scheme: 'employee' }), basicPlan({ ...overrides, scheme: 'resident' })];
}

export function ciPlan(overrides: Partial<CriticalIllnessPlanInput> = {}): CriticalIllnessPlanInput {
  return {
    tier: 'criticalIllness',
    id: 'ci',
    region: QZ,
    year: YEAR,
    schemes: ['employee', 'resident'],
    visitTypes: ['inpatient', 'specialOutpatient'],
    thresholdFen: 0,
    bands: [{ uptoFen: null, ratio: 0.5 }],
    ...overrides,
  };
}

export function aidPlan(overrides: Partial<AssistancePlanInput> = {}): AssistancePlanInput {
  return {
    tier: 'assistance',
    id: 'aid',
    region: QZ,
    year: YEAR,
    categories: { lowIncome: 0.7, destitute: 1 },
    deductibleFen: 0,
    ...overrides,
  };
}

/** A city product of QZ for 2021 (惠衢保-like), enrollment 2020-11-01 … 2021-01-31, no responsibilities. */
export function product(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    tier: 'supplementary',
    id: 'hqb-2021',
    name: '惠衢保',
    region: QZ,
    regionScope: 'city',
    year: YEAR,
    premiumFen: 10000,
    coverage: { from: '2021-01-01', to: '2021-12-31' },
    enrollment: {
      opensAt: '2020-11-01T00:00:00+08:00',
      closesAt: '2021-01-31T23:59:59.999+08:00',
      accountPayment: { balance: 'historical', relationships: ['self', 'spouse', 'child', 'parent'], maxRelatives: 5 },
    },
    responsibilities: [],
    ...overrides,
  };
}

export function hospital(id: string, level: number, overrides: Partial<ProviderInput> = {}): ProviderInput {
  return { id, region: QZ, type: 'hospital', level, designated: true, ...overrides };
}

export function pharmacy(id: string, overrides: Partial<ProviderInput> = {}): ProviderInput {
  return { id, region: QZ, type: 'pharmacy', level: 1, designated: true, specialDrugs: false, ...overrides };
}

/** A stable 3-digit sequence number per member id, so a rebuilt document keeps its ID numbers. */
function seqOf(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 997;
  return h + 1;
}

/** An active employee of QZ with an empty personal account and a valid ID number. */
export function employee(id: string, overrides: Partial<MemberInput> = {}): MemberInput {
  return {
    id,
    name: `name-${id}`,
    idNumber: idNumber('1980-01-01', seqOf(id)),
    phone: '13800000000',
    scheme: 'employee',
    region: QZ,
    status: 'active',
    personalAccount: { currentFen: 0, historicalFen: 0 },
    ...overrides,
  };
}

/** An active resident of QZ (no personal account). */
export function resident(id: string, overrides: Partial<MemberInput> = {}): MemberInput {
  return {
    id,
    name: `name-${id}`,
    idNumber: idNumber('1985-06-15', seqOf(id)),
    phone: null,
    scheme: 'resident',
    region: QZ,
    status: 'active',
    ...overrides,
  };
}

export const A = (amountFen: number, code = 'A1'): LineInput => ({ code, category: 'A', amountFen });
export const B = (amountFen: number, selfPayRatio: number, code = 'B1'): LineInput => ({ code, category: 'B', amountFen, selfPayRatio });
export const OOC = (amountFen: number, code = 'O1', onLabel?: boolean): LineInput =>
  onLabel === undefined ? { code, category: 'OOC', amountFen } : { code, category: 'OOC', amountFen, onLabel };
export const NM = (amountFen: number, code = 'N1'): LineInput => ({ code, category: 'nonMedical', amountFen });

/** A claim of member m1 at level-3 hospital H3, inpatient, on 2021-03-01, with `lines`. */
export function claim(id: string, lines: LineInput[], overrides: Partial<ClaimInput> = {}): ClaimInput {
  const memberId = overrides.memberId ?? 'm1';
  const serviceDate = overrides.serviceDate ?? '2021-03-01';
  return {
    type: 'claim',
    id,
    at: at(serviceDate, '18:00:00'),
    memberId,
    cardHolderId: memberId,
    providerId: 'H3',
    visitType: 'inpatient',
    serviceDate,
    lines,
    ...overrides,
  };
}

/** The same visit as a quote (试算). */
export function quote(id: string, lines: LineInput[], overrides: Partial<ClaimInput> = {}): EventInput {
  return { ...claim(id, lines, overrides), type: 'quote' };
}

export const reverse = (id: string, claimId: string, when = at('2021-12-01')): EventInput => ({
  type: 'reverseClaim',
  id,
  at: when,
  claimId,
});

/** A reviewer's decision (人工审核) on claim `claimId`. */
export const decide = (
  id: string,
  claimId: string,
  decision: 'approve' | 'reject',
  overrides: { at?: string; rejectedLines?: string[] } = {},
): EventInput => ({
  type: 'reviewDecision',
  id,
  at: overrides.at ?? at('2021-04-01'),
  claimId,
  decision,
  ...(overrides.rejectedLines ? { rejectedLines: overrides.rejectedLines } : {}),
});

/**
 * A scenario document: region QZ, providers H1/H2/H3 (levels 1–3) and pharmacy P1
 * in QZ, and whatever the test adds.
 */
export function scenario(parts: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    version: 1,
    regions: [region(QZ)],
    plans: [],
    providers: [hospital('H1', 1), hospital('H2', 2), hospital('H3', 3), pharmacy('P1')],
    members: [],
    familyGroups: [],
    policies: [],
    events: [],
    ...parts,
  };
}

export interface Run {
  readonly scenario: Scenario;
  readonly results: EventResult[];
  readonly replayer: Replayer;
  readonly state: MemoryState;
  /** A member's balances now (undefined for a member without an account). */
  balance(memberId: string): Account | undefined;
  /** A member's year accumulators now, as a plain object. */
  counters(memberId: string, year?: number): Record<string, number>;
  /** The result of event `id` (its first occurrence). */
  result(id: string): EventResult;
  /** The result of claim or quote `id`. */
  claim(id: string): ClaimResult;
  /** Applies one more event (contract shape) and returns its result. */
  apply(event: EventInput): EventResult;
}

/**
 * Parses a document with the contract and replays it event by event.
 * @example run(scenario({ members: [employee('m1')], events: [claim('c1', [A(100)])] })).claim('c1')
 */
export function run(doc: ScenarioInput): Run {
  const parsed = parseScenario(doc);
  const replayer = new Replayer(parsed.world);
  const byId = new Map<string, EventResult>();
  const applyDomain = (e: DomainEvent) => {
    const r = replayer.apply(e);
    if (!byId.has(e.id)) byId.set(e.id, r);
    return r;
  };
  const results = parsed.events.map(applyDomain);
  const self: Run = {
    scenario: parsed,
    results,
    replayer,
    state: replayer.state,
    balance: (id) => replayer.state.account(asMemberId(id)),
    counters: (id, year = YEAR) => ({ ...replayer.state.accumulators(asMemberId(id), year) }),
    result: (id) => {
      const r = byId.get(id);
      if (!r) throw new Error(`no result for ${id}`);
      return r;
    },
    claim: (id) => {
      const r = self.result(id);
      if (r.type !== 'claim' && r.type !== 'quote') throw new Error(`${id} is a ${r.type}`);
      if (r.status === 'held') throw new Error(`${id} is held for review`);
      return r;
    },
    apply: (event) => {
      const one = parseScenario({ ...doc, events: [event] }).events[0]!;
      const r = applyDomain(one);
      results.push(r);
      return r;
    },
  };
  return self;
}

/** The reason codes of a result, sorted (their order does not matter). */
export function codes(result: EventResult): string[] {
  return 'reasons' in result ? result.reasons.map((r) => r.code).sort() : [];
}

/** The note codes of a claim result, sorted. */
export function noteCodes(result: ClaimResult): string[] {
  return result.notes.map((n) => n.code).sort();
}
