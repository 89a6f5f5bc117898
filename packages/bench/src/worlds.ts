/**
 * Synthetic worlds for the scale tests and the benchmark: households of a city
 * buying its supplementary product (惠民保) from the payer's personal account,
 * with deadlines, relative limits and balances chosen so the rules matter under
 * concurrency. Deterministic (seeded), contract JSON throughout, and sized by
 * the caller: a few dozen families in a test, hundreds in the enrollment spike,
 * a hundred thousand policies for a renewal campaign (written in chunks, never
 * held whole: see `renewalChunk`).
 */
import type { ScenarioInput } from '@medins/contract';
import { withCheckDigit } from '@medins/engine';
import { createRng } from '@medins/workload';

type Doc = ScenarioInput;
type Member = Doc['members'][number];
type Plan = Doc['plans'][number];
type Policy = NonNullable<Doc['policies']>[number];
export type EnrollDoc = Extract<Doc['events'][number], { type: 'enroll' }>;
export type CampaignDoc = Extract<Doc['events'][number], { type: 'renewalCampaign' }>;

export const CITY = '330800';
export const PROVINCE = '330000';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** An instant as Asia/Shanghai wall time with its offset, e.g. `2026-12-31T23:59:59.999+08:00`. */
export function isoShanghai(ms: number): string {
  return new Date(ms + 8 * HOUR_MS).toISOString().replace('Z', '+08:00');
}

/** An instant in UTC, e.g. `2026-12-31T15:59:59.999Z`: the same instant as a UTC server logs it. */
export const isoUtc = (ms: number): string => new Date(ms).toISOString();

/** Dec 31 of `year`, 23:59:59.999 in Asia/Shanghai: the last instant an enrollment for `year + 1` counts. */
export const deadlineOf = (year: number): number => Date.UTC(year, 11, 31, 15, 59, 59, 999);

export const REGIONS: Doc['regions'] = [
  {
    code: CITY,
    province: PROVINCE,
    name: '衢州市',
    familyAid: { relationships: ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild'], reserveFen: 0, sameCity: false },
  },
];

export interface ProductOptions {
  /** Coverage year; enrollment closes Dec 31 of the year before, 23:59:59.999 +08:00. */
  readonly year: number;
  readonly id?: string;
  readonly premiumFen?: number;
  /** Relatives (besides self) one payer may pay for from the account. */
  readonly maxRelatives?: number;
}

export function product(o: ProductOptions): Plan {
  return {
    tier: 'supplementary',
    id: o.id ?? `hqb-${o.year}`,
    name: '惠衢保',
    region: CITY,
    regionScope: 'city',
    year: o.year,
    premiumFen: o.premiumFen ?? 10_000,
    coverage: { from: `${o.year}-01-01`, to: `${o.year}-12-31` },
    enrollment: {
      opensAt: `${o.year - 1}-11-01T00:00:00+08:00`,
      closesAt: `${o.year - 1}-12-31T23:59:59.999+08:00`,
      accountPayment: { balance: 'historical', relationships: ['self', 'spouse', 'child', 'parent'], maxRelatives: o.maxRelatives ?? 5 },
    },
    responsibilities: [{ id: 'R1', kind: 'inPolicySelfPay', visitTypes: ['inpatient'], deductibleFen: 0, ratio: 0.5, capFen: 50_000_000 }],
  } as Plan;
}

/** The roles of a household, in the order its enrollments are written. */
export const ROLES = ['payer', 'spouse', 'child', 'child2', 'parent'] as const;
export type Role = (typeof ROLES)[number];
const RELATIONSHIP: Record<Role, 'self' | 'spouse' | 'child' | 'parent'> = {
  payer: 'self',
  spouse: 'spouse',
  child: 'child',
  child2: 'child',
  parent: 'parent',
};
const BIRTH: Record<Role, string> = { payer: '1980', spouse: '1982', child: '2010', child2: '2013', parent: '1955' };
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰'];

const CODE: Record<Role, string> = { payer: 'p', spouse: 's', child: 'c', child2: 'd', parent: 'g' };
export const memberId = (prefix: string, family: number, role: Role) => `${prefix}${CODE[role]}-${family}`;

function person(prefix: string, family: number, role: Role, historicalFen: number, autoRenew: boolean): Member {
  const seq = String((family * 5 + ROLES.indexOf(role)) % 1000).padStart(3, '0');
  const day = String(1 + (family % 28)).padStart(2, '0');
  const month = String(1 + (family % 12)).padStart(2, '0');
  const employee = role === 'payer';
  return {
    id: memberId(prefix, family, role),
    name: `${SURNAMES[family % SURNAMES.length]}${GIVEN[(family + ROLES.indexOf(role)) % GIVEN.length]}${family}`,
    idNumber: withCheckDigit(`330802${BIRTH[role]}${month}${day}${seq}`),
    phone: `139${String(family).padStart(8, '0').slice(-8)}`,
    scheme: employee ? 'employee' : 'resident',
    region: CITY,
    status: 'active',
    retired: false,
    ...(employee ? { personalAccount: { currentFen: 5_000, historicalFen } } : {}),
    autoRenew: employee && autoRenew,
  } as Member;
}

function realNameOf(m: Member): NonNullable<EnrollDoc['realName']> {
  return { name: m.name, idNumber: m.idNumber ?? '', phone: m.phone ?? '' };
}

// ---------------------------------------------------------------- enrollment rush

export interface RushOptions {
  readonly families: number;
  /** Coverage year of the product (its enrollment closes Dec 31 of `year - 1`). */
  readonly year: number;
  readonly seed?: number;
  /** Member and event id prefix (two rushes in one set of tables). */
  readonly prefix?: string;
  readonly maxRelatives?: number;
  readonly premiumFen?: number;
}

export interface Rush {
  readonly doc: Doc;
  /** One enrollment per household member (the payer's own first), in no particular order. */
  readonly events: readonly EnrollDoc[];
  readonly productId: string;
  readonly closesAt: number;
  readonly premiumFen: number;
  readonly maxRelatives: number;
}

/**
 * Households rushing to enroll before the deadline, every member paid from the
 * payer's historical balance: five people per household against a limit of
 * `maxRelatives` relatives, and balances of 2 to 6 premiums, so relatives and
 * balances both run out and only the order of the commits decides who gets in.
 * One household in seven submits on the boundary: at 23:59:59.999 +08:00 or a
 * millisecond later, written in +08:00, in UTC (`Z`) or at offset +00:00.
 */
export function enrollmentRush(o: RushOptions): Rush {
  const prefix = o.prefix ?? '';
  const premiumFen = o.premiumFen ?? 10_000;
  const maxRelatives = o.maxRelatives ?? 2;
  const plan = product({ year: o.year, id: `${prefix}hqb-${o.year}`, premiumFen, maxRelatives });
  const closesAt = deadlineOf(o.year - 1);
  const rng = createRng(o.seed ?? 1, 'enrollment-rush');
  const members: Member[] = [];
  const events: EnrollDoc[] = [];
  for (let f = 0; f < o.families; f++) {
    const balance = premiumFen * rng.int(2, 6);
    const people = ROLES.map((role) => person(prefix, f, role, balance, false));
    members.push(...people);
    const payer = people[0]!;
    const boundary = f % 7 === 3 ? BOUNDARY[Math.floor(f / 7) % BOUNDARY.length]! : null;
    people.forEach((insured, i) => {
      const at = boundary ? boundary(closesAt) : isoShanghai(closesAt - rng.int(0, 10 * DAY_MS));
      events.push({
        type: 'enroll',
        id: `${prefix}e-${o.year}-${f}-${ROLES[i]}`,
        at,
        productId: plan.id,
        payerId: payer.id,
        insuredId: insured.id,
        relationship: RELATIONSHIP[ROLES[i]!],
        payment: 'personalAccount',
        realName: realNameOf(payer),
      } as EnrollDoc);
    });
  }
  return {
    doc: { version: 1, regions: REGIONS, plans: [plan], providers: [], members, familyGroups: [], policies: [], events: [] } as Doc,
    events,
    productId: plan.id,
    closesAt,
    premiumFen,
    maxRelatives,
  };
}

/** The boundary cases: the last instant and the first one after, in Shanghai time, in UTC (`Z`) and at offset +00:00. */
export const BOUNDARY: readonly ((closesAt: number) => string)[] = [
  (c) => isoShanghai(c), // 23:59:59.999+08:00: counts
  (c) => isoUtc(c), // 15:59:59.999Z, the same instant: counts
  (c) => isoShanghai(c + 1), // 00:00:00.000+08:00 on Jan 1: too late
  (c) => isoUtc(c + 1), // 16:00:00.000Z on Dec 31 (the UTC date is still Dec 31): too late
  (c) => isoUtc(c).replace('Z', '+00:00'), // 15:59:59.999+00:00: counts
  (c) => isoUtc(c + 1).replace('Z', '+00:00'), // 16:00:00.000+00:00: too late
];

/** The instant an event's `at` names (ISO text with its offset, `Z` or `+08:00`). */
export const atOf = (e: { at: string }): number => Date.parse(e.at);

// ---------------------------------------------------------------- renewal campaign

export interface RenewalWorldOptions {
  /** Households; each holds five policies of the source product (payer, spouse, two children from the account; a parent in cash). */
  readonly families: number;
  /** The source product's year Y; the campaign offers Y + 1 in the autumn of Y. */
  readonly year: number;
  readonly prefix?: string;
  readonly seed?: number;
}

/** Policies of the source product per household (a twentieth also hold one of the target product). */
export const POLICIES_PER_FAMILY = 5;

export interface RenewalWorld {
  readonly catalog: { regions: unknown[]; plans: unknown[]; providers: unknown[] };
  readonly campaign: CampaignDoc;
  readonly fromProductId: string;
  readonly toProductId: string;
}

/** The catalog and the campaign event of a renewal world (the households come in chunks). */
export function renewalWorld(o: RenewalWorldOptions): RenewalWorld {
  const prefix = o.prefix ?? '';
  const from = product({ year: o.year, id: `${prefix}hqb-${o.year}`, maxRelatives: 5 });
  const to = product({ year: o.year + 1, id: `${prefix}hqb-${o.year + 1}`, maxRelatives: 2 });
  return {
    catalog: { regions: [...(REGIONS ?? [])], plans: [from, to], providers: [] },
    campaign: {
      type: 'renewalCampaign',
      id: `${prefix}renewal-${o.year}-${o.year + 1}`,
      at: `${o.year}-11-15T02:00:00+08:00`,
      fromProductId: from.id,
      toProductId: to.id,
    } as CampaignDoc,
    fromProductId: from.id,
    toProductId: to.id,
  };
}

/**
 * Households `[start, end)` of a renewal world, as contract members and policies
 * in creation order. Two thirds of the payers authorised auto-renewal; balances
 * run from none to five premiums, so renewals succeed, fail for the balance and
 * fail for the relative limit (two relatives in Y + 1, three paid in Y); the
 * parents paid cash and are reminded; every twentieth household already holds
 * the next year's policy for its first child (skipped).
 */
export function renewalChunk(o: RenewalWorldOptions, start: number, end: number): { members: Member[]; policies: Policy[] } {
  const prefix = o.prefix ?? '';
  const world = renewalWorld(o);
  const members: Member[] = [];
  const policies: Policy[] = [];
  for (let f = start; f < end; f++) {
    const rng = createRng(o.seed ?? 1, `renewal/${f}`);
    const autoRenew = rng.chance(2 / 3);
    const balance = 10_000 * rng.int(0, 5);
    const people = ROLES.map((role) => person(prefix, f, role, balance, autoRenew));
    members.push(...people);
    const [payer, spouse, child, child2, parent] = people as [Member, Member, Member, Member, Member];
    const policy = (
      productId: string,
      insured: Member,
      relationship: Policy['relationship'],
      payment: Policy['payment'],
      payerId = payer.id,
    ): Policy => ({
      id: `${productId}:${insured.id}`,
      productId,
      insuredId: insured.id,
      payerId,
      relationship,
      payment,
    });
    policies.push(
      policy(world.fromProductId, payer, 'self', 'personalAccount'),
      policy(world.fromProductId, spouse, 'spouse', 'personalAccount'),
      policy(world.fromProductId, child, 'child', 'personalAccount'),
      policy(world.fromProductId, child2, 'child', 'personalAccount'),
      policy(world.fromProductId, parent, 'self', 'cash', parent.id),
    );
    if (f % 20 === 7) policies.push(policy(world.toProductId, child, 'child', 'cash'));
  }
  return { members, policies };
}

/** A whole renewal world as one scenario document (small sizes: tests). */
export function renewalScenario(o: RenewalWorldOptions): Doc {
  const world = renewalWorld(o);
  const { members, policies } = renewalChunk(o, 0, o.families);
  return {
    version: 1,
    regions: world.catalog.regions,
    plans: world.catalog.plans,
    providers: [],
    members,
    familyGroups: [],
    policies,
    events: [world.campaign],
  } as Doc;
}
