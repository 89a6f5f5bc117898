/**
 * The static world a claim is settled against: regions, plans of every tier,
 * providers. These change by configuration, not by events.
 */

import type { PlanId, ProviderId, RegionCode, ResponsibilityId } from '../core/ids.ts';
import type { Bps, Fen } from '../core/money.ts';
import type { Instant, LocalDate } from '../core/time.ts';

export const VISIT_TYPES = ['inpatient', 'specialOutpatient', 'outpatient', 'pharmacy'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

export const SCHEMES = ['employee', 'resident'] as const;
export type Scheme = (typeof SCHEMES)[number];

export const LINE_CATEGORIES = ['A', 'B', 'OOC', 'nonMedical'] as const;
export type LineCategory = (typeof LINE_CATEGORIES)[number];

/** Relationships as the family-aid and enrollment rules name them; `self` only for enrollment. */
export const RELATIONSHIPS = ['self', 'spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Provider level: 一级 / 二级 / 三级. Other levels are accepted and simply find no ratio. */
export type ProviderLevel = number;

export interface FamilyAidRules {
  readonly relationships: readonly Relationship[];
  /** What the holder must keep untouched (e.g. 2,000 yuan in some Jiangxi cities). */
  readonly reserveFen: Fen;
  /** The region requires the member in the holder's city, not just the province. */
  readonly sameCity: boolean;
}

export interface Region {
  readonly code: RegionCode;
  readonly province: RegionCode;
  readonly name: string;
  /** Absent: the region has no family aid, no relationship is allowed. */
  readonly familyAid: FamilyAidRules | null;
}

export interface BasicBenefit {
  readonly deductibleFen: ReadonlyMap<ProviderLevel, Fen>;
  readonly deductiblePer: 'visit' | 'year';
  readonly ratioBps: ReadonlyMap<ProviderLevel, Bps>;
  readonly retireeBonusBps: Bps;
  readonly perVisitCapFen: ReadonlyMap<ProviderLevel, Fen> | null;
  readonly annualCapFen: Fen | null;
}

export interface BasicPlan {
  readonly tier: 'basic';
  readonly id: PlanId;
  readonly scheme: Scheme;
  readonly region: RegionCode;
  readonly year: number;
  readonly annualCapFen: Fen | null;
  readonly benefits: Partial<Record<VisitType, BasicBenefit>>;
}

export interface Band {
  /** Upper bound on the yearly amount above the threshold; null: no bound. */
  readonly uptoFen: Fen | null;
  readonly ratioBps: Bps;
}

export interface CriticalIllnessPlan {
  readonly tier: 'criticalIllness';
  readonly id: PlanId;
  readonly region: RegionCode;
  readonly year: number;
  readonly schemes: readonly Scheme[];
  readonly visitTypes: readonly VisitType[];
  readonly thresholdFen: Fen;
  readonly annualCapFen: Fen | null;
  readonly bands: readonly Band[];
}

export interface AssistancePlan {
  readonly tier: 'assistance';
  readonly id: PlanId;
  readonly region: RegionCode;
  readonly year: number;
  readonly categories: ReadonlyMap<string, Bps>;
  readonly deductibleFen: Fen;
  readonly annualCapFen: Fen | null;
}

interface ResponsibilityBase {
  readonly id: ResponsibilityId;
  readonly visitTypes: readonly VisitType[];
  readonly deductibleFen: Fen;
  readonly ratioBps: Bps;
  readonly capFen: Fen | null;
}

export type Responsibility =
  | (ResponsibilityBase & { readonly kind: 'inPolicySelfPay' })
  | (ResponsibilityBase & { readonly kind: 'inPolicyAboveCriticalThreshold' })
  | (ResponsibilityBase & {
      readonly kind: 'outOfCatalog';
      readonly outOfRegionWeightBps: Bps;
      readonly requireOnLabel: boolean;
    })
  | (ResponsibilityBase & { readonly kind: 'specialDrug'; readonly drugs: ReadonlySet<string> });

export type ResponsibilityKind = Responsibility['kind'];

export interface AccountPaymentRules {
  /** `historical`: only the historical balance may pay; `any`: current first. */
  readonly balance: 'historical' | 'any';
  readonly relationships: readonly Relationship[];
  /** At most this many relatives besides the payer; null: no limit. */
  readonly maxRelatives: number | null;
}

export interface SupplementaryProduct {
  readonly tier: 'supplementary';
  readonly id: PlanId;
  readonly name: string;
  readonly region: RegionCode;
  readonly regionScope: 'city' | 'province';
  readonly year: number;
  readonly premiumFen: Fen;
  readonly coverage: { readonly from: LocalDate; readonly to: LocalDate };
  readonly enrollment: {
    readonly opensAt: Instant;
    readonly closesAt: Instant;
    readonly accountPayment: AccountPaymentRules | null;
  };
  readonly responsibilities: readonly Responsibility[];
}

export type Plan = BasicPlan | CriticalIllnessPlan | AssistancePlan | SupplementaryProduct;

export interface Provider {
  readonly id: ProviderId;
  readonly region: RegionCode;
  readonly type: string;
  readonly level: ProviderLevel;
  readonly designated: boolean;
  /** A pharmacy designated for the special-drug list (双通道). */
  readonly specialDrugs: boolean;
}

/**
 * A world's review rules (人工审核): what flags a claim for a person. Each rule is
 * optional (null, false: it raises no flag); a world without rules holds no claim.
 */
export interface ReviewRules {
  /**
   * SAMPLED when the first four bytes of SHA-256 of the claim id, modulo 10,000, are
   * below this: `samplePercent × 100` rounded up to a whole number, which for the
   * integer sample is the same comparison as against the exact product (2.5 % → 250).
   */
  readonly sampleBelow: number | null;
  /** HIGH_VALUE when the claim's total (every line) is at or above it. */
  readonly valueAtLeastFen: Fen | null;
  /** SPECIAL_DRUG: a line the covering policy's specialDrug responsibility would count needs approval (特药). */
  readonly specialDrugsNeedApproval: boolean;
  /** READMISSION: inpatient again at the same provider 1 to N days after a settled stay (分解住院). */
  readonly readmissionDays: number | null;
}

/** The flags, in the order a held result lists them. */
export const REVIEW_FLAGS = ['SAMPLED', 'HIGH_VALUE', 'SPECIAL_DRUG', 'READMISSION'] as const;
export type ReviewFlag = (typeof REVIEW_FLAGS)[number];
