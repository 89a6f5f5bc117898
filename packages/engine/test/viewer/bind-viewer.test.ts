/**
 * viewer/bind-viewer.ts (亲情账户): display-only, moves no money, ignores regions.
 * Under 16 on the Asia/Shanghai date of `at`: bound directly; from the 16th
 * birthday: face verification. Proof by ID number, or for a newborn by birth
 * certificate. Every reason that applies is listed.
 */
import { describe, expect, it } from 'vitest';
import {
  at,
  codes,
  type EventInput,
  employee,
  idNumber,
  type MemberInput,
  NJ,
  QZ,
  region,
  resident,
  run,
  scenario,
} from '../support/world.ts';

const WHEN = at('2021-07-01');
const MOTHER_ID = idNumber('1990-03-03', 5);
const members: MemberInput[] = [
  employee('m1', { personalAccount: { currentFen: 1000, historicalFen: 2000 } }),
  resident('kid', { idNumber: idNumber('2010-05-05', 1) }),
  resident('t16', { idNumber: idNumber('2005-07-01', 2) }), // 16 on 2021-07-01
  resident('t15', { idNumber: idNumber('2005-07-02', 3) }), // 16 only the day after
  resident('baby', { idNumber: null, birthDate: '2021-06-01', birthCertificateNo: 'O330123456' }),
  resident('njKid', { region: NJ, idNumber: idNumber('2012-01-01', 4, '320102') }),
  resident('off', { status: 'suspended', idNumber: idNumber('2012-01-01', 6) }),
];
const byId = (id: string) => members.find((m) => m.id === id)!;

type Viewer = Extract<EventInput, { type: 'bindViewer' }>;
const view = (id: string, memberId: string, o: Partial<Viewer> = {}): Viewer => {
  const m = byId(memberId) ?? { name: 'x', idNumber: idNumber('2010-01-01', 9) };
  return {
    type: 'bindViewer',
    id,
    at: WHEN,
    ownerId: 'm1',
    memberId,
    relationship: 'child',
    proof: { kind: 'idNumber', name: m.name, idNumber: m.idNumber ?? idNumber('2010-01-01', 9) },
    ...o,
  };
};
const certificate = (certificateNo = 'O330123456', motherIdNumber = MOTHER_ID) => ({
  kind: 'birthCertificate' as const,
  certificateNo,
  motherName: '王芳',
  motherIdNumber,
});

const go = (events: EventInput[]) => run(scenario({ regions: [region(QZ), region(NJ)], members, events }));

describe('decideBindViewer', () => {
  it('binds a child under 16 directly, by ID number, and moves no money', () => {
    const r = go([view('v1', 'kid')]);
    expect(r.result('v1')).toEqual({ id: 'v1', type: 'bindViewer', status: 'bound', reasons: [] });
    expect(r.state.viewerBound('m1' as never, 'kid' as never)).toBe(true);
    expect(r.balance('m1')).toEqual({ currentFen: 1000, historicalFen: 2000 });
  });

  it('needs face verification from the 16th birthday itself', () => {
    const r = go([view('v16', 't16'), view('v15', 't15'), view('v16face', 't16', { id: 'v16face', faceVerified: true })]);
    expect(codes(r.result('v16'))).toEqual(['FACE_VERIFICATION_REQUIRED']);
    expect(r.result('v15').status).toBe('bound');
    expect(r.result('v16face').status).toBe('bound');
  });

  it('counts age on the Asia/Shanghai date of the request', () => {
    const r = go([view('utcBefore', 't16', { at: '2021-06-30T15:59:59.999Z' })]); // 23:59:59.999 on Jun 30 in Shanghai: still 15
    expect(r.result('utcBefore').status).toBe('bound');
    const r2 = go([view('utcAfter', 't16', { at: '2021-06-30T16:00:00Z' })]); // 00:00 on Jul 1 in Shanghai: 16
    expect(codes(r2.result('utcAfter'))).toEqual(['FACE_VERIFICATION_REQUIRED']);
  });

  it('binds a newborn by birth certificate', () => {
    const r = go([view('v1', 'baby', { proof: certificate() })]);
    expect(r.result('v1').status).toBe('bound');
  });

  it('REAL_NAME_MISMATCH, INVALID_ID_NUMBER and PROOF_NOT_ALLOWED for a wrong proof', () => {
    const kid = byId('kid');
    const r = go([
      view('wrongCert', 'baby', { proof: certificate('O999') }),
      view('badMother', 'baby', { proof: certificate('O330123456', '123456789012345678') }),
      view('certForId', 'kid', { proof: certificate() }),
      view('badId', 'kid', {
        proof: { kind: 'idNumber', name: kid.name, idNumber: kid.idNumber!.slice(0, 17) + (kid.idNumber!.endsWith('1') ? '2' : '1') },
      }),
      view('otherName', 'kid', { proof: { kind: 'idNumber', name: '李四', idNumber: kid.idNumber! } }),
      view('otherId', 'kid', { proof: { kind: 'idNumber', name: kid.name, idNumber: idNumber('2010-05-05', 99) } }),
      view('idForBaby', 'baby', { proof: { kind: 'idNumber', name: 'name-baby', idNumber: idNumber('2021-06-01', 1) } }),
    ]);
    expect(codes(r.result('wrongCert'))).toEqual(['REAL_NAME_MISMATCH']);
    expect(codes(r.result('badMother'))).toEqual(['INVALID_ID_NUMBER']);
    expect(codes(r.result('certForId'))).toEqual(['PROOF_NOT_ALLOWED']);
    expect(codes(r.result('badId'))).toEqual(['INVALID_ID_NUMBER']);
    expect(codes(r.result('otherName'))).toEqual(['REAL_NAME_MISMATCH']);
    expect(codes(r.result('otherId'))).toEqual(['REAL_NAME_MISMATCH']);
    expect(codes(r.result('idForBaby'))).toEqual(['REAL_NAME_MISMATCH']);
  });

  it('RELATIONSHIP_NOT_ALLOWED for the owner themself or a relationship outside the list', () => {
    const r = go([view('self', 'm1', { relationship: 'self', faceVerified: true }), view('friend', 'kid', { relationship: 'friend' })]);
    expect(codes(r.result('self'))).toEqual(['RELATIONSHIP_NOT_ALLOWED']);
    expect(codes(r.result('friend'))).toEqual(['RELATIONSHIP_NOT_ALLOWED']);
  });

  it('ignores regions, and ALREADY_BOUND on a second binding', () => {
    const r = go([view('v1', 'njKid'), view('v2', 'njKid')]);
    expect(r.result('v1').status).toBe('bound');
    expect(codes(r.result('v2'))).toEqual(['ALREADY_BOUND']);
  });

  it('MEMBER_NOT_FOUND and MEMBER_NOT_ACTIVE', () => {
    const r = go([view('ghost', 'ghost'), view('off', 'off'), view('owner', 'kid', { ownerId: 'nobody' })]);
    expect(codes(r.result('ghost'))).toEqual(['MEMBER_NOT_FOUND']);
    expect(codes(r.result('off'))).toEqual(['MEMBER_NOT_ACTIVE']);
    expect(codes(r.result('owner'))).toEqual(['MEMBER_NOT_FOUND']);
  });

  it('lists every reason that applies', () => {
    const t16 = byId('t16');
    const r = go([
      view('v0', 't16', { faceVerified: true }),
      view('all', 't16', { relationship: 'friend', proof: { kind: 'idNumber', name: '李四', idNumber: t16.idNumber! } }),
    ]);
    expect(codes(r.result('all'))).toEqual([
      'ALREADY_BOUND',
      'FACE_VERIFICATION_REQUIRED',
      'REAL_NAME_MISMATCH',
      'RELATIONSHIP_NOT_ALLOWED',
    ]);
  });
});
