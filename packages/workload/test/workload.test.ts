/**
 * workload.ts end to end: the document is reproducible from its seed, valid under
 * the contract, and holds the city, the people and the traffic the brief asks for
 * in plausible proportions.
 */

import { parseScenario, type ScenarioInput } from '@medins/contract';
import { isValidIdNumber, isValidPhone } from '@medins/engine';
import { generateWorkload, summarizeWorkload, WorkloadOptionError } from '@medins/workload';
import { beforeAll, describe, expect, it } from 'vitest';

type EventInput = ScenarioInput['events'][number];
type ClaimInput = Extract<EventInput, { type: 'claim' | 'quote' }>;

const YEAR = 2024;
let doc: ScenarioInput;
let big: ScenarioInput;

beforeAll(() => {
  doc = generateWorkload({ members: 2_000, claims: 1_500, seed: 11 });
  big = generateWorkload({ members: 3_000, claims: 6_000, seed: 12 });
});

const ofType = <T extends EventInput['type']>(d: ScenarioInput, type: T) =>
  d.events.filter((e): e is Extract<EventInput, { type: T }> => e.type === type);
const firstById = (d: ScenarioInput) => {
  const seen = new Map<string, EventInput>();
  for (const e of d.events) if (!seen.has(e.id)) seen.set(e.id, e);
  return seen;
};
const total = (c: ClaimInput) => c.lines.reduce((s, l) => s + l.amountFen, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('reproducibility', () => {
  it('gives the same document for the same seed, to the byte', () => {
    const again = generateWorkload({ members: 2_000, claims: 1_500, seed: 11 });
    expect(again).toEqual(doc);
    expect(JSON.stringify(again)).toBe(JSON.stringify(doc));
  });

  it('gives a different document for another seed', () => {
    const other = generateWorkload({ members: 2_000, claims: 1_500, seed: 12 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(doc));
    expect(other.members.map((m) => m.idNumber)).not.toEqual(doc.members.map((m) => m.idNumber));
  });

  it('holds exactly the members and distinct claims asked for', () => {
    expect(doc.members).toHaveLength(2_000);
    expect(new Set(ofType(doc, 'claim').map((c) => c.id)).size).toBe(1_500);
    const tiny = generateWorkload({ members: 1, claims: 0, seed: 1 });
    expect(tiny.members).toHaveLength(1);
    expect(ofType(tiny, 'claim')).toHaveLength(0);
  });

  it('refuses nonsensical sizes', () => {
    expect(() => generateWorkload({ members: 0, claims: 10, seed: 1 })).toThrow(WorkloadOptionError);
    expect(() => generateWorkload({ members: 10, claims: -1, seed: 1 })).toThrow(WorkloadOptionError);
    expect(() => generateWorkload({ members: 10.5, claims: 1, seed: 1 })).toThrow(WorkloadOptionError);
  });
});

describe('validity under the contract', () => {
  it('parses with parseScenario, for other years and sizes too', () => {
    expect(() => parseScenario(doc)).not.toThrow();
    expect(() => parseScenario(big)).not.toThrow();
    expect(() => parseScenario(generateWorkload({ members: 50, claims: 80, seed: 3, year: 2021 }))).not.toThrow();
    expect(() => parseScenario(generateWorkload({ members: 7, claims: 3, seed: 4 }))).not.toThrow();
  });

  it('gives every member a valid ID number, except newborns who carry a birth certificate', () => {
    const newborns = doc.members.filter((m) => !m.idNumber);
    expect(newborns.length).toBeGreaterThan(0);
    for (const m of newborns) {
      expect(m.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(m.birthCertificateNo).toBeTruthy();
      expect(m.phone).toBeNull();
    }
    for (const m of doc.members.filter((x) => x.idNumber)) expect(isValidIdNumber(m.idNumber!), m.idNumber!).toBe(true);
    expect(new Set(doc.members.map((m) => m.idNumber).filter(Boolean)).size).toBe(doc.members.length - newborns.length);
  });

  it('gives every member with a phone a valid mainland mobile', () => {
    for (const m of doc.members) {
      if (m.idNumber) expect(isValidPhone(m.phone!), m.phone!).toBe(true);
    }
  });

  it('sorts events by time and repeats an id only for a redelivery of the same event', () => {
    const times = doc.events.map((e) => Date.parse(e.at));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    const first = firstById(doc);
    const repeats = doc.events.filter((e) => first.get(e.id) !== e);
    expect(repeats.length).toBeGreaterThan(0);
    for (const e of repeats) {
      const original = first.get(e.id)!;
      expect({ ...e, at: original.at }).toEqual(original);
      expect(Date.parse(e.at)).toBeGreaterThan(Date.parse(original.at));
    }
    expect(repeats.some((e) => e.type === 'enroll')).toBe(true);
    expect(repeats.some((e) => e.type === 'reverseClaim')).toBe(true);
  });
});

describe('the city', () => {
  it('has basic plans for both schemes, critical illness with two bands, assistance, and the product of Y and Y+1', () => {
    const basic = doc.plans.filter((p) => p.tier === 'basic' && p.region === '330800' && p.year === YEAR);
    expect(basic.map((p) => p.tier === 'basic' && p.scheme).sort()).toEqual(['employee', 'resident']);
    const employee = basic.find((p) => p.tier === 'basic' && p.scheme === 'employee')!;
    const resident = basic.find((p) => p.tier === 'basic' && p.scheme === 'resident')!;
    expect(employee.tier === 'basic' && Object.keys(employee.benefits).sort()).toEqual([
      'inpatient',
      'outpatient',
      'pharmacy',
      'specialOutpatient',
    ]);
    expect(resident.tier === 'basic' && resident.benefits.outpatient).toBeUndefined();
    const ci = doc.plans.find((p) => p.tier === 'criticalIllness' && p.region === '330800');
    expect(ci?.tier === 'criticalIllness' && ci.bands).toHaveLength(2);
    const aid = doc.plans.find((p) => p.tier === 'assistance');
    expect(aid?.tier === 'assistance' && Object.keys(aid.categories).sort()).toEqual(['destitute', 'lowIncome']);

    const products = doc.plans.filter((p) => p.tier === 'supplementary');
    const current = products.find((p) => p.year === YEAR)!;
    const next = products.find((p) => p.year === YEAR + 1)!;
    expect(current.tier === 'supplementary' && current.enrollment.closesAt).toBe(`${YEAR - 1}-12-31T23:59:59.999+08:00`);
    expect(next.tier === 'supplementary' && next.enrollment.closesAt).toBe(`${YEAR}-12-31T23:59:59.999+08:00`);
    if (current.tier !== 'supplementary') throw new Error('unreachable');
    expect(current.responsibilities.map((r) => r.kind).sort()).toEqual([
      'inPolicyAboveCriticalThreshold',
      'inPolicySelfPay',
      'outOfCatalog',
      'specialDrug',
    ]);
    const ooc = current.responsibilities.find((r) => r.kind === 'outOfCatalog');
    expect(ooc?.kind === 'outOfCatalog' && [ooc.outOfRegionWeight, ooc.requireOnLabel]).toEqual([0.5, true]);
  });

  it('has hospitals at levels 1–3, some not designated, pharmacies with and without special drugs, care elsewhere', () => {
    const hospitals = doc.providers.filter((p) => p.type === 'hospital');
    expect(new Set(hospitals.filter((p) => p.designated).map((p) => p.level))).toEqual(new Set([1, 2, 3]));
    expect(hospitals.some((p) => !p.designated)).toBe(true);
    const pharmacies = doc.providers.filter((p) => p.type === 'pharmacy' && p.designated);
    expect(pharmacies.some((p) => p.specialDrugs)).toBe(true);
    expect(pharmacies.some((p) => !p.specialDrugs)).toBe(true);
    expect(hospitals.some((p) => p.region === '330700')).toBe(true); // 金华, same province
    expect(hospitals.some((p) => p.region.slice(0, 2) !== '33')).toBe(true); // another province
  });
});

describe('the people', () => {
  it('mixes both schemes, retirees, assistance, suspended members, auto-renewal and accounts of realistic size', () => {
    const s = summarizeWorkload(doc).members;
    expect(s.employee / s.total).toBeGreaterThan(0.3);
    expect(s.resident / s.total).toBeGreaterThan(0.3);
    expect(s.retired).toBeGreaterThan(0);
    expect(s.withAssistance).toBeGreaterThan(0);
    expect(s.notActive).toBeGreaterThan(0);
    expect(s.autoRenew).toBeGreaterThan(0);
    const employees = doc.members.filter((m) => m.scheme === 'employee');
    expect(employees.every((m) => m.personalAccount)).toBe(true);
    expect(doc.members.filter((m) => m.scheme === 'resident').every((m) => !m.personalAccount)).toBe(true);
    const balances = employees.map((m) => m.personalAccount!.currentFen + m.personalAccount!.historicalFen);
    expect(median(balances)).toBeGreaterThan(100_000); // over 1,000 yuan
    expect(median(balances)).toBeLessThan(3_000_000); // under 30,000 yuan
    const old = employees.filter((m) => m.idNumber && YEAR - Number(m.idNumber.slice(6, 10)) > 61);
    expect(old.filter((m) => m.retired).length / old.length).toBeGreaterThan(0.85);
  });

  it('has households in family groups with windows, and binds, unbinds and refusals during the year', () => {
    expect(doc.familyGroups!.length).toBeGreaterThan(0);
    const binds = ofType(doc, 'bindFamily');
    expect(
      binds.some(
        (b) =>
          Date.parse(b.validFrom) < Date.parse(b.at) ||
          (b.validTo !== null && b.validTo !== undefined && Date.parse(b.validTo) <= Date.parse(b.validFrom)),
      ),
    ).toBe(true);
    const regionOf = new Map(doc.members.map((m) => [m.id, m.region]));
    expect(binds.some((b) => regionOf.get(b.memberId)?.slice(0, 2) !== regionOf.get(b.holderId)?.slice(0, 2))).toBe(true);
    expect(ofType(doc, 'unbindFamily').length).toBeGreaterThan(0);
  });

  it('binds viewers: children directly, adults with a face check, newborns by birth certificate', () => {
    const viewers = ofType(doc, 'bindViewer');
    expect(viewers.some((v) => v.proof.kind === 'birthCertificate')).toBe(true);
    expect(viewers.some((v) => v.faceVerified === true)).toBe(true);
    expect(viewers.some((v) => v.faceVerified === false)).toBe(true);
    expect(viewers.some((v) => v.proof.kind === 'idNumber' && YEAR - Number(v.proof.idNumber.slice(6, 10)) < 15 && !v.faceVerified)).toBe(
      true,
    );
  });
});

describe('the enrollment rush', () => {
  it('crowds the last weeks before the deadline, mostly paid from accounts, with late and last-millisecond requests', () => {
    const enrolls = [...firstById(doc).values()].filter((e) => e.type === 'enroll' && e.productId === `huiqubao-${YEAR}`);
    const closes = Date.parse(`${YEAR - 1}-12-31T23:59:59.999+08:00`);
    const lastTwoWeeks = enrolls.filter((e) => Date.parse(e.at) > closes - 14 * 86_400_000 && Date.parse(e.at) <= closes);
    expect(lastTwoWeeks.length / enrolls.length).toBeGreaterThan(0.5);
    const account = enrolls.filter((e) => e.type === 'enroll' && e.payment === 'personalAccount').length;
    expect(account / enrolls.length).toBeGreaterThan(0.5);
    expect(enrolls.some((e) => e.at === `${YEAR - 1}-12-31T16:00:00.000Z`)).toBe(true);
    expect(enrolls.some((e) => e.at === `${YEAR - 1}-12-31T23:59:59.999+08:00`)).toBe(true);
    expect(
      enrolls.some((e) => e.type === 'enroll' && e.realName && (!isValidIdNumber(e.realName.idNumber) || !isValidPhone(e.realName.phone))),
    ).toBe(true);
    expect(doc.policies!.length).toBeGreaterThan(0);
  });

  it('runs the renewal campaign in the autumn, inside the next enrollment window', () => {
    const [campaign] = ofType(doc, 'renewalCampaign');
    expect(campaign).toMatchObject({ fromProductId: `huiqubao-${YEAR}`, toProductId: `huiqubao-${YEAR + 1}` });
    expect(Date.parse(campaign!.at)).toBeGreaterThanOrEqual(Date.parse(`${YEAR}-09-01T00:00:00+08:00`));
    expect(Date.parse(campaign!.at)).toBeLessThanOrEqual(Date.parse(`${YEAR}-12-31T23:59:59.999+08:00`));
  });
});

describe('the claims', () => {
  it('has the visit types in the chosen proportions, inpatient bills far larger', () => {
    const claims = [...firstById(big).values()].filter((e): e is ClaimInput => e.type === 'claim');
    const share = (t: string) => claims.filter((c) => c.visitType === t).length / claims.length;
    expect(share('outpatient') + share('pharmacy')).toBeGreaterThan(0.55);
    expect(share('outpatient') + share('pharmacy')).toBeLessThan(0.65);
    expect(share('specialOutpatient')).toBeGreaterThan(0.21);
    expect(share('specialOutpatient')).toBeLessThan(0.29);
    expect(share('inpatient')).toBeGreaterThan(0.12);
    expect(share('inpatient')).toBeLessThan(0.18);
    const inpatient = claims.filter((c) => c.visitType === 'inpatient').map(total);
    const outpatient = claims.filter((c) => c.visitType === 'outpatient').map(total);
    expect(median(inpatient)).toBeGreaterThan(300_000); // thousands of yuan
    expect(median(outpatient)).toBeLessThan(50_000); // hundreds
    expect(Math.max(...inpatient)).toBeGreaterThan(10_000_000); // someone spends over 100,000 yuan
    expect(claims.every((c) => c.serviceDate.startsWith(String(YEAR)))).toBe(true);
  });

  it('itemises bills in A, B (first self-pay 5–20 %), OOC on- and off-label, and non-medical lines', () => {
    const lines = ofType(big, 'claim').flatMap((c) => c.lines);
    expect(lines.every((l) => Number.isInteger(l.amountFen) && l.amountFen > 0)).toBe(true);
    const b = lines.filter((l) => l.category === 'B');
    expect(b.every((l) => l.selfPayRatio! >= 0.05 && l.selfPayRatio! <= 0.2)).toBe(true);
    expect(lines.some((l) => l.category === 'OOC' && l.onLabel === true)).toBe(true);
    expect(lines.some((l) => l.category === 'OOC' && l.onLabel === false)).toBe(true);
    expect(lines.some((l) => l.category === 'nonMedical')).toBe(true);
    expect(lines.some((l) => /^SD\d\d$/.test(l.code))).toBe(true);
  });

  it('quotes about 5 % of claims just before them with the same content, and reverses about 1 %', () => {
    const claims = new Map(ofType(big, 'claim').map((c) => [c.id, c]));
    const quotes = [...new Map(ofType(big, 'quote').map((q) => [q.id, q])).values()];
    expect(quotes.length / claims.size).toBeGreaterThan(0.03);
    expect(quotes.length / claims.size).toBeLessThan(0.08);
    for (const q of quotes) {
      const c = claims.get(q.id.replace(/^q-/, 'c-'))!;
      expect({ ...q, type: 'claim', id: c.id, at: c.at }).toEqual(c);
      expect(Date.parse(q.at)).toBeLessThan(Date.parse(c.at));
    }
    const reversals = new Set(ofType(big, 'reverseClaim').map((x) => x.id));
    expect(reversals.size / claims.size).toBeGreaterThan(0.005);
    expect(reversals.size / claims.size).toBeLessThan(0.02);
  });

  it('includes claims eligibility must refuse and claims that opt out of the account', () => {
    const claims = ofType(doc, 'claim');
    const ids = new Set(doc.members.map((m) => m.id));
    const providers = new Map(doc.providers.map((p) => [p.id, p]));
    const suspended = new Set(doc.members.filter((m) => m.status !== 'active').map((m) => m.id));
    expect(claims.some((c) => c.cardHolderId !== c.memberId && ids.has(c.memberId))).toBe(true);
    expect(claims.some((c) => !providers.get(c.providerId)!.designated)).toBe(true);
    expect(claims.some((c) => !ids.has(c.memberId))).toBe(true);
    expect(claims.some((c) => suspended.has(c.memberId))).toBe(true);
    expect(claims.some((c) => c.useAccount === false)).toBe(true);
  });
});

describe('timing', () => {
  it('generates 2,000 members and 1,500 claims well under two seconds', () => {
    const started = performance.now();
    generateWorkload({ members: 2_000, claims: 1_500, seed: 99 });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
