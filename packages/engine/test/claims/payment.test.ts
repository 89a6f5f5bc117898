/**
 * claims/payment.ts (step 6): what the tiers left is paid from the patient's own
 * account (current, then historical), then from the family holder's account within
 * the binding's window and above the reserve of the holder's region, then in cash.
 * Non-medical lines are never paid from an account; the patient may opt out.
 * Basic pays 0% and OOC lines are used, so personal-borne = total unless told.
 */
import { describe, expect, it } from 'vitest';
import {
  A,
  at,
  basicPlan,
  basicPlans,
  benefit,
  claim,
  employee,
  type FamilyGroupInput,
  HZ,
  levels,
  type MemberInput,
  NM,
  noteCodes,
  OOC,
  QZ,
  region,
  resident,
  run,
  scenario,
} from '../support/world.ts';

const group = (
  holderId: string,
  members: string[],
  validFrom = at('2021-01-01', '00:00:00'),
  validTo: string | null = null,
): FamilyGroupInput => ({
  holderId,
  members: members.map((memberId) => ({ memberId, relationship: 'child' as const, validFrom, validTo })),
});

function family(members: MemberInput[], groups: FamilyGroupInput[], events: ReturnType<typeof claim>[], reserveFen = 0) {
  return run(
    scenario({
      regions: [region(QZ, { familyAid: { relationships: ['spouse', 'child', 'parent'], reserveFen, sameCity: false } }), region(HZ)],
      plans: [...basicPlans(), ...basicPlans({ region: HZ })],
      members,
      familyGroups: groups,
      events,
    }),
  );
}

describe('own account', () => {
  it('pays from the current balance first, then the historical one', () => {
    const r = run(
      scenario({
        plans: [basicPlan()],
        members: [employee('m1', { personalAccount: { currentFen: 30_000, historicalFen: 50_000 } })],
        events: [claim('c1', [OOC(60_000)])],
      }),
    );
    expect(r.claim('c1').payments).toEqual({ ownAccountFen: 60_000, familyAccountFen: 0, familyHolderId: null, cashFen: 0 });
    expect(r.balance('m1')).toEqual({ currentFen: 0, historicalFen: 20_000 }); // 30,000 current + 30,000 of 50,000 historical
  });

  it('leaves the rest in cash when the balance runs out', () => {
    const r = run(
      scenario({
        plans: [basicPlan()],
        members: [employee('m1', { personalAccount: { currentFen: 30_000, historicalFen: 50_000 } })],
        events: [claim('c1', [OOC(100_000)])],
      }),
    );
    expect(r.claim('c1').payments).toMatchObject({ ownAccountFen: 80_000, cashFen: 20_000 });
    expect(r.balance('m1')).toEqual({ currentFen: 0, historicalFen: 0 });
  });

  it('pays only what the tiers left', () => {
    const r = run(
      scenario({
        plans: [basicPlan({ benefits: { inpatient: benefit({ ratio: levels(0.8) }) } })],
        members: [employee('m1', { personalAccount: { currentFen: 100_000, historicalFen: 0 } })],
        events: [claim('c1', [A(10_000)])],
      }),
    );
    expect(r.claim('c1').payments).toMatchObject({ ownAccountFen: 2000, cashFen: 0 }); // 10,000 − 8,000 basic
    expect(r.balance('m1')?.currentFen).toBe(98_000);
  });

  it('never pays non-medical lines from an account', () => {
    const r = run(
      scenario({
        plans: [basicPlan()],
        members: [employee('m1', { personalAccount: { currentFen: 100_000, historicalFen: 0 } })],
        events: [claim('c1', [OOC(10_000), NM(5000)])],
      }),
    );
    expect(r.claim('c1').payments).toMatchObject({ ownAccountFen: 10_000, cashFen: 5000 });
    expect(r.claim('c1').basic?.nonMedicalFen).toBe(5000);
  });

  it('lets the patient opt out of account payment (own and family)', () => {
    const r = family(
      [
        employee('h', { personalAccount: { currentFen: 100_000, historicalFen: 0 } }),
        employee('m1', { personalAccount: { currentFen: 100_000, historicalFen: 0 } }),
      ],
      [group('h', ['m1'])],
      [claim('c1', [OOC(60_000)], { useAccount: false })],
    );
    expect(r.claim('c1').payments).toEqual({ ownAccountFen: 0, familyAccountFen: 0, familyHolderId: null, cashFen: 60_000 });
    expect(r.balance('m1')?.currentFen).toBe(100_000);
    expect(r.balance('h')?.currentFen).toBe(100_000);
  });
});

describe('family account (家庭共济)', () => {
  it('uses the holder’s account after the patient’s own, current first, keeping the reserve', () => {
    const r = family(
      [
        employee('h', { personalAccount: { currentFen: 100_000, historicalFen: 200_000 } }),
        resident('m2'),
        employee('m3', { personalAccount: { currentFen: 20_000, historicalFen: 0 } }),
      ],
      [group('h', ['m2', 'm3'])],
      [claim('p1', [OOC(100_000)], { memberId: 'm2' }), claim('p2', [OOC(100_000)], { memberId: 'm3' })],
      250_000,
    );
    // holder has 300,000; reserve 250,000 → 50,000 usable, from the current balance
    expect(r.claim('p1').payments).toEqual({ ownAccountFen: 0, familyAccountFen: 50_000, familyHolderId: 'h', cashFen: 50_000 });
    // own 20,000 first; the holder is at the reserve: nothing more
    expect(r.claim('p2').payments).toEqual({ ownAccountFen: 20_000, familyAccountFen: 0, familyHolderId: null, cashFen: 80_000 });
    expect(r.balance('h')).toEqual({ currentFen: 50_000, historicalFen: 200_000 }); // 250,000 = the reserve
  });

  it('takes the holder’s current balance, then historical', () => {
    const r = family(
      [
        employee('h', { personalAccount: { currentFen: 30_000, historicalFen: 100_000 } }),
        employee('m3', { personalAccount: { currentFen: 20_000, historicalFen: 10_000 } }),
      ],
      [group('h', ['m3'])],
      [claim('c1', [OOC(80_000)], { memberId: 'm3' })],
    );
    expect(r.claim('c1').payments).toMatchObject({ ownAccountFen: 30_000, familyAccountFen: 50_000, cashFen: 0 }); // own 20,000 + 10,000; holder 30,000 + 20,000
    expect(r.balance('m3')).toEqual({ currentFen: 0, historicalFen: 0 });
    expect(r.balance('h')).toEqual({ currentFen: 0, historicalFen: 80_000 });
  });

  it('takes the reserve of the holder’s region, not the patient’s', () => {
    const r = family(
      [employee('h', { personalAccount: { currentFen: 300_000, historicalFen: 0 } }), resident('hz1', { region: HZ })],
      [group('h', ['hz1'])],
      [claim('c1', [OOC(100_000)], { memberId: 'hz1' })],
      250_000,
    );
    expect(r.claim('c1').payments.familyAccountFen).toBe(50_000); // 300,000 − QZ reserve 250,000 (HZ has none)
  });

  it('never pays non-medical lines from the holder’s account either', () => {
    const r = family(
      [employee('h', { personalAccount: { currentFen: 100_000, historicalFen: 0 } }), resident('m2')],
      [group('h', ['m2'])],
      [claim('c1', [OOC(10_000), NM(5000)], { memberId: 'm2' })],
    );
    expect(r.claim('c1').payments).toMatchObject({ familyAccountFen: 10_000, cashFen: 5000 });
  });

  it('flows one way: the holder never spends a member’s balance', () => {
    const r = family(
      [employee('h'), employee('m3', { personalAccount: { currentFen: 100_000, historicalFen: 0 } })],
      [group('h', ['m3'])],
      [claim('c1', [OOC(10_000)], { memberId: 'h' })],
    );
    expect(r.claim('c1').payments).toEqual({ ownAccountFen: 0, familyAccountFen: 0, familyHolderId: null, cashFen: 10_000 });
    expect(r.balance('m3')?.currentFen).toBe(100_000);
  });

  it('pays only inside the binding’s half-open window: validFrom included, validTo excluded, judged at the claim’s time', () => {
    // Prepare: a window [Jun 1 00:00, Jul 1 00:00) Shanghai time.
    const holder = employee('h', { personalAccount: { currentFen: 1_000_000, historicalFen: 0 } });
    const window = group('h', ['m2'], at('2021-06-01', '00:00:00'), at('2021-07-01', '00:00:00'));
    const c = (id: string, when: string) => claim(id, [OOC(1000)], { memberId: 'm2', serviceDate: '2021-06-15', at: when });
    // Act
    const r = family(
      [holder, resident('m2')],
      [window],
      [
        c('before', at('2021-05-31', '23:59:59.999')),
        c('first', at('2021-06-01', '00:00:00')),
        c('last', at('2021-06-30', '23:59:59.999')),
        c('atValidTo', at('2021-07-01', '00:00:00')),
        c('after', at('2021-07-01', '00:00:00.001')),
      ],
    );
    // Assess: the last millisecond before validTo pays; validTo itself is already outside.
    expect(r.claim('first').payments.familyAccountFen).toBe(1000);
    expect(r.claim('last').payments.familyAccountFen).toBe(1000);
    for (const id of ['before', 'atValidTo', 'after']) {
      expect(r.claim(id).payments).toMatchObject({ familyAccountFen: 0, cashFen: 1000 });
      expect(noteCodes(r.claim(id))).toContain('FAMILY_BINDING_NOT_IN_WINDOW');
    }
  });

  it('notes FAMILY_HOLDER_NOT_ACTIVE when the holder can no longer pay', () => {
    const r = family(
      [
        employee('h', { status: 'transferred', personalAccount: { currentFen: 100_000, historicalFen: 0 } }),
        employee('h2', { personalAccount: null }),
        resident('m2'),
        resident('m3'),
      ],
      [group('h', ['m2']), group('h2', ['m3'])],
      [claim('c1', [OOC(1000)], { memberId: 'm2' }), claim('c2', [OOC(1000)], { memberId: 'm3' })],
    );
    for (const id of ['c1', 'c2']) {
      expect(r.claim(id).payments).toMatchObject({ familyAccountFen: 0, cashFen: 1000 });
      expect(noteCodes(r.claim(id))).toContain('FAMILY_HOLDER_NOT_ACTIVE');
    }
    expect(r.balance('h')?.currentFen).toBe(100_000);
  });
});
