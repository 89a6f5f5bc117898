/**
 * to-domain.ts: from validated documents to the engine's types — money as Fen,
 * ratios as basis points, times as instants, defaults made explicit, a region's
 * province derived, policies kept in the order they were created.
 */
import { sealCertificateNo, sealIdNumber, sealName, sealPhone } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import {
  EventSchema,
  MemberSchema,
  PlanSchema,
  RegionSchema,
  ScenarioSchema,
  toEvent,
  toMember,
  toPlan,
  toRegion,
  toWorld,
} from '../src/index.ts';
import { hmacDigester, sealEvent } from '../src/personal.ts';
import { fullEvents, minimalEvents, patched, scenario } from './support/documents.ts';

const doc = ScenarioSchema.parse(scenario());
/** A fixed key: the sealed values below are what this key makes of the clear ones. */
const digest = hmacDigester(new Uint8Array(32).fill(7));
const sealed = (e: unknown) => toEvent(sealEvent(EventSchema.parse(e), digest));
const planDoc = (id: string) => doc.plans.find((p) => p.id === id)!;
const ms = (iso: string) => Date.parse(iso);

describe('toRegion', () => {
  it('keeps a province that is given', () => {
    expect(toRegion(doc.regions[0]!)).toEqual({
      code: '330800',
      province: '330000',
      name: '衢州市',
      familyAid: { relationships: ['spouse', 'child'], reserveFen: 10000, sameCity: true },
    });
  });

  it('derives the province from the first two digits, names the region by its code and gives it no family aid', () => {
    expect(toRegion(RegionSchema.parse({ code: '110105' }))).toEqual({
      code: '110105',
      province: '110000',
      name: '110105',
      familyAid: null,
    });
  });

  it('takes a null family aid as none', () => {
    expect(toRegion(RegionSchema.parse({ code: '330800', familyAid: null })).familyAid).toBeNull();
  });
});

describe('toPlan', () => {
  it('turns a basic plan’s level tables into maps of fen and basis points, and absent caps into null', () => {
    // Act
    const plan = toPlan(planDoc('qz-employee-2021'));

    // Assess
    expect(plan).toMatchObject({
      tier: 'basic',
      id: 'qz-employee-2021',
      scheme: 'employee',
      region: '330800',
      year: 2021,
      annualCapFen: 30000000,
    });
    if (plan.tier !== 'basic') throw new Error('expected a basic plan');
    expect(plan.benefits.inpatient).toEqual({
      deductibleFen: new Map([
        [1, 30000],
        [2, 60000],
        [3, 90000],
      ]),
      deductiblePer: 'visit',
      ratioBps: new Map([
        [1, 9000],
        [2, 8500],
        [3, 8000],
      ]),
      retireeBonusBps: 500,
      perVisitCapFen: null,
      annualCapFen: null,
    });
    expect(plan.benefits.outpatient).toMatchObject({ perVisitCapFen: new Map([[1, 30000]]), annualCapFen: 400000, retireeBonusBps: 0 });
  });

  it('leaves out the visit types a basic plan has no benefit for, and a plan cap it does not set', () => {
    // Act
    const plan = toPlan(planDoc('qz-resident-2021'));

    // Assess
    if (plan.tier !== 'basic') throw new Error('expected a basic plan');
    expect(Object.keys(plan.benefits)).toEqual(['inpatient']);
    expect(plan.annualCapFen).toBeNull();
  });

  it('skips a benefit key a document built in code holds as undefined', () => {
    // Prepare
    const plan = PlanSchema.parse(patched(planDoc('qz-resident-2021'), ['benefits'], { pharmacy: undefined }));

    // Act
    const basic = toPlan(plan);

    // Assess
    expect(basic.tier === 'basic' && Object.keys(basic.benefits)).toEqual(['inpatient']);
  });

  it('turns critical-illness bands into fen bounds (null: open) and basis points', () => {
    expect(toPlan(planDoc('qz-ci-2021'))).toEqual({
      tier: 'criticalIllness',
      id: 'qz-ci-2021',
      region: '330800',
      year: 2021,
      schemes: ['employee', 'resident'],
      visitTypes: ['inpatient', 'specialOutpatient'],
      thresholdFen: 2000000,
      annualCapFen: 40000000,
      bands: [
        { uptoFen: 10000000, ratioBps: 6000 },
        { uptoFen: null, ratioBps: 7000 },
      ],
    });
  });

  it('turns assistance categories into a map of basis points', () => {
    expect(toPlan(planDoc('qz-aid-2021'))).toEqual({
      tier: 'assistance',
      id: 'qz-aid-2021',
      region: '330800',
      year: 2021,
      categories: new Map([
        ['lowIncome', 7000],
        ['destitute', 10000],
      ]),
      deductibleFen: 0,
      annualCapFen: 5000000,
    });
  });

  it('turns a supplementary product’s dates, times and responsibilities into engine values', () => {
    // Act
    const plan = toPlan(planDoc('huiqubao-2021'));

    // Assess
    if (plan.tier !== 'supplementary') throw new Error('expected a supplementary product');
    expect(plan).toMatchObject({
      name: '惠衢保',
      regionScope: 'city',
      premiumFen: 10000,
      coverage: { from: '2021-01-01', to: '2021-12-31' },
    });
    expect(plan.enrollment).toEqual({
      opensAt: ms('2020-10-31T16:00:00Z'),
      closesAt: ms('2021-01-31T15:59:59.999Z'),
      accountPayment: { balance: 'historical', relationships: ['self', 'spouse', 'child', 'parent'], maxRelatives: 5 },
    });
    expect(plan.responsibilities).toEqual([
      { id: 'R1', kind: 'inPolicyAboveCriticalThreshold', visitTypes: ['inpatient'], deductibleFen: 0, ratioBps: 5000, capFen: 50000000 },
      {
        id: 'R2',
        kind: 'outOfCatalog',
        visitTypes: ['inpatient'],
        deductibleFen: 1000000,
        ratioBps: 5000,
        capFen: null,
        outOfRegionWeightBps: 5000,
        requireOnLabel: false,
      },
      {
        id: 'R3',
        kind: 'specialDrug',
        visitTypes: ['pharmacy'],
        deductibleFen: 500000,
        ratioBps: 5000,
        capFen: 50000000,
        drugs: new Set(['SD01', 'SD02']),
      },
      { id: 'R4', kind: 'inPolicySelfPay', visitTypes: ['outpatient'], deductibleFen: 0, ratioBps: 3000, capFen: null },
    ]);
  });

  it('gives a product without account payment null, and account payment without a maximum of relatives a null maximum', () => {
    // Prepare
    const product = planDoc('huiqubao-2021');
    if (product.tier !== 'supplementary') throw new Error('expected a supplementary product');
    const unlimited = PlanSchema.parse({
      ...product,
      enrollment: { ...product.enrollment, accountPayment: { balance: 'any', relationships: ['self'] } },
    });

    // Act & Assess
    expect(toPlan(planDoc('huiqubao-2022'))).toMatchObject({ enrollment: { accountPayment: null } });
    expect(toPlan(unlimited)).toMatchObject({
      enrollment: { accountPayment: { balance: 'any', relationships: ['self'], maxRelatives: null } },
    });
  });

  it('rounds a ratio to the nearest basis point', () => {
    // Prepare
    const plan = PlanSchema.parse({ ...planDoc('qz-aid-2021'), categories: { third: 1 / 3, twoThirds: 2 / 3 } });

    // Act & Assess
    expect(toPlan(plan)).toMatchObject({
      categories: new Map([
        ['third', 3333],
        ['twoThirds', 6667],
      ]),
    });
  });
});

describe('toMember', () => {
  it('makes the README’s defaults explicit (not retired, no assistance category, no auto-renewal, no account), seals name and ID number and reads the birth date from it', () => {
    expect(
      toMember(
        MemberSchema.parse({
          id: 'm9',
          name: '王五',
          idNumber: '11010519491231002X',
          scheme: 'resident',
          region: '330800',
          status: 'active',
        }),
        digest,
      ),
    ).toEqual({
      id: 'm9',
      name: sealName('王五', digest),
      idNumber: sealIdNumber('11010519491231002X', digest),
      phone: null,
      birthDate: '1949-12-31',
      birthCertificateNo: null,
      scheme: 'resident',
      region: '330800',
      status: 'active',
      retired: false,
      assistanceCategory: null,
      autoRenew: false,
      hasPersonalAccount: false,
    });
  });

  it('keeps the values given, and gives an employee with an account a personal account', () => {
    expect(toMember(doc.members[0]!, digest)).toMatchObject({
      retired: true,
      assistanceCategory: 'lowIncome',
      autoRenew: true,
      hasPersonalAccount: true,
    });
  });

  it('gives no personal account to an employee without one (absent or null)', () => {
    // Prepare
    const { personalAccount: _account, ...employee } = scenario().members[0]!;

    // Act & Assess
    expect(toMember(MemberSchema.parse(employee), digest).hasPersonalAccount).toBe(false);
    expect(toMember(MemberSchema.parse({ ...employee, personalAccount: null }), digest).hasPersonalAccount).toBe(false);
  });

  it('gives no personal account to a resident, even one whose document carries an account', () => {
    // toMember is also reached for single members; the scenario rule refuses such a document outright.
    expect(
      toMember(MemberSchema.parse({ ...scenario().members[1], personalAccount: { currentFen: 1, historicalFen: 1 } }), digest)
        .hasPersonalAccount,
    ).toBe(false);
  });

  it('keeps a newborn’s birth date and certificate', () => {
    expect(toMember(doc.members[2]!, digest)).toMatchObject({
      idNumber: null,
      phone: null,
      birthDate: '2021-01-05',
      birthCertificateNo: sealCertificateNo('O330123456', digest),
    });
  });
});

describe('toEvent', () => {
  it('turns a claim’s lines into fen and basis points; only a B line has a self-pay share', () => {
    // Prepare
    const claim = EventSchema.parse({
      ...fullEvents().claim,
      lines: [...fullEvents().claim.lines, { code: 'X3', category: 'A', amountFen: 100, selfPayRatio: 0.3 }],
    });

    // Act
    const event = toEvent(sealEvent(claim, digest));

    // Assess
    expect(event).toEqual({
      type: 'claim',
      id: 'c1',
      at: ms('2021-03-02T02:00:00Z'),
      memberId: 'm2',
      cardHolderId: 'm2',
      providerId: 'H-QZ-3',
      visitType: 'inpatient',
      serviceDate: '2021-03-01',
      visitId: 'ZY2021-000123',
      useAccount: false,
      lines: [
        { code: 'X1', category: 'A', amountFen: 500000, selfPayBps: 0, onLabel: null },
        { code: 'X2', category: 'B', amountFen: 200000, selfPayBps: 1000, onLabel: null },
        { code: 'SD01', category: 'OOC', amountFen: 300000, selfPayBps: 0, onLabel: true },
        { code: 'G1', category: 'nonMedical', amountFen: 5000, selfPayBps: 0, onLabel: null },
        { code: 'X3', category: 'A', amountFen: 100, selfPayBps: 0, onLabel: null },
      ],
    });
  });

  it('keeps a quote a quote, using the account by default', () => {
    expect(sealed(minimalEvents().quote)).toMatchObject({ type: 'quote', useAccount: true, visitType: 'outpatient' });
  });

  it('gives a claim or quote without a visit id a null one (never a duplicate), and keeps one that is given', () => {
    expect(sealed(minimalEvents().claim)).toMatchObject({ visitId: null });
    expect(sealed(minimalEvents().quote)).toMatchObject({ visitId: null });
    expect(sealed({ ...minimalEvents().quote, visitId: 'MZ-7' })).toMatchObject({ visitId: 'MZ-7' });
  });

  it('gives an enrollment without real-name data a null one, and keeps one that is given', () => {
    expect(sealed(minimalEvents().enroll)).toEqual({
      type: 'enroll',
      id: 'e1',
      at: ms('2020-12-30T12:00:00Z'),
      productId: 'huiqubao-2021',
      payerId: 'm1',
      insuredId: 'm1',
      relationship: 'self',
      payment: 'cash',
      realName: null,
    });
    expect(sealed(fullEvents().enroll)).toMatchObject({
      payment: 'personalAccount',
      realName: {
        name: sealName('张三', digest),
        idNumber: sealIdNumber('330802198001010016', digest),
        phone: sealPhone('13800000000', digest),
      },
    });
  });

  it('turns a family binding’s window into instants, an open end into null', () => {
    expect(sealed(minimalEvents().bindFamily)).toMatchObject({ validFrom: ms('2021-03-02T16:00:00Z'), validTo: null });
    expect(sealed(fullEvents().bindFamily)).toMatchObject({ validTo: ms('2021-12-31T15:59:59.999Z') });
  });

  it('gives a family binding without a proof a null one, and keeps one that is given', () => {
    expect(sealed(minimalEvents().bindFamily)).toMatchObject({ proof: null });
    expect(sealed(fullEvents().bindFamily)).toMatchObject({
      proof: { kind: 'idNumber', name: sealName('张小明', digest), idNumber: sealIdNumber('330802201001010013', digest) },
    });
  });

  it('carries the ids of an unbinding, a renewal campaign, a reversal and a viewer binding', () => {
    expect(sealed(minimalEvents().unbindFamily)).toEqual({
      type: 'unbindFamily',
      id: 'u1',
      at: ms('2021-03-02T02:00:00Z'),
      holderId: 'm1',
      memberId: 'm3',
    });
    expect(sealed(minimalEvents().renewalCampaign)).toEqual({
      type: 'renewalCampaign',
      id: 'r1',
      at: ms('2021-03-02T02:00:00Z'),
      fromProductId: 'huiqubao-2021',
      toProductId: 'huiqubao-2022',
    });
    expect(sealed(minimalEvents().reverseClaim)).toEqual({
      type: 'reverseClaim',
      id: 'x1',
      at: ms('2021-03-02T02:00:00Z'),
      claimId: 'c1',
    });
    expect(sealed(fullEvents().bindViewer)).toEqual({
      type: 'bindViewer',
      id: 'v1',
      at: ms('2021-03-02T02:00:00Z'),
      ownerId: 'm1',
      memberId: 'm6',
      relationship: 'child',
      proof: {
        kind: 'birthCertificate',
        certificateNo: sealCertificateNo('O330123456', digest),
        motherName: sealName('吴丽', digest),
        motherIdNumber: sealIdNumber('330802198109234126', digest),
      },
      faceVerified: true,
    });
  });
});

describe('toWorld', () => {
  const world = toWorld(doc, digest);

  it('opens an account for each employee member with one, nobody else', () => {
    expect([...world.accounts]).toEqual([['m1', { currentFen: 100000, historicalFen: 500000 }]]);
  });

  it('flattens the family groups into bindings from their holder', () => {
    expect(world.familyBindings).toEqual([
      { holderId: 'm1', memberId: 'm2', relationship: 'spouse', validFrom: ms('2020-12-31T16:00:00Z'), validTo: null },
      { holderId: 'm1', memberId: 'm3', relationship: 'child', validFrom: ms('2021-01-04T16:00:00Z'), validTo: null },
    ]);
  });

  it('turns a bound window end into an instant', () => {
    // Prepare
    const closed = ScenarioSchema.parse(patched(scenario(), ['familyGroups', 0, 'members', 0], { validTo: '2021-07-01T00:00:00+08:00' }));

    // Act & Assess
    expect(toWorld(closed, digest).familyBindings[0]).toMatchObject({ memberId: 'm2', validTo: ms('2021-06-30T16:00:00Z') });
  });

  it('keeps the policies in the order the document created them (the renewal campaign walks that order)', () => {
    expect(world.policies).toEqual([
      { id: 'pol-2', productId: 'huiqubao-2021', insuredId: 'm2', payerId: 'm1', relationship: 'spouse', payment: 'personalAccount' },
      { id: 'pol-1', productId: 'huiqubao-2021', insuredId: 'm1', payerId: 'm1', relationship: 'self', payment: 'cash' },
    ]);
  });

  it('builds a catalog that finds each plan by its key', () => {
    expect(world.members.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect([...world.catalog.regions.keys()]).toEqual(['330800', '110100']);
    expect(world.catalog.basicPlan('resident', world.members[1]!.region, 2021)?.id).toBe('qz-resident-2021');
    expect(world.catalog.criticalIllnessPlan('employee', world.members[0]!.region, 2021)?.id).toBe('qz-ci-2021');
    expect(world.catalog.assistancePlan(world.members[0]!.region, 2021)?.id).toBe('qz-aid-2021');
    expect([...world.catalog.providers.keys()]).toEqual(['H-QZ-3', 'P-QZ-1']);
  });
});
