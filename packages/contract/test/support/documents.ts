/**
 * Documents the contract tests start from: every event type in its minimal form
 * (only required fields) and its full form (every optional field, as the contract
 * README shows it), and a small valid scenario holding one plan of each tier.
 * Each builder returns a fresh copy, so a test can break one field without
 * touching another test's document.
 */
import type { ScenarioInput } from '../../src/index.ts';

const AT = '2021-03-02T10:00:00+08:00';

/** Every event type with only the fields it requires. */
export function minimalEvents() {
  return {
    claim: {
      type: 'claim',
      id: 'c1',
      at: AT,
      memberId: 'm2',
      cardHolderId: 'm2',
      providerId: 'H-QZ-3',
      visitType: 'inpatient',
      serviceDate: '2021-03-01',
      lines: [{ code: 'X1', category: 'A', amountFen: 500000 }],
    },
    quote: {
      type: 'quote',
      id: 'q1',
      at: AT,
      memberId: 'm2',
      cardHolderId: 'm2',
      providerId: 'H-QZ-3',
      visitType: 'outpatient',
      serviceDate: '2021-03-01',
      lines: [{ code: 'X1', category: 'A', amountFen: 500000 }],
    },
    enroll: {
      type: 'enroll',
      id: 'e1',
      at: '2020-12-30T20:00:00+08:00',
      productId: 'huiqubao-2021',
      payerId: 'm1',
      insuredId: 'm1',
      relationship: 'self',
      payment: 'cash',
    },
    bindFamily: {
      type: 'bindFamily',
      id: 'b1',
      at: AT,
      holderId: 'm1',
      memberId: 'm3',
      relationship: 'child',
      validFrom: '2021-03-03T00:00:00+08:00',
    },
    unbindFamily: { type: 'unbindFamily', id: 'u1', at: AT, holderId: 'm1', memberId: 'm3' },
    renewalCampaign: { type: 'renewalCampaign', id: 'r1', at: AT, fromProductId: 'huiqubao-2021', toProductId: 'huiqubao-2022' },
    reverseClaim: { type: 'reverseClaim', id: 'x1', at: AT, claimId: 'c1' },
    reviewDecision: { type: 'reviewDecision', id: 'd1', at: AT, claimId: 'c1', decision: 'reject' },
    bindViewer: {
      type: 'bindViewer',
      id: 'v1',
      at: AT,
      ownerId: 'm1',
      memberId: 'm5',
      relationship: 'child',
      proof: { kind: 'idNumber', name: '周小宇', idNumber: '330802201107014212' },
    },
  } as const;
}

/**
 * Every event type with every optional field the schema knows. The README also
 * lists a `reviewDecision` event: a later issue brings it, the schema does not know it yet.
 */
export function fullEvents() {
  const min = minimalEvents();
  return {
    claim: {
      ...min.claim,
      visitId: 'ZY2021-000123',
      useAccount: false,
      lines: [
        { code: 'X1', category: 'A', amountFen: 500000 },
        { code: 'X2', category: 'B', amountFen: 200000, selfPayRatio: 0.1 },
        { code: 'SD01', category: 'OOC', amountFen: 300000, onLabel: true },
        { code: 'G1', category: 'nonMedical', amountFen: 5000 },
      ],
    },
    quote: { ...min.quote, useAccount: true, lines: [{ code: 'X2', category: 'B', amountFen: 200000, selfPayRatio: 0.2, onLabel: false }] },
    enroll: {
      ...min.enroll,
      insuredId: 'm3',
      relationship: 'child',
      payment: 'personalAccount',
      realName: { name: '张三', idNumber: '330802198001010016', phone: '13800000000' },
    },
    bindFamily: {
      ...min.bindFamily,
      validTo: '2021-12-31T23:59:59.999+08:00',
      proof: { kind: 'idNumber', name: '张小明', idNumber: '330802201001010013' },
    },
    unbindFamily: { ...min.unbindFamily },
    renewalCampaign: { ...min.renewalCampaign },
    reverseClaim: { ...min.reverseClaim },
    reviewDecision: { ...min.reviewDecision, decision: 'approve', rejectedLines: ['X2', 'SD01'] },
    bindViewer: {
      ...min.bindViewer,
      memberId: 'm6',
      proof: { kind: 'birthCertificate', certificateNo: 'O330123456', motherName: '吴丽', motherIdNumber: '330802198109234126' },
      faceVerified: true,
    },
  } as const;
}

/** A valid scenario: two regions, one plan of each tier, two providers, three members, a group, a policy. */
export function scenario(): ScenarioInput {
  return {
    version: 1,
    regions: [
      {
        code: '330800',
        province: '330000',
        name: '衢州市',
        familyAid: { relationships: ['spouse', 'child'], reserveFen: 10000, sameCity: true },
      },
      { code: '110100' },
    ],
    plans: [
      {
        tier: 'basic',
        id: 'qz-employee-2021',
        scheme: 'employee',
        region: '330800',
        year: 2021,
        annualCapFen: 30000000,
        benefits: {
          inpatient: {
            deductibleFen: { '1': 30000, '2': 60000, '3': 90000 },
            deductiblePer: 'visit',
            ratio: { '1': 0.9, '2': 0.85, '3': 0.8 },
            retireeBonus: 0.05,
          },
          outpatient: {
            deductibleFen: { '1': 0 },
            deductiblePer: 'year',
            ratio: { '1': 0.8 },
            perVisitCapFen: { '1': 30000 },
            annualCapFen: 400000,
          },
        },
      },
      {
        tier: 'basic',
        id: 'qz-resident-2021',
        scheme: 'resident',
        region: '330800',
        year: 2021,
        benefits: { inpatient: { deductibleFen: { '1': 30000 }, deductiblePer: 'visit', ratio: { '1': 0.85 } } },
      },
      {
        tier: 'criticalIllness',
        id: 'qz-ci-2021',
        region: '330800',
        year: 2021,
        schemes: ['employee', 'resident'],
        visitTypes: ['inpatient', 'specialOutpatient'],
        thresholdFen: 2000000,
        annualCapFen: 40000000,
        bands: [
          { uptoFen: 10000000, ratio: 0.6 },
          { uptoFen: null, ratio: 0.7 },
        ],
      },
      {
        tier: 'assistance',
        id: 'qz-aid-2021',
        region: '330800',
        year: 2021,
        categories: { lowIncome: 0.7, destitute: 1.0 },
        annualCapFen: 5000000,
      },
      {
        tier: 'supplementary',
        id: 'huiqubao-2021',
        name: '惠衢保',
        region: '330800',
        regionScope: 'city',
        year: 2021,
        premiumFen: 10000,
        coverage: { from: '2021-01-01', to: '2021-12-31' },
        enrollment: {
          opensAt: '2020-11-01T00:00:00+08:00',
          closesAt: '2021-01-31T23:59:59.999+08:00',
          accountPayment: { balance: 'historical', relationships: ['self', 'spouse', 'child', 'parent'], maxRelatives: 5 },
        },
        responsibilities: [
          { id: 'R1', kind: 'inPolicyAboveCriticalThreshold', visitTypes: ['inpatient'], deductibleFen: 0, ratio: 0.5, capFen: 50000000 },
          { id: 'R2', kind: 'outOfCatalog', visitTypes: ['inpatient'], deductibleFen: 1000000, ratio: 0.5, outOfRegionWeight: 0.5 },
          {
            id: 'R3',
            kind: 'specialDrug',
            visitTypes: ['pharmacy'],
            drugs: ['SD01', 'SD02'],
            deductibleFen: 500000,
            ratio: 0.5,
            capFen: 50000000,
          },
          { id: 'R4', kind: 'inPolicySelfPay', visitTypes: ['outpatient'], deductibleFen: 0, ratio: 0.3 },
        ],
      },
      {
        tier: 'supplementary',
        id: 'huiqubao-2022',
        region: '330800',
        regionScope: 'province',
        year: 2022,
        premiumFen: 12000,
        coverage: { from: '2022-01-01', to: '2022-12-31' },
        enrollment: { opensAt: '2021-11-01T00:00:00+08:00', closesAt: '2022-01-31T23:59:59+08:00' },
        responsibilities: [],
      },
    ],
    providers: [
      { id: 'H-QZ-3', region: '330800', type: 'hospital', level: 3, designated: true },
      { id: 'P-QZ-1', name: '衢州药房', region: '330800', type: 'pharmacy', level: 1, designated: true, specialDrugs: true },
    ],
    members: [
      {
        id: 'm1',
        name: '张三',
        idNumber: '330802198001010016',
        phone: '13800000000',
        scheme: 'employee',
        region: '330800',
        status: 'active',
        retired: true,
        personalAccount: { currentFen: 100000, historicalFen: 500000 },
        assistanceCategory: 'lowIncome',
        autoRenew: true,
      },
      { id: 'm2', name: '李四', idNumber: '11010519491231002X', scheme: 'resident', region: '330800', status: 'active' },
      {
        id: 'm3',
        name: '张小三',
        birthDate: '2021-01-05',
        birthCertificateNo: 'O330123456',
        phone: null,
        scheme: 'resident',
        region: '330800',
        status: 'active',
      },
    ],
    familyGroups: [
      {
        holderId: 'm1',
        members: [
          { memberId: 'm2', relationship: 'spouse', validFrom: '2021-01-01T00:00:00+08:00', validTo: null },
          { memberId: 'm3', relationship: 'child', validFrom: '2021-01-05T00:00:00+08:00' },
        ],
      },
    ],
    policies: [
      { id: 'pol-2', productId: 'huiqubao-2021', insuredId: 'm2', payerId: 'm1', relationship: 'spouse', payment: 'personalAccount' },
      { id: 'pol-1', productId: 'huiqubao-2021', insuredId: 'm1', payerId: 'm1', relationship: 'self', payment: 'cash' },
    ],
    events: [],
  };
}

/**
 * A deep copy of `doc` in which the object at `path` has `change` merged in: the way a
 * test breaks one field of a valid document (`patched(doc, ['plans', 2], { bands: [] })`).
 */
export function patched(doc: unknown, path: readonly (string | number)[], change: Record<string, unknown>): unknown {
  const copy = structuredClone(doc);
  let node = copy as Record<string | number, unknown>;
  for (const key of path) node = node[key] as Record<string | number, unknown>;
  Object.assign(node, change);
  return copy;
}

/** A deep copy of `doc` with `item` appended to the list at `path`. */
export function appended(doc: unknown, path: readonly (string | number)[], item: unknown): unknown {
  const copy = structuredClone(doc);
  let node = copy as Record<string | number, unknown>;
  for (const key of path) node = node[key] as Record<string | number, unknown>;
  (node as unknown as unknown[]).push(structuredClone(item));
  return copy;
}

/** A deep copy of `doc` without the field `key` of the object at `path`. */
export function omitted(doc: unknown, path: readonly (string | number)[], key: string): unknown {
  const copy = structuredClone(doc);
  let node = copy as Record<string | number, unknown>;
  for (const part of path) node = node[part] as Record<string | number, unknown>;
  delete node[key];
  return copy;
}
