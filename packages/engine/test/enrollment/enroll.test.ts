/**
 * enrollment/enroll.ts (惠民保投保): open to active basic-insured members of the
 * product's region, inside the window, one policy per insured per product. From a
 * personal account: an active employee payer in the region, real-name verified,
 * paying for self or an allowed relative (at most N relatives), from the allowed
 * balance; the premium is debited once even when the request is retried. Cash needs
 * no account checks.
 */
import { describe, expect, it } from 'vitest';
import {
  at,
  codes,
  type EventInput,
  employee,
  HZ,
  idNumber,
  type MemberInput,
  NJ,
  product,
  QZ,
  region,
  resident,
  run,
  scenario,
} from '../support/world.ts';

const ID1 = idNumber('1980-01-01', 11);
const payer = employee('m1', {
  name: '张三',
  idNumber: ID1,
  phone: '13800000000',
  personalAccount: { currentFen: 100_000, historicalFen: 50_000 },
});
const realName = (m: MemberInput) => ({ name: m.name, idNumber: m.idNumber!, phone: m.phone! });
const WHEN = at('2020-12-30', '20:00:00');

type Enroll = Extract<EventInput, { type: 'enroll' }>;
const enroll = (id: string, o: Partial<Enroll> = {}): Enroll => ({
  type: 'enroll',
  id,
  at: WHEN,
  productId: 'hqb-2021',
  payerId: 'm1',
  insuredId: 'm1',
  relationship: 'self',
  payment: 'personalAccount',
  realName: realName(payer),
  ...o,
});

const doc = (events: EventInput[]) =>
  scenario({
    regions: [region(QZ), region(HZ), region(NJ)],
    plans: [
      product({
        enrollment: {
          opensAt: '2020-11-01T00:00:00+08:00',
          closesAt: '2021-01-31T23:59:59.999+08:00',
          accountPayment: { balance: 'historical', relationships: ['self', 'spouse', 'child', 'parent'], maxRelatives: 2 },
        },
      }),
      product({
        id: 'js-2021',
        regionScope: 'province',
        enrollment: {
          opensAt: '2020-11-01T00:00:00+08:00',
          closesAt: '2020-12-31T23:59:59.999+08:00',
          accountPayment: { balance: 'any', relationships: ['self'] },
        },
      }),
      product({
        id: 'cash-2021',
        enrollment: { opensAt: '2020-11-01T00:00:00+08:00', closesAt: '2020-12-31T23:59:59.999+08:00', accountPayment: null },
      }),
    ],
    members: [
      payer,
      resident('m2'),
      resident('m3'),
      resident('m4'),
      resident('m5'),
      resident('nj', { region: NJ }),
      resident('hz', { region: HZ }),
      resident('off', { status: 'suspended' }),
      employee('poor', { personalAccount: { currentFen: 100_000, historicalFen: 5000 } }),
      employee('njPayer', { region: NJ, personalAccount: { currentFen: 0, historicalFen: 100_000 } }),
      resident('r9'),
    ],
    events,
  });

describe('decideEnrollment', () => {
  it('enrolls the payer from the historical balance', () => {
    const r = run(doc([enroll('e1')]));
    expect(r.result('e1')).toMatchObject({ status: 'enrolled', reasons: [], premiumFen: 10_000, accountPaidFen: 10_000 });
    expect((r.result('e1') as { policyId: string }).policyId).toBeTruthy();
    expect(r.balance('m1')).toEqual({ currentFen: 100_000, historicalFen: 40_000 }); // 'historical': current untouched
    expect(r.state.policy('hqb-2021' as never, 'm1' as never)).toMatchObject({ payerId: 'm1', payment: 'personalAccount' });
  });

  it('uses the current balance first when any balance may pay', () => {
    const r = run(doc([enroll('e1', { productId: 'js-2021' })]));
    expect(r.balance('m1')).toEqual({ currentFen: 90_000, historicalFen: 50_000 });
  });

  it('accepts cash without any account check', () => {
    const r = run(
      doc([
        enroll('e1', { payerId: 'r9', insuredId: 'r9', payment: 'cash', realName: null }),
        enroll('e2', { productId: 'cash-2021', insuredId: 'm2', relationship: 'sibling', payment: 'cash', realName: null }),
      ]),
    );
    expect(r.result('e1')).toMatchObject({ status: 'enrolled', accountPaidFen: 0 });
    expect(r.result('e2')).toMatchObject({ status: 'enrolled', accountPaidFen: 0 });
    expect(r.balance('m1')).toEqual({ currentFen: 100_000, historicalFen: 50_000 });
  });

  it('ENROLLMENT_CLOSED outside opensAt ≤ at ≤ closesAt, whatever the offset', () => {
    const r = run(
      doc([
        enroll('early', { at: '2020-10-31T23:59:59.999+08:00' }),
        enroll('lastMs', { at: '2021-01-31T15:59:59.999Z', insuredId: 'm2', relationship: 'spouse' }), // = 23:59:59.999 in Shanghai
        enroll('late', { at: '2021-01-31T16:00:00Z', insuredId: 'm3', relationship: 'child' }), // = Feb 1 00:00 in Shanghai
        enroll('subMs', { at: '2021-01-31T23:59:59.9995+08:00', insuredId: 'm4', relationship: 'child' }), // half a millisecond late
      ]),
    );
    expect(codes(r.result('subMs'))).toEqual(['ENROLLMENT_CLOSED']);
    expect(codes(r.result('early'))).toEqual(['ENROLLMENT_CLOSED']);
    expect(r.result('lastMs').status).toBe('enrolled');
    expect(codes(r.result('late'))).toEqual(['ENROLLMENT_CLOSED']);
  });

  it('ALREADY_ENROLLED on a retry under a new id: the premium is debited once', () => {
    const r = run(doc([enroll('e1'), enroll('e1'), enroll('e2'), enroll('e3', { payment: 'cash', realName: null })]));
    expect(r.results.map((x) => x.status)).toEqual(['enrolled', 'enrolled', 'rejected', 'rejected']);
    expect(codes(r.result('e2'))).toEqual(['ALREADY_ENROLLED']);
    expect(codes(r.result('e3'))).toEqual(['ALREADY_ENROLLED']);
    expect(r.balance('m1')?.historicalFen).toBe(40_000); // 50,000 − one premium
  });

  it('NOT_IN_REGION for an insured or an account payer outside the product’s region', () => {
    const r = run(
      doc([
        enroll('insured', { insuredId: 'nj', relationship: 'child' }),
        enroll('payer', { payerId: 'njPayer', insuredId: 'njPayer', realName: realName(doc([]).members.find((m) => m.id === 'njPayer')!) }),
        enroll('cityProduct', { insuredId: 'hz', relationship: 'child' }),
        enroll('province', {
          productId: 'js-2021',
          payerId: 'r9',
          insuredId: 'hz',
          relationship: 'child',
          payment: 'cash',
          realName: null,
        }),
      ]),
    );
    expect(codes(r.result('insured'))).toEqual(['NOT_IN_REGION']);
    expect(codes(r.result('payer'))).toEqual(['NOT_IN_REGION']);
    expect(codes(r.result('cityProduct'))).toEqual(['NOT_IN_REGION']); // 杭州 is not 衢州
    expect(r.result('province').status).toBe('enrolled'); // 杭州 is in 浙江
  });

  it('RELATIONSHIP_NOT_ALLOWED outside the product’s list, or self/other mixed up', () => {
    const r = run(
      doc([
        enroll('sibling', { insuredId: 'm2', relationship: 'sibling' }),
        enroll('selfOther', { insuredId: 'm2', relationship: 'self' }),
        enroll('otherSelf', { relationship: 'spouse' }),
      ]),
    );
    for (const id of ['sibling', 'selfOther', 'otherSelf']) expect(codes(r.result(id))).toEqual(['RELATIONSHIP_NOT_ALLOWED']);
  });

  it('TOO_MANY_RELATIVES beyond the maximum of account-paid relatives (self and cash do not count)', () => {
    const r = run(
      doc([
        enroll('self'),
        enroll('cash', { insuredId: 'm2', relationship: 'spouse', payment: 'cash', realName: null }),
        enroll('c3', { insuredId: 'm3', relationship: 'child' }),
        enroll('c4', { insuredId: 'm4', relationship: 'child' }),
        enroll('c5', { insuredId: 'm5', relationship: 'child' }),
      ]),
    );
    expect(r.results.map((x) => x.status)).toEqual(['enrolled', 'enrolled', 'enrolled', 'enrolled', 'rejected']);
    expect(codes(r.result('c5'))).toEqual(['TOO_MANY_RELATIVES']);
    expect(r.balance('m1')?.historicalFen).toBe(20_000); // 50,000 − 3 premiums
  });

  it('verifies the payer’s real name: ID check digit, phone, and that both are the payer’s', () => {
    const wrongCheck = ID1.slice(0, 17) + (ID1[17] === '0' ? '1' : '0');
    const r = run(
      doc([
        enroll('badId', { realName: { ...realName(payer), idNumber: wrongCheck } }),
        enroll('badPhone', { realName: { ...realName(payer), phone: '12345' } }),
        enroll('both', { realName: { ...realName(payer), idNumber: '123', phone: '' } }),
        enroll('otherId', { realName: { ...realName(payer), idNumber: idNumber('1990-02-02', 7) } }),
        enroll('otherName', { realName: { ...realName(payer), name: '李四' } }),
        enroll('missing', { realName: null }),
      ]),
    );
    expect(codes(r.result('badId'))).toEqual(['INVALID_ID_NUMBER']);
    expect(codes(r.result('badPhone'))).toEqual(['INVALID_PHONE']);
    expect(codes(r.result('both'))).toEqual(['INVALID_ID_NUMBER', 'INVALID_PHONE']);
    expect(codes(r.result('otherId'))).toEqual(['REAL_NAME_MISMATCH']);
    expect(codes(r.result('otherName'))).toEqual(['REAL_NAME_MISMATCH']);
    expect(codes(r.result('missing'))).toEqual(['REAL_NAME_MISMATCH']);
    expect(r.balance('m1')?.historicalFen).toBe(50_000);
  });

  it('NO_PERSONAL_ACCOUNT for a payer without one; INSUFFICIENT_BALANCE when the allowed balance is short', () => {
    const poor = doc([]).members.find((m) => m.id === 'poor')!;
    const r9 = doc([]).members.find((m) => m.id === 'r9')!;
    const r = run(
      doc([
        enroll('resident', { payerId: 'r9', insuredId: 'r9', realName: { ...realName(r9), phone: '13900000000' } }),
        enroll('short', { payerId: 'poor', insuredId: 'poor', realName: realName(poor) }),
        enroll('anyOk', { productId: 'js-2021', payerId: 'poor', insuredId: 'poor', realName: realName(poor) }),
      ]),
    );
    expect(codes(r.result('resident'))).toEqual(['NO_PERSONAL_ACCOUNT']);
    expect(codes(r.result('short'))).toEqual(['INSUFFICIENT_BALANCE']); // historical 5,000 < 10,000; current does not count
    expect(r.result('anyOk').status).toBe('enrolled'); // 'any': current 100,000 pays
  });

  it('PRODUCT_NOT_FOUND, ACCOUNT_PAYMENT_NOT_ALLOWED, MEMBER_NOT_FOUND, MEMBER_NOT_ACTIVE', () => {
    const r = run(
      doc([
        enroll('product', { productId: 'nope' }),
        enroll('cashOnly', { productId: 'cash-2021' }),
        enroll('insured', { insuredId: 'ghost', relationship: 'child' }),
        enroll('inactive', { insuredId: 'off', relationship: 'child' }),
      ]),
    );
    expect(codes(r.result('product'))).toEqual(['PRODUCT_NOT_FOUND']);
    expect(codes(r.result('cashOnly'))).toEqual(['ACCOUNT_PAYMENT_NOT_ALLOWED']);
    expect(codes(r.result('insured'))).toEqual(['MEMBER_NOT_FOUND']);
    expect(codes(r.result('inactive'))).toEqual(['MEMBER_NOT_ACTIVE']);
  });

  it('lists every reason that applies', () => {
    const r = run(
      doc([
        enroll('e1'),
        enroll('all', {
          at: '2021-03-01T00:00:00+08:00',
          insuredId: 'm1',
          relationship: 'spouse',
          realName: { name: '张三', idNumber: '1', phone: '2' },
        }),
      ]),
    );
    expect(codes(r.result('all'))).toEqual([
      'ALREADY_ENROLLED',
      'ENROLLMENT_CLOSED',
      'INVALID_ID_NUMBER',
      'INVALID_PHONE',
      'RELATIONSHIP_NOT_ALLOWED',
    ]);
    expect(r.result('all')).toMatchObject({ policyId: null, accountPaidFen: 0 });
  });
});
