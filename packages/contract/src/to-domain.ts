/**
 * From the wire format (validated documents) to the engine's types: fen and basis
 * points branded, times parsed to instants, ids branded, defaults made explicit.
 */
import {
  type Account,
  asEventId,
  asMemberId,
  asPlanId,
  asPolicyId,
  asProviderId,
  asRegionCode,
  asResponsibilityId,
  asVisitId,
  type BasicBenefit,
  birthDateOfClearIdNumber,
  Catalog,
  type Digester,
  type DomainEvent,
  type FamilyBinding,
  fen,
  type Instant,
  type LocalDate,
  type Member,
  type MemberId,
  type Plan,
  type Policy,
  type Provider,
  parseInstant,
  parseLocalDate,
  type Region,
  type RelativeProof,
  type Responsibility,
  type ReviewRules,
  sampleThreshold,
  sealCertificateNo,
  sealIdNumber,
  sealName,
  sealPhone,
  toBps,
  type World,
} from '@medins/engine';
import type { z } from 'zod';
import type { SealedEventDoc } from './event-schema.ts';
import { asSealed } from './personal.ts';
import type { ScenarioDoc } from './scenario-schema.ts';
import type { MemberSchema, PlanSchema, ProviderSchema, RegionSchema, ReviewRulesSchema } from './world-schema.ts';

const instant = (s: string): Instant => parseInstant(s)!;
const date = (s: string): LocalDate => parseLocalDate(s)!;
const levels = <T>(map: Record<string, number>, f: (n: number) => T) => new Map(Object.entries(map).map(([k, v]) => [Number(k), f(v)]));
const optFen = (x: number | undefined) => (x === undefined ? null : fen(x));

export function toRegion(r: z.infer<typeof RegionSchema>): Region {
  return {
    code: asRegionCode(r.code),
    province: asRegionCode(r.province ?? `${r.code.slice(0, 2)}0000`),
    name: r.name ?? r.code,
    familyAid: r.familyAid
      ? { relationships: r.familyAid.relationships, reserveFen: fen(r.familyAid.reserveFen), sameCity: r.familyAid.sameCity }
      : null,
  };
}

export function toPlan(p: z.infer<typeof PlanSchema>): Plan {
  switch (p.tier) {
    case 'basic': {
      const benefits: Partial<Record<keyof typeof p.benefits, BasicBenefit>> = {};
      for (const [visitType, b] of Object.entries(p.benefits)) {
        if (!b) continue;
        benefits[visitType as keyof typeof p.benefits] = {
          deductibleFen: levels(b.deductibleFen, fen),
          deductiblePer: b.deductiblePer,
          ratioBps: levels(b.ratio, toBps),
          retireeBonusBps: toBps(b.retireeBonus),
          perVisitCapFen: b.perVisitCapFen ? levels(b.perVisitCapFen, fen) : null,
          annualCapFen: optFen(b.annualCapFen),
        };
      }
      return {
        tier: 'basic',
        id: asPlanId(p.id),
        scheme: p.scheme,
        region: asRegionCode(p.region),
        year: p.year,
        annualCapFen: optFen(p.annualCapFen),
        benefits,
      };
    }
    case 'criticalIllness':
      return {
        tier: 'criticalIllness',
        id: asPlanId(p.id),
        region: asRegionCode(p.region),
        year: p.year,
        schemes: p.schemes,
        visitTypes: p.visitTypes,
        thresholdFen: fen(p.thresholdFen),
        annualCapFen: optFen(p.annualCapFen),
        bands: p.bands.map((b) => ({ uptoFen: b.uptoFen === null ? null : fen(b.uptoFen), ratioBps: toBps(b.ratio) })),
      };
    case 'assistance':
      return {
        tier: 'assistance',
        id: asPlanId(p.id),
        region: asRegionCode(p.region),
        year: p.year,
        categories: new Map(Object.entries(p.categories).map(([k, v]) => [k, toBps(v)])),
        deductibleFen: fen(p.deductibleFen),
        annualCapFen: optFen(p.annualCapFen),
      };
    case 'supplementary':
      return {
        tier: 'supplementary',
        id: asPlanId(p.id),
        name: p.name,
        region: asRegionCode(p.region),
        regionScope: p.regionScope,
        year: p.year,
        premiumFen: fen(p.premiumFen),
        coverage: { from: date(p.coverage.from), to: date(p.coverage.to) },
        enrollment: {
          opensAt: instant(p.enrollment.opensAt),
          closesAt: instant(p.enrollment.closesAt),
          accountPayment: p.enrollment.accountPayment
            ? {
                balance: p.enrollment.accountPayment.balance,
                relationships: p.enrollment.accountPayment.relationships,
                maxRelatives: p.enrollment.accountPayment.maxRelatives ?? null,
              }
            : null,
        },
        // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every kind; tsc rejects a missing return against `Responsibility`.
        responsibilities: p.responsibilities.map((r): Responsibility => {
          const base = {
            id: asResponsibilityId(r.id),
            visitTypes: r.visitTypes,
            deductibleFen: fen(r.deductibleFen),
            ratioBps: toBps(r.ratio),
            capFen: optFen(r.capFen),
          };
          switch (r.kind) {
            case 'inPolicySelfPay':
            case 'inPolicyAboveCriticalThreshold':
              return { ...base, kind: r.kind };
            case 'outOfCatalog':
              return { ...base, kind: r.kind, outOfRegionWeightBps: toBps(r.outOfRegionWeight), requireOnLabel: r.requireOnLabel };
            case 'specialDrug':
              return { ...base, kind: r.kind, drugs: new Set(r.drugs) };
          }
        }),
      };
  }
}

/** The review rules; an absent rule raises no flag. */
export function toReviewRules(r: z.infer<typeof ReviewRulesSchema>): ReviewRules {
  return {
    sampleBelow: r.samplePercent === undefined ? null : sampleThreshold(r.samplePercent),
    valueAtLeastFen: optFen(r.valueAtLeastFen),
    specialDrugsNeedApproval: r.specialDrugsNeedApproval ?? false,
    readmissionDays: r.readmissionDays ?? null,
  };
}

export function toProvider(p: z.infer<typeof ProviderSchema>): Provider {
  return {
    id: asProviderId(p.id),
    region: asRegionCode(p.region),
    type: p.type,
    level: p.level,
    designated: p.designated,
    specialDrugs: p.specialDrugs,
  };
}

/**
 * A registered member, sealed (engine's core/personal.ts): name, ID number, phone
 * and birth-certificate number kept as digests and masks; the birth date read
 * from the ID number here, where it is still clear.
 */
export function toMember(m: z.infer<typeof MemberSchema>, digest: Digester): Member {
  const born = (m.idNumber ? birthDateOfClearIdNumber(m.idNumber) : undefined) ?? (m.birthDate ? date(m.birthDate) : undefined);
  return {
    id: asMemberId(m.id),
    name: sealName(m.name, digest),
    idNumber: m.idNumber ? sealIdNumber(m.idNumber, digest) : null,
    phone: m.phone ? sealPhone(m.phone, digest) : null,
    birthDate: born ?? null,
    birthCertificateNo: m.birthCertificateNo ? sealCertificateNo(m.birthCertificateNo, digest) : null,
    scheme: m.scheme,
    region: asRegionCode(m.region),
    status: m.status,
    retired: m.retired,
    assistanceCategory: m.assistanceCategory,
    autoRenew: m.autoRenew,
    hasPersonalAccount: m.scheme === 'employee' && !!m.personalAccount,
  };
}

function toProof(p: NonNullable<Extract<SealedEventDoc, { type: 'bindViewer' }>['proof']>): RelativeProof {
  return p.kind === 'idNumber'
    ? { kind: 'idNumber', name: asSealed(p.name), idNumber: asSealed(p.idNumber) }
    : {
        kind: 'birthCertificate',
        certificateNo: asSealed(p.certificateNo),
        motherName: asSealed(p.motherName),
        motherIdNumber: asSealed(p.motherIdNumber),
      };
}

/** An event as the system keeps it (personal data sealed: `sealEvent`) in the engine's types. */
export function toEvent(e: SealedEventDoc): DomainEvent {
  const base = { id: asEventId(e.id), at: instant(e.at) };
  switch (e.type) {
    case 'claim':
    case 'quote':
      return {
        ...base,
        type: e.type,
        memberId: asMemberId(e.memberId),
        cardHolderId: asMemberId(e.cardHolderId),
        providerId: asProviderId(e.providerId),
        visitType: e.visitType,
        serviceDate: date(e.serviceDate),
        visitId: e.visitId === undefined ? null : asVisitId(e.visitId),
        useAccount: e.useAccount,
        lines: e.lines.map((l) => ({
          code: l.code,
          category: l.category,
          amountFen: fen(l.amountFen),
          selfPayBps: toBps(l.category === 'B' ? (l.selfPayRatio ?? 0) : 0),
          onLabel: l.onLabel ?? null,
        })),
      };
    case 'enroll':
      return {
        ...base,
        type: 'enroll',
        productId: asPlanId(e.productId),
        payerId: asMemberId(e.payerId),
        insuredId: asMemberId(e.insuredId),
        relationship: e.relationship,
        payment: e.payment,
        realName: e.realName
          ? { name: asSealed(e.realName.name), idNumber: asSealed(e.realName.idNumber), phone: asSealed(e.realName.phone) }
          : null,
      };
    case 'bindFamily':
      return {
        ...base,
        type: 'bindFamily',
        holderId: asMemberId(e.holderId),
        memberId: asMemberId(e.memberId),
        relationship: e.relationship,
        validFrom: instant(e.validFrom),
        validTo: e.validTo === null ? null : instant(e.validTo),
        proof: e.proof ? toProof(e.proof) : null,
      };
    case 'unbindFamily':
      return { ...base, type: 'unbindFamily', holderId: asMemberId(e.holderId), memberId: asMemberId(e.memberId) };
    case 'renewalCampaign':
      return { ...base, type: 'renewalCampaign', fromProductId: asPlanId(e.fromProductId), toProductId: asPlanId(e.toProductId) };
    case 'reverseClaim':
      return { ...base, type: 'reverseClaim', claimId: asEventId(e.claimId) };
    case 'reviewDecision':
      return { ...base, type: 'reviewDecision', claimId: asEventId(e.claimId), decision: e.decision, rejectedLines: e.rejectedLines };
    case 'bindViewer':
      return {
        ...base,
        type: 'bindViewer',
        ownerId: asMemberId(e.ownerId),
        memberId: asMemberId(e.memberId),
        relationship: e.relationship,
        proof: toProof(e.proof),
        faceVerified: e.faceVerified,
      };
  }
}

/** A scenario's world, its members sealed with `digest`. */
export function toWorld(doc: ScenarioDoc, digest: Digester): World {
  const accounts = new Map<MemberId, Account>();
  for (const m of doc.members) {
    if (m.scheme === 'employee' && m.personalAccount) {
      accounts.set(asMemberId(m.id), {
        currentFen: fen(m.personalAccount.currentFen),
        historicalFen: fen(m.personalAccount.historicalFen),
      });
    }
  }
  const familyBindings: FamilyBinding[] = doc.familyGroups.flatMap((g) =>
    g.members.map((b) => ({
      holderId: asMemberId(g.holderId),
      memberId: asMemberId(b.memberId),
      relationship: b.relationship,
      validFrom: instant(b.validFrom),
      validTo: b.validTo === null ? null : instant(b.validTo),
    })),
  );
  const policies: Policy[] = doc.policies.map((p) => ({
    id: asPolicyId(p.id),
    productId: asPlanId(p.productId),
    insuredId: asMemberId(p.insuredId),
    payerId: asMemberId(p.payerId),
    relationship: p.relationship,
    payment: p.payment,
  }));
  return {
    catalog: new Catalog(
      doc.regions.map(toRegion),
      doc.plans.map(toPlan),
      doc.providers.map(toProvider),
      doc.review ? toReviewRules(doc.review) : null,
    ),
    members: doc.members.map((m) => toMember(m, digest)),
    accounts,
    familyBindings,
    policies,
  };
}
