/**
 * functions → fhir: a settled claim as a FHIR R4 ExplanationOfBenefit, and a run's
 * settled claims as a Bundle. Pure: the claim as the engine parsed it, its result,
 * the catalog it was decided with and the patient's display form in; a resource
 * out. Nothing here decides anything: the amounts are the engine's result, and a
 * line's eligible part is the engine's own `splitLines`.
 *
 * What goes where (HL7's adjudication codes, CARIN Blue Button's where they fit):
 * - `patient`: the member id as an identifier, and at most the masked name;
 * - `insurer`: the focal tier's fund (the basic tier's when it paid, else the first
 *   tier that ran); `insurance[]`: one contained Coverage per tier that ran, in tier
 *   order (basic, critical illness, assistance, supplementary), the first focal (a
 *   self-pay Coverage when no tier ran);
 * - `item[]`: one per cost line, `submitted` (its amount) and `eligible` (its in-scope
 *   part: an A line whole, a B line less its first self-pay, OOC and non-medical 0);
 * - `adjudication[]` (header level): each tier's `benefit`, with the tier as reason;
 * - `total[]`: `submitted`, `eligible`, `deductible`, `benefit` (all tiers), and the
 *   patient's share: `paidbypatient`, split as `paidbypatienthealthaccount` (their own
 *   personal account), `paidbypatientother` (the family mutual-aid holder's account,
 *   also coded `familyaccount` in this platform's system) and `paidbypatientcash`.
 *   `benefit` + `paidbypatient` = `submitted`, in CNY to the fen.
 * A reversed claim is `cancelled`.
 */
import { createHash } from 'node:crypto';
import {
  type Catalog,
  type ClaimEvent,
  type Fen,
  formatShanghai,
  type PaidClaimResult,
  type Plan,
  type PlanId,
  splitLines,
} from '@medins/engine';
import type {
  Bundle,
  CodeableConcept,
  Coverage,
  ExplanationOfBenefit,
  ExplanationOfBenefitInsurance,
  ExplanationOfBenefitItemAdjudication,
  ExplanationOfBenefitTotal,
  Money,
  Reference,
} from 'fhir/r4';

/** This platform's naming systems (URNs: they name, they resolve nowhere). */
export const FHIR_SYSTEMS = {
  claim: 'urn:medins:claim',
  member: 'urn:medins:member',
  provider: 'urn:medins:provider',
  plan: 'urn:medins:plan',
  lineCode: 'urn:medins:line-code',
  lineCategory: 'urn:medins:line-category',
  tier: 'urn:medins:tier',
  adjudication: 'urn:medins:adjudication',
} as const;

const HL7_ADJUDICATION = 'http://terminology.hl7.org/CodeSystem/adjudication';
const CARIN_ADJUDICATION = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication';
const CLAIM_TYPE = 'http://terminology.hl7.org/CodeSystem/claim-type';

/** The tiers in the order they settle: the order of `insurance[]`. */
const TIERS = ['basic', 'criticalIllness', 'assistance', 'supplementary'] as const;
type Tier = (typeof TIERS)[number];

const TIER_NAMES: Readonly<Record<Tier, string>> = {
  basic: '基本医保统筹基金',
  criticalIllness: '大病保险',
  assistance: '医疗救助',
  supplementary: '惠民保',
};

/** A settled claim and what it was decided with. */
export interface SettledClaim {
  /** The claim as the engine parsed it (ids as stored). */
  readonly claim: ClaimEvent;
  readonly result: PaidClaimResult;
  /** The reversal that undid it, if one did. */
  readonly reversedBy?: string | null;
  readonly catalog: Catalog;
  /** The patient's display form: a masked name at most (never a clear name), or null to show the id alone. */
  readonly patientDisplay: string | null;
}

/** Fen as FHIR Money in CNY (yuan, two decimals at most). */
export const cny = (amountFen: number): Money => ({ value: amountFen / 100, currency: 'CNY' });

const hl7 = (code: string): CodeableConcept => ({ coding: [{ system: HL7_ADJUDICATION, code }] });
const carin = (code: string, local?: string): CodeableConcept => ({
  coding: [{ system: CARIN_ADJUDICATION, code }, ...(local ? [{ system: FHIR_SYSTEMS.adjudication, code: local }] : [])],
});

/**
 * A FHIR id for a claim id: the claim id itself when it is one (letters, digits,
 * `-`, `.`, at most 64), else a digest of it (stored ids hold `:`); the claim id
 * itself is always the resource's identifier.
 */
export function fhirIdOf(claimId: string): string {
  return /^[A-Za-z0-9\-.]{1,64}$/.test(claimId) ? claimId : `c-${createHash('sha256').update(claimId).digest('hex').slice(0, 40)}`;
}

/** Who administers a tier's fund: the supplementary product's name, else the tier's fund of the plan's region. */
function insurerOf(catalog: Catalog, tier: Tier, planId: PlanId): Reference {
  const plan: Plan | undefined = catalog.plans.get(planId);
  const region = plan ? (catalog.regions.get(plan.region)?.name ?? plan.region) : null;
  const name = plan?.tier === 'supplementary' && plan.name ? plan.name : region ? `${region} ${TIER_NAMES[tier]}` : TIER_NAMES[tier];
  return { identifier: { system: FHIR_SYSTEMS.plan, value: planId }, display: name };
}

const CLAIM_TYPES: Readonly<Record<ClaimEvent['visitType'], string>> = {
  inpatient: 'institutional',
  specialOutpatient: 'professional',
  outpatient: 'professional',
  pharmacy: 'pharmacy',
};

/** The tiers that ran, in tier order, with what each paid. */
function tiersOf(result: PaidClaimResult): { tier: Tier; planId: PlanId; paidFen: Fen }[] {
  return TIERS.flatMap((tier) => {
    const outcome = result[tier];
    return outcome ? [{ tier, planId: outcome.planId, paidFen: outcome.paidFen }] : [];
  });
}

/**
 * A settled claim as a FHIR R4 ExplanationOfBenefit.
 *
 * @example
 * ```ts
 * const eob = explanationOfBenefit({ claim, result, catalog, patientDisplay: '张*' });
 * eob.total?.find((t) => t.category.coding?.[0]?.code === 'submitted')?.amount; // { value: 10050, currency: 'CNY' }
 * ```
 */
export function explanationOfBenefit(settled: SettledClaim): ExplanationOfBenefit {
  const { claim, result, catalog } = settled;
  const tiers = tiersOf(result);
  const patient: Reference = {
    identifier: { system: FHIR_SYSTEMS.member, value: claim.memberId },
    ...(settled.patientDisplay ? { display: settled.patientDisplay } : {}),
  };
  const contained: Coverage[] = tiers.map(({ tier, planId }) => ({
    resourceType: 'Coverage',
    id: `coverage-${tier}`,
    status: 'active',
    type: { coding: [{ system: FHIR_SYSTEMS.tier, code: tier, display: TIER_NAMES[tier] }] },
    beneficiary: patient,
    payor: [insurerOf(catalog, tier, planId)],
    class: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan' }] }, value: planId }],
  }));
  if (contained.length === 0) {
    // No tier ran (the basic plan has no benefit for this visit type): the patient paid it all, a self-pay coverage.
    contained.push({
      resourceType: 'Coverage',
      id: 'coverage-self-pay',
      status: 'active',
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-selfpay', code: 'pay' }] },
      beneficiary: patient,
      payor: [patient],
    });
  }
  const insurance: ExplanationOfBenefitInsurance[] = contained.map((coverage, i) => ({
    focal: i === 0,
    coverage: { reference: `#${coverage.id}` },
  }));
  const provider = catalog.provider(claim.providerId);
  const items = claim.lines.map((line, i) => ({
    sequence: i + 1,
    productOrService: {
      coding: [{ system: FHIR_SYSTEMS.lineCode, code: line.code }],
      text: line.code,
    },
    category: { coding: [{ system: FHIR_SYSTEMS.lineCategory, code: line.category }] },
    servicedDate: claim.serviceDate,
    net: cny(line.amountFen),
    adjudication: [
      { category: hl7('submitted'), amount: cny(line.amountFen) },
      { category: hl7('eligible'), amount: cny(splitLines([line]).scopeFen) },
    ],
  }));
  const adjudication: ExplanationOfBenefitItemAdjudication[] = tiers.map(({ tier, paidFen }) => ({
    category: hl7('benefit'),
    reason: { coding: [{ system: FHIR_SYSTEMS.tier, code: tier, display: TIER_NAMES[tier] }] },
    amount: cny(paidFen),
  }));
  const p = result.payments;
  const benefitFen = tiers.reduce((s, t) => s + t.paidFen, 0);
  const patientFen = p.ownAccountFen + p.familyAccountFen + p.cashFen;
  const total: ExplanationOfBenefitTotal[] = [
    { category: hl7('submitted'), amount: cny(result.totalFen) },
    { category: hl7('eligible'), amount: cny(result.basic?.scopeFen ?? 0) },
    { category: hl7('deductible'), amount: cny(result.basic?.deductibleFen ?? 0) },
    { category: hl7('benefit'), amount: cny(benefitFen) },
    { category: carin('paidbypatient'), amount: cny(patientFen) },
    { category: carin('paidbypatienthealthaccount', 'ownaccount'), amount: cny(p.ownAccountFen) },
    { category: carin('paidbypatientother', 'familyaccount'), amount: cny(p.familyAccountFen) },
    { category: carin('paidbypatientcash', 'cash'), amount: cny(p.cashFen) },
  ];
  const focal = tiers[0];
  return {
    resourceType: 'ExplanationOfBenefit',
    id: fhirIdOf(claim.id),
    contained,
    identifier: [{ system: FHIR_SYSTEMS.claim, value: claim.id }],
    status: settled.reversedBy ? 'cancelled' : 'active',
    type: { coding: [{ system: CLAIM_TYPE, code: CLAIM_TYPES[claim.visitType] }], text: claim.visitType },
    use: 'claim',
    patient,
    billablePeriod: { start: claim.serviceDate, end: claim.serviceDate },
    created: formatShanghai(claim.at),
    insurer: focal ? insurerOf(catalog, focal.tier, focal.planId) : { display: 'self-pay: no tier ran' },
    provider: {
      identifier: { system: FHIR_SYSTEMS.provider, value: claim.providerId },
      ...(provider ? { display: `${provider.type} ${provider.region}` } : {}),
    },
    outcome: 'complete',
    insurance,
    item: items,
    ...(adjudication.length > 0 ? { adjudication } : {}),
    total,
    payment: { amount: cny(benefitFen) },
  };
}

/** A run's settled claims as one FHIR `collection` Bundle, in the order given. */
export function explanationBundle(claims: readonly SettledClaim[], timestamp: string): Bundle<ExplanationOfBenefit> {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp,
    entry: claims.map((c) => ({ resource: explanationOfBenefit(c) })),
  };
}
