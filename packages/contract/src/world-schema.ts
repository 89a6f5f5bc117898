/** Schemas of the world a scenario starts from: regions, plans, providers, members, groups, policies. */
import { z } from 'zod';
import {
  FenSchema,
  IdSchema,
  InstantSchema,
  LocalDateSchema,
  levelMap,
  NameSchema,
  RatioSchema,
  RegionCodeSchema,
  RelationshipSchema,
  SchemeSchema,
  VisitTypeSchema,
  YearSchema,
} from './primitives.ts';

export const RegionSchema = z.strictObject({
  code: RegionCodeSchema,
  province: RegionCodeSchema.optional(),
  name: z.string().max(64).optional(),
  familyAid: z
    .strictObject({
      relationships: z.array(RelationshipSchema),
      reserveFen: FenSchema,
      sameCity: z.boolean().default(false),
    })
    .nullable()
    .optional(),
});

const BenefitSchema = z.strictObject({
  deductibleFen: levelMap(FenSchema),
  deductiblePer: z.enum(['visit', 'year'], { error: 'must be "visit" or "year"' }),
  ratio: levelMap(RatioSchema),
  retireeBonus: RatioSchema.default(0),
  perVisitCapFen: levelMap(FenSchema).optional(),
  annualCapFen: FenSchema.optional(),
});

export const BasicPlanSchema = z.strictObject({
  tier: z.literal('basic'),
  id: IdSchema,
  name: z.string().max(64).optional(),
  scheme: SchemeSchema,
  region: RegionCodeSchema,
  year: YearSchema,
  annualCapFen: FenSchema.optional(),
  benefits: z.strictObject({
    inpatient: BenefitSchema.optional(),
    specialOutpatient: BenefitSchema.optional(),
    outpatient: BenefitSchema.optional(),
    pharmacy: BenefitSchema.optional(),
  }),
});

export const CriticalIllnessPlanSchema = z.strictObject({
  tier: z.literal('criticalIllness'),
  id: IdSchema,
  name: z.string().max(64).optional(),
  region: RegionCodeSchema,
  year: YearSchema,
  schemes: z.array(SchemeSchema).min(1),
  visitTypes: z.array(VisitTypeSchema).min(1),
  thresholdFen: FenSchema,
  annualCapFen: FenSchema.optional(),
  bands: z.array(z.strictObject({ uptoFen: FenSchema.nullable(), ratio: RatioSchema })).min(1, { error: 'needs at least one band' }),
});

export const AssistancePlanSchema = z.strictObject({
  tier: z.literal('assistance'),
  id: IdSchema,
  name: z.string().max(64).optional(),
  region: RegionCodeSchema,
  year: YearSchema,
  categories: z.record(IdSchema, RatioSchema),
  deductibleFen: FenSchema.default(0),
  annualCapFen: FenSchema.optional(),
});

const responsibilityBase = {
  id: IdSchema,
  visitTypes: z.array(VisitTypeSchema).min(1),
  deductibleFen: FenSchema,
  ratio: RatioSchema,
  capFen: FenSchema.optional(),
};

export const ResponsibilitySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ ...responsibilityBase, kind: z.literal('inPolicySelfPay') }),
    z.strictObject({ ...responsibilityBase, kind: z.literal('inPolicyAboveCriticalThreshold') }),
    z.strictObject({
      ...responsibilityBase,
      kind: z.literal('outOfCatalog'),
      outOfRegionWeight: RatioSchema.default(1),
      requireOnLabel: z.boolean().default(false),
    }),
    z.strictObject({ ...responsibilityBase, kind: z.literal('specialDrug'), drugs: z.array(IdSchema) }),
  ],
  { error: 'kind must be one of inPolicySelfPay, inPolicyAboveCriticalThreshold, outOfCatalog, specialDrug' },
);

export const SupplementaryProductSchema = z.strictObject({
  tier: z.literal('supplementary'),
  id: IdSchema,
  name: z.string().max(64).default(''),
  region: RegionCodeSchema,
  regionScope: z.enum(['city', 'province'], { error: 'must be "city" or "province"' }),
  year: YearSchema,
  premiumFen: FenSchema,
  coverage: z.strictObject({ from: LocalDateSchema, to: LocalDateSchema }),
  enrollment: z.strictObject({
    opensAt: InstantSchema,
    closesAt: InstantSchema,
    accountPayment: z
      .strictObject({
        balance: z.enum(['historical', 'any'], { error: 'must be "historical" or "any"' }),
        relationships: z.array(RelationshipSchema),
        maxRelatives: z.int().min(0).optional(),
      })
      .nullable()
      .optional(),
  }),
  responsibilities: z.array(ResponsibilitySchema),
});

export const PlanSchema = z.discriminatedUnion(
  'tier',
  [BasicPlanSchema, CriticalIllnessPlanSchema, AssistancePlanSchema, SupplementaryProductSchema],
  { error: 'tier must be one of basic, criticalIllness, assistance, supplementary' },
);

export const ProviderSchema = z.strictObject({
  id: IdSchema,
  name: z.string().max(64).optional(),
  region: RegionCodeSchema,
  type: z.string().min(1).max(32),
  level: z.int().min(0).max(9),
  designated: z.boolean(),
  specialDrugs: z.boolean().default(false),
});

export const AccountSchema = z.strictObject({ currentFen: FenSchema, historicalFen: FenSchema });

export const MemberSchema = z.strictObject({
  id: IdSchema,
  name: NameSchema,
  idNumber: z.string().max(32).nullable().optional(),
  phone: z.string().max(32).nullable().optional(),
  birthDate: LocalDateSchema.nullable().optional(),
  birthCertificateNo: z.string().max(32).nullable().optional(),
  scheme: SchemeSchema,
  region: RegionCodeSchema,
  status: z.string().min(1).max(32),
  retired: z.boolean().default(false),
  personalAccount: AccountSchema.nullable().optional(),
  assistanceCategory: IdSchema.nullable().default(null),
  autoRenew: z.boolean().default(false),
});

export const FamilyGroupSchema = z.strictObject({
  holderId: IdSchema,
  members: z.array(
    z.strictObject({
      memberId: IdSchema,
      relationship: RelationshipSchema,
      validFrom: InstantSchema,
      validTo: InstantSchema.nullable().default(null),
    }),
  ),
});

export const PolicySchema = z.strictObject({
  id: IdSchema,
  productId: IdSchema,
  insuredId: IdSchema,
  payerId: IdSchema,
  relationship: RelationshipSchema,
  payment: z.enum(['personalAccount', 'cash'], { error: 'must be "personalAccount" or "cash"' }),
});

/**
 * A world's review rules (人工审核), the scenario's top-level `review`: each rule
 * optional, an absent one raises no flag; without the key no claim is ever held.
 */
export const ReviewRulesSchema = z
  .strictObject({
    /** SAMPLED: this percent of claims, chosen by SHA-256 of the claim id. */
    samplePercent: z
      .number({ error: 'must be a percent, a number between 0 and 100' })
      .min(0, { error: 'must be a percent between 0 and 100' })
      .max(100, { error: 'must be a percent between 0 and 100' })
      .optional(),
    /** HIGH_VALUE: a claim's total (every line) at or above it. */
    valueAtLeastFen: FenSchema.optional(),
    /** SPECIAL_DRUG: lines a specialDrug responsibility of the covering policy would count need approval (特药). */
    specialDrugsNeedApproval: z.boolean({ error: 'must be true or false' }).optional(),
    /** READMISSION: inpatient again at the same provider within this many days (分解住院). */
    readmissionDays: z
      .int({ error: 'must be a whole number of days' })
      .min(0, { error: 'must not be negative' })
      .max(3660, { error: 'must be at most 3660 days' })
      .optional(),
  })
  .meta({ description: 'Review rules: which claims are held for a reviewer (人工审核); each rule optional' });
