/**
 * family/bind.ts (家庭共济): the holder is an active employee with a personal account;
 * members are active relatives of an allowed relationship in the holder's province
 * (or city where the region says so); one group per person in either role; a window
 * starting no earlier than the request, half-open (its end excluded). An optional
 * proof names the relative, checked as a viewer binding's. Unbinding ends the binding.
 */
import { describe, expect, it } from 'vitest';
import {
  at,
  basicPlans,
  claim,
  codes,
  type EventInput,
  employee,
  HZ,
  idNumber,
  NJ,
  OOC,
  QZ,
  region,
  resident,
  run,
  scenario,
} from '../support/world.ts';

const WHEN = at('2021-03-01');
type Bind = Extract<EventInput, { type: 'bindFamily' }>;
const bind = (id: string, holderId: string, memberId: string, o: Partial<Bind> = {}): Bind => ({
  type: 'bindFamily',
  id,
  at: WHEN,
  holderId,
  memberId,
  relationship: 'child',
  validFrom: WHEN,
  validTo: null,
  ...o,
});
const unbind = (id: string, holderId: string, memberId: string): EventInput => ({
  type: 'unbindFamily',
  id,
  at: at('2021-04-01'),
  holderId,
  memberId,
});

const JX = '360400'; // a region that requires the same city
const JX2 = '360100'; // same province as JX

const doc = (events: EventInput[]) =>
  scenario({
    regions: [
      region(QZ, { familyAid: { relationships: ['spouse', 'parent', 'child'], reserveFen: 0, sameCity: false } }),
      region(HZ),
      region(NJ),
      region(JX, { familyAid: { relationships: ['child'], reserveFen: 0, sameCity: true } }),
      region(JX2),
      region('440100', { familyAid: null }),
    ],
    plans: [...basicPlans(), ...basicPlans({ region: HZ })],
    members: [
      employee('h', { personalAccount: { currentFen: 100_000, historicalFen: 0 } }),
      employee('h2', { personalAccount: { currentFen: 100_000, historicalFen: 0 } }),
      resident('m1'),
      resident('m2'),
      resident('hz', { region: HZ }),
      resident('nj', { region: NJ }),
      resident('off', { status: 'suspended' }),
      resident('rh'),
      employee('noAcct', { personalAccount: null }),
      employee('offH', { status: 'transferred', personalAccount: { currentFen: 1, historicalFen: 0 } }),
      employee('jx', { region: JX, personalAccount: { currentFen: 1, historicalFen: 0 } }),
      resident('jxSame', { region: JX }),
      resident('jxOther', { region: JX2 }),
      employee('gz', { region: '440100', personalAccount: { currentFen: 1, historicalFen: 0 } }),
      resident('gzm', { region: '440100' }),
      resident('baby', { idNumber: null, birthDate: '2021-02-01', birthCertificateNo: 'O330123456' }),
    ],
    events,
  });

describe('decideBindFamily', () => {
  it('binds a relative in the holder’s province, and the binding then pays', () => {
    const r = run(
      doc([
        bind('b1', 'h', 'm1'),
        bind('b2', 'h', 'hz', { relationship: 'spouse' }),
        claim('c1', [OOC(1000)], { memberId: 'm1', at: at('2021-03-02') }),
      ]),
    );
    expect(r.result('b1')).toEqual({ id: 'b1', type: 'bindFamily', status: 'bound', reasons: [] });
    expect(r.result('b2').status).toBe('bound'); // 杭州 is in the holder's province
    expect(r.claim('c1').payments).toMatchObject({ familyAccountFen: 1000, familyHolderId: 'h' });
    expect(r.state.groupSize('h' as never)).toBe(2);
  });

  it('MEMBER_NOT_FOUND and MEMBER_NOT_ACTIVE for holder or member', () => {
    const r = run(doc([bind('b1', 'ghost', 'm1'), bind('b2', 'h', 'ghost'), bind('b3', 'h', 'off'), bind('b4', 'offH', 'm1')]));
    expect(codes(r.result('b1'))).toEqual(['MEMBER_NOT_FOUND']);
    expect(codes(r.result('b2'))).toEqual(['MEMBER_NOT_FOUND']);
    expect(codes(r.result('b3'))).toEqual(['MEMBER_NOT_ACTIVE']);
    expect(codes(r.result('b4'))).toEqual(['MEMBER_NOT_ACTIVE']);
  });

  it('NO_PERSONAL_ACCOUNT for a resident holder or an employee without an account', () => {
    const r = run(doc([bind('b1', 'rh', 'm1'), bind('b2', 'noAcct', 'm2')]));
    expect(codes(r.result('b1'))).toEqual(['NO_PERSONAL_ACCOUNT']);
    expect(codes(r.result('b2'))).toEqual(['NO_PERSONAL_ACCOUNT']);
  });

  it('RELATIONSHIP_NOT_ALLOWED outside the region’s list, for self, or where the region has no family aid', () => {
    const r = run(
      doc([bind('b1', 'h', 'm1', { relationship: 'sibling' }), bind('b2', 'h', 'h', { relationship: 'self' }), bind('b3', 'gz', 'gzm')]),
    );
    expect(codes(r.result('b1'))).toEqual(['RELATIONSHIP_NOT_ALLOWED']);
    expect(codes(r.result('b2'))).toContain('RELATIONSHIP_NOT_ALLOWED');
    expect(codes(r.result('b3'))).toEqual(['RELATIONSHIP_NOT_ALLOWED']);
  });

  it('NOT_IN_REGION outside the province, or outside the city where the region requires it', () => {
    const r = run(doc([bind('b1', 'h', 'nj'), bind('b2', 'jx', 'jxOther'), bind('b3', 'jx', 'jxSame')]));
    expect(codes(r.result('b1'))).toEqual(['NOT_IN_REGION']);
    expect(codes(r.result('b2'))).toEqual(['NOT_IN_REGION']);
    expect(r.result('b3').status).toBe('bound');
  });

  it('ALREADY_IN_GROUP: one group per person, in either role', () => {
    const r = run(
      doc([
        bind('b1', 'h', 'm1'),
        bind('again', 'h2', 'm1'), // m1 is a member of h's group
        bind('holderAsMember', 'h2', 'h', { relationship: 'spouse' }), // h holds a group with members
        bind('memberAsHolder', 'h2', 'm2'),
        bind('b4', 'h', 'h2', { relationship: 'spouse' }), // h2 (holder of m2) cannot join h
      ]),
    );
    expect(codes(r.result('again'))).toEqual(['ALREADY_IN_GROUP']);
    expect(codes(r.result('holderAsMember'))).toEqual(['ALREADY_IN_GROUP']);
    expect(r.result('memberAsHolder').status).toBe('bound');
    expect(codes(r.result('b4'))).toEqual(['ALREADY_IN_GROUP']);
  });

  it('allows leaving a group and joining another', () => {
    const r = run(
      doc([bind('b1', 'h', 'm1'), unbind('u1', 'h', 'm1'), bind('b2', 'h2', 'm1', { at: at('2021-04-02'), validFrom: at('2021-04-02') })]),
    );
    expect(r.results.map((x) => x.status)).toEqual(['bound', 'unbound', 'bound']);
    expect(r.state.bindingOf('m1' as never)?.holderId).toBe('h2');
    expect(r.state.groupSize('h' as never)).toBe(0);
  });

  it('INVALID_WINDOW when validFrom is before the request or validTo is not after validFrom', () => {
    const r = run(
      doc([
        bind('early', 'h', 'm1', { validFrom: at('2021-03-01', '09:59:59.999') }),
        bind('empty', 'h', 'm1', { validTo: WHEN }),
        bind('reversed', 'h', 'm1', { validFrom: at('2021-05-01'), validTo: at('2021-04-01') }),
        bind('ok', 'h', 'm1', { validFrom: WHEN, validTo: at('2021-03-01', '10:00:00.001') }),
      ]),
    );
    for (const id of ['early', 'empty', 'reversed']) expect(codes(r.result(id))).toEqual(['INVALID_WINDOW']);
    expect(r.result('ok').status).toBe('bound');
  });

  it('lists every reason that applies', () => {
    const r = run(doc([bind('b1', 'h', 'm1'), bind('all', 'rh', 'm1', { relationship: 'sibling', validFrom: at('2021-01-01') })]));
    expect(codes(r.result('all'))).toEqual(['ALREADY_IN_GROUP', 'INVALID_WINDOW', 'NO_PERSONAL_ACCOUNT', 'RELATIONSHIP_NOT_ALLOWED']);
  });
});

describe('decideBindFamily: the relative’s proof, checked as a viewer binding’s', () => {
  const person = (id: string) => doc([]).members.find((m) => m.id === id)!;
  type Proof = NonNullable<Bind['proof']>;
  const byId = (id: string, o: Partial<Extract<Proof, { kind: 'idNumber' }>> = {}): Proof => ({
    kind: 'idNumber',
    name: person(id).name,
    idNumber: person(id).idNumber!,
    ...o,
  });
  const MOTHER = idNumber('1990-03-03', 5);
  /** The same 18 characters with a wrong check digit. */
  const badCheckDigit = (id: string) => id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
  const certificate = (o: Partial<Extract<Proof, { kind: 'birthCertificate' }>> = {}): Proof => ({
    kind: 'birthCertificate',
    certificateNo: 'O330123456',
    motherName: '母亲',
    motherIdNumber: MOTHER,
    ...o,
  });

  it('binds with the relative’s own name and ID number, or a newborn’s birth certificate', () => {
    const r = run(doc([bind('b1', 'h', 'm1', { proof: byId('m1') }), bind('b2', 'h', 'baby', { proof: certificate() })]));
    expect(r.results.map((x) => x.status)).toEqual(['bound', 'bound']);
    expect(r.state.groupSize('h' as never)).toBe(2);
  });

  it('REAL_NAME_MISMATCH when the name, the ID number or the certificate is not the relative’s; a wrong proof binds nothing', () => {
    const r = run(
      doc([
        bind('name', 'h', 'm1', { proof: byId('m1', { name: '别人' }) }),
        bind('number', 'h', 'm1', { proof: byId('m2') }), // m2's valid ID number under m1's name
        bind('cert', 'h', 'baby', { proof: certificate({ certificateNo: 'O000000000' }) }),
      ]),
    );
    for (const id of ['name', 'number', 'cert']) expect(codes(r.result(id))).toEqual(['REAL_NAME_MISMATCH']);
    expect(r.state.bindingOf('m1' as never)).toBeUndefined();
    expect(r.state.bindingOf('baby' as never)).toBeUndefined();
    expect(r.state.groupSize('h' as never)).toBe(0);
  });

  it('INVALID_ID_NUMBER when the ID number, or the mother’s, fails its check digit', () => {
    const r = run(
      doc([
        bind('own', 'h', 'm1', { proof: byId('m1', { idNumber: badCheckDigit(person('m1').idNumber!) }) }),
        bind('mother', 'h', 'baby', { proof: certificate({ motherIdNumber: badCheckDigit(MOTHER) }) }),
      ]),
    );
    expect(codes(r.result('own'))).toEqual(['INVALID_ID_NUMBER']);
    expect(codes(r.result('mother'))).toEqual(['INVALID_ID_NUMBER']);
  });

  it('PROOF_NOT_ALLOWED for a birth certificate of a relative who has an ID number, with every other reason', () => {
    const r = run(doc([bind('b1', 'h', 'm1', { proof: certificate(), relationship: 'sibling' })]));
    expect(codes(r.result('b1'))).toEqual(['PROOF_NOT_ALLOWED', 'RELATIONSHIP_NOT_ALLOWED']);
  });

  it('checks a proof for an unknown relative only on its own check digits', () => {
    const r = run(doc([bind('b1', 'h', 'ghost', { proof: byId('m1', { idNumber: badCheckDigit(person('m1').idNumber!) }) })]));
    expect(codes(r.result('b1'))).toEqual(['INVALID_ID_NUMBER', 'MEMBER_NOT_FOUND']);
  });
});

describe('decideUnbindFamily', () => {
  it('ends the binding: later claims do not use the holder’s account', () => {
    const r = run(
      doc([bind('b1', 'h', 'm1'), unbind('u1', 'h', 'm1'), claim('c1', [OOC(1000)], { memberId: 'm1', at: at('2021-04-03') })]),
    );
    expect(r.result('u1')).toEqual({ id: 'u1', type: 'unbindFamily', status: 'unbound', reasons: [] });
    expect(r.claim('c1').payments).toMatchObject({ familyAccountFen: 0, cashFen: 1000 });
    expect(r.balance('h')?.currentFen).toBe(100_000);
  });

  it('NOT_BOUND when there is no such binding', () => {
    const r = run(
      doc([bind('b1', 'h', 'm1'), unbind('u1', 'h2', 'm1'), unbind('u2', 'h', 'm2'), unbind('u3', 'h', 'm1'), unbind('u4', 'h', 'm1')]),
    );
    expect(codes(r.result('u1'))).toEqual(['NOT_BOUND']);
    expect(codes(r.result('u2'))).toEqual(['NOT_BOUND']);
    expect(r.result('u3').status).toBe('unbound');
    expect(codes(r.result('u4'))).toEqual(['NOT_BOUND']);
  });
});
