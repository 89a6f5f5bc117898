/**
 * world-schema.ts: the world a scenario starts from — regions, the four plan tiers,
 * providers, members, family groups, policies — with the defaults the README
 * lists and the fields each refuses.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AccountSchema,
  FamilyGroupSchema,
  issuesOf,
  MemberSchema,
  PlanSchema,
  PolicySchema,
  ProviderSchema,
  RegionSchema,
  ResponsibilitySchema,
} from '../src/index.ts';
import { omitted, patched, scenario } from './support/documents.ts';

/** The issues a part of the world is refused with (`path: rule`), or [] when accepted. */
function refusals(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success ? [] : issuesOf(parsed.error).map((i) => `${i.path}: ${i.message}`);
}

const doc = scenario();
const plan = (id: string) => doc.plans.find((p) => p.id === id)!;

describe('RegionSchema', () => {
  it('accepts a region with only its code, and one with province, name and family aid', () => {
    expect(refusals(RegionSchema, { code: '110100' })).toEqual([]);
    expect(refusals(RegionSchema, doc.regions![0])).toEqual([]);
  });

  it('takes family aid as not limited to the same city by default, and accepts null', () => {
    expect(RegionSchema.parse({ code: '330800', familyAid: { relationships: [], reserveFen: 0 } }).familyAid).toEqual({
      relationships: [],
      reserveFen: 0,
      sameCity: false,
    });
    expect(refusals(RegionSchema, { code: '330800', familyAid: null })).toEqual([]);
  });

  it('refuses a malformed code, an unknown relationship and an unknown field, each at its path', () => {
    expect(
      refusals(RegionSchema, { code: '3308', familyAid: { relationships: ['cousin'], reserveFen: 0, shared: true }, note: 'x' }),
    ).toEqual([
      'code: must be a 6-digit region code like 330800',
      'familyAid.relationships[0]: must be one of self, spouse, parent, child, sibling, grandparent, grandchild',
      'familyAid: unknown field "shared" (not part of the contract)',
      '(document): unknown field "note" (not part of the contract)',
    ]);
  });
});

describe('PlanSchema: basic', () => {
  it('accepts the full plan and one with a single benefit and no caps', () => {
    expect(refusals(PlanSchema, plan('qz-employee-2021'))).toEqual([]);
    expect(refusals(PlanSchema, plan('qz-resident-2021'))).toEqual([]);
  });

  it('gives a benefit no retiree bonus by default', () => {
    // Act
    const parsed = PlanSchema.parse(plan('qz-resident-2021'));

    // Assess
    expect(parsed.tier === 'basic' && parsed.benefits.inpatient?.retireeBonus).toBe(0);
  });

  it('refuses an unknown visit type among the benefits, and a deductible per month', () => {
    // Prepare
    const broken = patched(patched(plan('qz-employee-2021'), ['benefits'], { emergency: {} }), ['benefits', 'outpatient'], {
      deductiblePer: 'month',
    });

    // Act & Assess
    expect(refusals(PlanSchema, broken)).toEqual([
      'benefits.outpatient.deductiblePer: must be "visit" or "year"',
      'benefits: unknown field "emergency" (not part of the contract)',
    ]);
  });

  it('refuses a ratio above 1 at its level', () => {
    expect(refusals(PlanSchema, patched(plan('qz-employee-2021'), ['benefits', 'inpatient', 'ratio'], { '2': 1.2 }))).toEqual([
      'benefits.inpatient.ratio.2: must be a ratio between 0 and 1',
    ]);
  });

  it('refuses a year outside 1900–2999', () => {
    expect(refusals(PlanSchema, { ...plan('qz-resident-2021'), year: 21 })).toEqual(['year: must be a year']);
  });
});

describe('PlanSchema: critical illness', () => {
  it('accepts bands ending with an open one', () => {
    expect(refusals(PlanSchema, plan('qz-ci-2021'))).toEqual([]);
  });

  it('needs at least one band, one scheme and one visit type', () => {
    expect(refusals(PlanSchema, { ...plan('qz-ci-2021'), bands: [], schemes: [], visitTypes: [] })).toEqual([
      'schemes: Too small: expected array to have >=1 items',
      'visitTypes: Too small: expected array to have >=1 items',
      'bands: needs at least one band',
    ]);
  });
});

describe('PlanSchema: assistance', () => {
  it('accepts categories with ratios and takes no deductible by default', () => {
    // Act
    const parsed = PlanSchema.parse(plan('qz-aid-2021'));

    // Assess
    expect(parsed).toMatchObject({ tier: 'assistance', deductibleFen: 0, categories: { lowIncome: 0.7, destitute: 1 } });
  });

  it('refuses a category ratio above 1 at the category', () => {
    expect(refusals(PlanSchema, patched(plan('qz-aid-2021'), ['categories'], { destitute: 1.1 }))).toEqual([
      'categories.destitute: must be a ratio between 0 and 1',
    ]);
  });
});

describe('PlanSchema: supplementary', () => {
  it('accepts a product with account payment and responsibilities, and one with neither', () => {
    expect(refusals(PlanSchema, plan('huiqubao-2021'))).toEqual([]);
    expect(refusals(PlanSchema, plan('huiqubao-2022'))).toEqual([]);
  });

  it('names a product "" when it has no name', () => {
    expect(PlanSchema.parse(plan('huiqubao-2022'))).toMatchObject({ name: '' });
  });

  it('refuses an unknown scope, an unknown balance and a coverage date that is not a date', () => {
    // Prepare
    let broken = patched(plan('huiqubao-2021'), [], { regionScope: 'country' });
    broken = patched(broken, ['coverage'], { to: '2021-12-32' });
    broken = patched(broken, ['enrollment', 'accountPayment'], { balance: 'current' });

    // Act & Assess
    expect(refusals(PlanSchema, broken)).toEqual([
      'regionScope: must be "city" or "province"',
      'coverage.to: must be a real calendar date YYYY-MM-DD',
      'enrollment.accountPayment.balance: must be "historical" or "any"',
    ]);
  });

  it('refuses an unknown tier, listing the four', () => {
    expect(refusals(PlanSchema, { ...plan('huiqubao-2021'), tier: 'commercial' })).toEqual([
      'tier: tier must be one of basic, criticalIllness, assistance, supplementary',
    ]);
  });
});

describe('ResponsibilitySchema', () => {
  const product = plan('huiqubao-2021');
  const responsibilities = product.tier === 'supplementary' ? product.responsibilities : [];

  it.each(responsibilities.map((r) => [r.kind, r] as const))('accepts %s', (_kind, r) => {
    expect(refusals(ResponsibilitySchema, r)).toEqual([]);
  });

  it('gives outOfCatalog a full out-of-region weight and no on-label requirement by default', () => {
    // Prepare
    const { outOfRegionWeight: _w, ...r } = responsibilities.find((x) => x.kind === 'outOfCatalog')! as Record<string, unknown>;

    // Act & Assess
    expect(ResponsibilitySchema.parse(r)).toMatchObject({ outOfRegionWeight: 1, requireOnLabel: false });
  });

  it('refuses drugs on a kind that has none, and an unknown kind', () => {
    expect(refusals(ResponsibilitySchema, { ...responsibilities[0], drugs: ['SD01'] })).toEqual([
      '(document): unknown field "drugs" (not part of the contract)',
    ]);
    expect(refusals(ResponsibilitySchema, { ...responsibilities[0], kind: 'dental' })).toEqual([
      'kind: kind must be one of inPolicySelfPay, inPolicyAboveCriticalThreshold, outOfCatalog, specialDrug',
    ]);
  });

  it('needs the drug list of a specialDrug responsibility', () => {
    expect(refusals(ResponsibilitySchema, omitted(responsibilities[2], [], 'drugs'))).toEqual([
      'drugs: is required (expected array, received undefined)',
    ]);
  });
});

describe('ProviderSchema', () => {
  it('accepts a provider and takes it as without special drugs by default', () => {
    expect(ProviderSchema.parse(doc.providers[0])).toMatchObject({ specialDrugs: false });
    expect(ProviderSchema.parse(doc.providers[1])).toMatchObject({ specialDrugs: true });
  });

  it('takes a level from 0 to 9', () => {
    expect(refusals(ProviderSchema, { ...doc.providers[0], level: 0 })).toEqual([]);
    expect(refusals(ProviderSchema, { ...doc.providers[0], level: 10 })).toEqual(['level: Too big: expected number to be <=9']);
  });

  it('needs to know whether the provider is designated', () => {
    expect(refusals(ProviderSchema, omitted(doc.providers[0], [], 'designated'))).toEqual([
      'designated: is required (expected boolean, received undefined)',
    ]);
  });
});

describe('MemberSchema', () => {
  it('fills the defaults the README lists: not retired, no assistance category, no auto-renewal', () => {
    // Act
    const member = MemberSchema.parse(doc.members[1]);

    // Assess
    expect(member).toMatchObject({ retired: false, assistanceCategory: null, autoRenew: false });
    expect(member).not.toHaveProperty('personalAccount');
  });

  it('keeps the values given', () => {
    expect(MemberSchema.parse(doc.members[0])).toMatchObject({ retired: true, assistanceCategory: 'lowIncome', autoRenew: true });
  });

  it('accepts a newborn without ID number and with a null phone', () => {
    expect(refusals(MemberSchema, doc.members[2])).toEqual([]);
  });

  it('refuses an unknown field, an unknown scheme and a negative balance, each at its path', () => {
    expect(
      refusals(MemberSchema, {
        ...doc.members[0],
        gender: 'm',
        scheme: 'commercial',
        personalAccount: { currentFen: -1, historicalFen: 0 },
      }),
    ).toEqual([
      'scheme: must be one of employee, resident',
      'personalAccount.currentFen: must not be negative',
      '(document): unknown field "gender" (not part of the contract)',
    ]);
  });

  it('needs both balances of an account', () => {
    expect(refusals(AccountSchema, { currentFen: 0 })).toEqual(['historicalFen: is required (must be an integer number of fen)']);
  });
});

describe('FamilyGroupSchema and PolicySchema', () => {
  it('leaves a group member open-ended by default', () => {
    // Act
    const group = FamilyGroupSchema.parse(doc.familyGroups![0]);

    // Assess
    expect(group.members.map((m) => m.validTo)).toEqual([null, null]);
  });

  it('refuses a relationship the contract does not know in a group', () => {
    expect(refusals(FamilyGroupSchema, patched(doc.familyGroups![0], ['members', 1], { relationship: 'cousin' }))).toEqual([
      'members[1].relationship: must be one of self, spouse, parent, child, sibling, grandparent, grandchild',
    ]);
  });

  it('accepts a policy paid either way and refuses another payment', () => {
    expect(refusals(PolicySchema, doc.policies![0])).toEqual([]);
    expect(refusals(PolicySchema, doc.policies![1])).toEqual([]);
    expect(refusals(PolicySchema, { ...doc.policies![0], payment: 'card' })).toEqual(['payment: must be "personalAccount" or "cash"']);
  });
});
