/**
 * The synthetic worlds of the scale tests and the bench (src/worlds.ts): valid
 * contract documents, deterministic by seed, with the deadline instants, the
 * household shapes and the boundary submissions their tests rely on.
 */
import { parseScenario } from '@medins/contract';
import { describe, expect, it } from 'vitest';
import {
  atOf,
  BOUNDARY,
  CITY,
  deadlineOf,
  enrollmentRush,
  isoShanghai,
  isoUtc,
  memberId,
  POLICIES_PER_FAMILY,
  product,
  ROLES,
  renewalChunk,
  renewalScenario,
  renewalWorld,
} from '../src/worlds.ts';

describe('instants', () => {
  it('the deadline is Dec 31, 23:59:59.999 in Shanghai, written with its offset or in UTC', () => {
    // Act
    const deadline = deadlineOf(2026);
    // Assess
    expect(isoShanghai(deadline)).toBe('2026-12-31T23:59:59.999+08:00');
    expect(isoUtc(deadline)).toBe('2026-12-31T15:59:59.999Z');
    expect(atOf({ at: '2026-12-31T23:59:59.999+08:00' })).toBe(deadline);
  });

  it('the boundary submissions: the last instant counts in every notation, the millisecond after it in none', () => {
    // Prepare
    const closesAt = deadlineOf(2026);
    // Act
    const written = BOUNDARY.map((at) => at(closesAt));
    // Assess
    expect(written).toEqual([
      '2026-12-31T23:59:59.999+08:00',
      '2026-12-31T15:59:59.999Z',
      '2027-01-01T00:00:00.000+08:00',
      '2026-12-31T16:00:00.000Z',
      '2026-12-31T15:59:59.999+00:00',
      '2026-12-31T16:00:00.000+00:00',
    ]);
    expect(written.map((at) => atOf({ at }) <= closesAt)).toEqual([true, true, false, false, true, false]);
  });
});

describe('product', () => {
  it("is the city's supplementary product for a year: enrollment closes at the year before's deadline", () => {
    // Act
    const plain = product({ year: 2027 });
    const priced = product({ year: 2027, id: 'x-2027', premiumFen: 25_000, maxRelatives: 1 });
    // Assess: defaults, then what was asked for.
    expect(plain).toMatchObject({
      tier: 'supplementary',
      id: 'hqb-2027',
      region: CITY,
      year: 2027,
      premiumFen: 10_000,
      coverage: { from: '2027-01-01', to: '2027-12-31' },
      enrollment: { closesAt: isoShanghai(deadlineOf(2026)), accountPayment: { maxRelatives: 5 } },
    });
    expect(priced).toMatchObject({ id: 'x-2027', premiumFen: 25_000, enrollment: { accountPayment: { maxRelatives: 1 } } });
  });
});

describe('enrollmentRush', () => {
  const rush = enrollmentRush({ families: 14, year: 2027 });

  it('is a valid scenario: five people per household, one enrollment each, paid by the payer from the account', () => {
    // Act
    const parsed = parseScenario({ ...rush.doc, events: [...rush.events] });
    // Assess
    expect(parsed.events).toHaveLength(14 * ROLES.length);
    expect(rush.doc.members).toHaveLength(14 * ROLES.length);
    expect(new Set(rush.events.map((e) => e.id)).size).toBe(rush.events.length);
    expect([rush.productId, rush.premiumFen, rush.maxRelatives, rush.closesAt]).toEqual(['hqb-2027', 10_000, 2, deadlineOf(2026)]);
    for (const e of rush.events) {
      const family = Number(e.id.split('-')[2]);
      expect(e).toMatchObject({ productId: 'hqb-2027', payerId: memberId('', family, 'payer'), payment: 'personalAccount' });
    }
    // Only payers are employees with a personal account, holding 2 to 6 premiums.
    const payers = rush.doc.members.filter((m) => m.personalAccount !== undefined);
    expect(payers.map((m) => m.id)).toEqual(Array.from({ length: 14 }, (_, f) => memberId('', f, 'payer')));
    for (const p of payers) {
      const premiums = p.personalAccount!.historicalFen / 10_000;
      expect(Number.isInteger(premiums) && premiums >= 2 && premiums <= 6, p.id).toBe(true);
    }
  });

  it('submits every seventh household (the fourth, the eleventh) on the boundary, the others in the ten days before it', () => {
    // Act
    const atsOf = (family: number) => rush.events.filter((e) => e.id.startsWith(`e-2027-${family}-`)).map((e) => e.at);
    // Assess
    expect(new Set(atsOf(3))).toEqual(new Set([BOUNDARY[0]!(rush.closesAt)]));
    expect(new Set(atsOf(10))).toEqual(new Set([BOUNDARY[1]!(rush.closesAt)]));
    for (const family of [0, 1, 2, 4, 5, 6, 7, 8, 9, 11, 12, 13]) {
      for (const at of atsOf(family)) {
        expect(atOf({ at })).toBeLessThanOrEqual(rush.closesAt);
        expect(atOf({ at })).toBeGreaterThanOrEqual(rush.closesAt - 10 * 24 * 3_600_000);
      }
    }
  });

  it('is the same for the same seed and prefix, another for another seed; a prefix keeps two rushes apart', () => {
    // Act
    const again = enrollmentRush({ families: 14, year: 2027 });
    const other = enrollmentRush({ families: 14, year: 2027, seed: 2 });
    const prefixed = enrollmentRush({ families: 2, year: 2027, prefix: 'b-', premiumFen: 5_000, maxRelatives: 3 });
    // Assess
    expect(again).toEqual(rush);
    expect(other.doc.members.map((m) => m.personalAccount?.historicalFen)).not.toEqual(
      rush.doc.members.map((m) => m.personalAccount?.historicalFen),
    );
    expect(prefixed.productId).toBe('b-hqb-2027');
    expect([prefixed.premiumFen, prefixed.maxRelatives]).toEqual([5_000, 3]);
    expect(prefixed.doc.members.every((m) => m.id.startsWith('b-'))).toBe(true);
    expect(prefixed.events.every((e) => e.id.startsWith('b-e-2027-') && e.productId === 'b-hqb-2027')).toBe(true);
  });
});

describe('renewal worlds', () => {
  const options = { families: 21, year: 2026 };

  it('offer the next year in the autumn: a campaign from the source product to the target one', () => {
    // Act
    const world = renewalWorld({ ...options, prefix: 'r-' });
    // Assess
    expect(world.fromProductId).toBe('r-hqb-2026');
    expect(world.toProductId).toBe('r-hqb-2027');
    expect(world.campaign).toEqual({
      type: 'renewalCampaign',
      id: 'r-renewal-2026-2027',
      at: '2026-11-15T02:00:00+08:00',
      fromProductId: 'r-hqb-2026',
      toProductId: 'r-hqb-2027',
    });
    expect(world.catalog.plans).toHaveLength(2);
  });

  it('give each household five policies, the parent paying cash; every twentieth already holds the next year for a child', () => {
    // Act
    const doc = renewalScenario(options);
    const parsed = parseScenario(doc);
    // Assess: 21 households, the one at index 7 holding a policy of the target product too.
    expect(doc.members).toHaveLength(21 * ROLES.length);
    expect(doc.policies).toHaveLength(21 * POLICIES_PER_FAMILY + 1);
    expect(parsed.events.map((e) => e.type)).toEqual(['renewalCampaign']);
    const next = doc.policies!.filter((p) => p.productId === 'hqb-2027');
    expect(next).toEqual([
      {
        id: `hqb-2027:${memberId('', 7, 'child')}`,
        productId: 'hqb-2027',
        insuredId: memberId('', 7, 'child'),
        payerId: memberId('', 7, 'payer'),
        relationship: 'child',
        payment: 'cash',
      },
    ]);
    const parents = doc.policies!.filter((p) => p.insuredId.startsWith('g-'));
    expect(parents.every((p) => p.payment === 'cash' && p.payerId === p.insuredId && p.relationship === 'self')).toBe(true);
    // Auto-renewal is the payer's authorisation: never on anyone else; on some payers, not all.
    const renewing = doc.members.filter((m) => m.autoRenew);
    expect(renewing.every((m) => m.id.startsWith('p-'))).toBe(true);
    expect(renewing.length).toBeGreaterThan(0);
    expect(renewing.length).toBeLessThan(21);
  });

  it('are written in chunks that together are the whole, each household the same whichever chunk holds it', () => {
    // Act
    const whole = renewalChunk(options, 0, 21);
    const first = renewalChunk(options, 0, 10);
    const rest = renewalChunk(options, 10, 21);
    // Assess
    expect([...first.members, ...rest.members]).toEqual(whole.members);
    expect([...first.policies, ...rest.policies]).toEqual(whole.policies);
  });
});
