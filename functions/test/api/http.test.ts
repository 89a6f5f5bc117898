/**
 * api/http.ts: the HTTP API — every route with API Gateway v2 events as the IAM
 * authorizer (service callers) and the JWT authorizer (members) send them.
 * Submissions are checked (the request schema, the credentials, the role table),
 * stamped with the server's clock, scoped to the caller, recorded (idempotency key
 * and fingerprint) and enqueued (202); a quote is settled on the snapshot and
 * answered at once (200), changing no state (its answer kept under its key); reads answer the caller's own events and
 * the same 404 for what is not theirs as for what does not exist. A refused or
 * invalid request writes nothing and enqueues nothing.
 */
import { type ClaimResult, replay } from '@medins/engine';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CredentialSigningKeys, generateCredentialKeys, signCredential } from '../../src/api/credentials.ts';
import { type ApiDeps, type ApiEvent, CREDENTIAL_HEADER, create, FACE_HEADER, MAX_BODY_BYTES, route } from '../../src/api/http.ts';
import { scopedId, scopeOf } from '../../src/api/idempotency.ts';
import { principalDirectory } from '../../src/api/principals.ts';
import { receiveInstant } from '../../src/api/request.ts';
import { apiDepsOf } from '../support/api.ts';
import { fixedClock, NOW, type TestDeps, testDeps } from '../support/deps.ts';
import { ARN, PRINCIPALS } from '../support/principals.ts';
import { exampleDoc, type Fixture, fixture, settle } from '../support/scenarios.ts';

/** A member as API Gateway's JWT authorizer presents them. */
const member = (memberId: string) => ({ member: memberId });
type Caller = string | { member: string } | null;

/** An API Gateway HTTP API (payload 2.0) request, from `caller` as its authorizer verified it. */
function request(
  method: string,
  rawPath: string,
  caller: Caller,
  body?: unknown,
  options: { base64?: boolean; headers?: Record<string, string> } = {},
): ApiEvent {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const authorizer =
    caller === null
      ? {}
      : typeof caller === 'string'
        ? { authorizer: { iam: { userArn: caller } } }
        : { authorizer: { jwt: { claims: { sub: caller.member, iss: 'https://login.medins.example', aud: 'medins-api' }, scopes: null } } };
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...options.headers },
    requestContext: {
      accountId: '111122223333',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'req',
      routeKey: '$default',
      stage: '$default',
      time: '01/Mar/2021:10:00:00 +0000',
      timeEpoch: 0,
      ...authorizer,
    } as never,
    isBase64Encoded: options.base64 ?? false,
    ...(text === undefined ? {} : { body: options.base64 ? Buffer.from(text).toString('base64') : text }),
  };
}

const bodyOf = (response: APIGatewayProxyStructuredResultV2) => JSON.parse(response.body ?? 'null');

let keys: CredentialSigningKeys;
let f: Fixture;
let deps: TestDeps;
let api: ApiDeps;
let now: number;
const call = (event: ApiEvent) => route(event, api);

beforeAll(async () => {
  keys = await generateCredentialKeys();
});

beforeEach(() => {
  f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'), { principals: PRINCIPALS });
  now = NOW;
  deps = testDeps(f.store, { clock: { now: () => now } });
  api = apiDepsOf(deps, keys);
});

/** Nothing written, nothing enqueued. */
function expectNoEffect() {
  expect(deps.queue.sent).toEqual([]);
  expect(f.store.commits).toBe(0);
  expect(f.store.acceptRecords()).toEqual([]);
}

/** The scoped id of a service caller's key. */
const svc = (arn: string, key: string) => scopedId(scopeOf({ id: arn, role: 'operations' }), key);
const mbr = (memberId: string, key: string) => scopedId(scopeOf({ id: `member:${memberId}`, role: 'member', memberId }), key);

/** A claim's body as a provider sends it: no `at`, no `cardHolderId` (the server and the credential set them). */
function claimBody(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { at: _at, cardHolderId: _card, ...body } = f.doc(id) as unknown as Record<string, unknown>;
  return { ...body, ...overrides };
}

const voucher = (memberId: string, at = now) => signCredential(keys, 'voucher', memberId, at);
const withVoucher = async (memberId: string, at = now) => ({ headers: { [CREDENTIAL_HEADER]: await voucher(memberId, at) } });

/** Posts c1 as its hospital with the patient's (m2) e-voucher. */
const postClaim = async (caller = ARN.hospital, body = claimBody('c1'), card = 'm2') =>
  call(request('POST', '/claims', caller, body, await withVoucher(card)));

const enrollment = (overrides: Record<string, unknown> = {}) => ({
  type: 'enroll',
  id: 'e1',
  productId: 'huiqubao-2021',
  payerId: 'm1',
  insuredId: 'm1',
  relationship: 'self',
  payment: 'cash',
  ...overrides,
});

const sentDocs = () => deps.queue.sent.map((s) => JSON.parse(s.body) as Record<string, unknown>);

describe('submissions', () => {
  it('accepts a claim from its provider with the patient’s e-voucher: 202, Location, Retry-After; stamped, scoped, recorded, queued', async () => {
    const response = await postClaim();

    expect(response.statusCode).toBe(202);
    expect(response.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      location: '/events/c1',
      'retry-after': '1',
    });
    expect(bodyOf(response)).toEqual({ eventId: 'c1', status: 'queued', outcome: '/events/c1' });
    const id = svc(ARN.hospital, 'c1');
    expect(deps.queue.sent.map((m) => m.queue)).toEqual(['claims']);
    expect(sentDocs()[0]).toEqual({ ...claimBody('c1'), id, at: '2021-03-01T10:00:00.000+08:00', cardHolderId: 'm2' });
    expect(f.store.acceptRecords()).toEqual([
      {
        eventId: id,
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        acceptedAt: NOW,
        principal: ARN.hospital,
        principalVersion: 1,
        status: 'queued',
      },
    ]);
    expect(f.store.commits).toBe(0);
  });

  it('records under which version of its registration a principal submitted: a changed grant changes no earlier record', async () => {
    // Prepare
    await postClaim(ARN.hospital, claimBody('c1'));
    f.store.registerPrincipal(ARN.hospital, { role: 'provider', providerIds: ['H-QZ-3', 'H-QZ-9'] });
    api = { ...api, principals: principalDirectory(f.store) }; // a fresh container: no cached registration

    // Act
    await postClaim(ARN.hospital, claimBody('c1', { id: 'c9' }));

    // Assess
    expect(f.store.acceptRecords().map((r) => [r.eventId, r.principal, r.principalVersion])).toEqual([
      [svc(ARN.hospital, 'c1'), ARN.hospital, 1],
      [svc(ARN.hospital, 'c9'), ARN.hospital, 2],
    ]);
  });

  it('takes a base64 body, and percent-encodes the outcome address of a key with URL characters', async () => {
    const base64 = await call(request('POST', '/claims', ARN.hospital, claimBody('c1'), { base64: true, ...(await withVoucher('m2')) }));
    const odd = await postClaim(ARN.hospital, claimBody('c1', { id: 'c/1?x' }));

    expect(base64.statusCode).toBe(202);
    expect(bodyOf(odd).outcome).toBe('/events/c%2F1%3Fx');
    expect(odd.headers?.location).toBe('/events/c%2F1%3Fx');
  });

  it('puts a member’s own enrollment and bindings on the enrollments queue, scoped to the member', async () => {
    const bind = {
      type: 'bindFamily',
      id: 'b1',
      holderId: 'm1',
      memberId: 'm2',
      relationship: 'spouse',
      validFrom: '2021-03-02T00:00:00+08:00',
    };
    const unbindAsHolder = { type: 'unbindFamily', id: 'u1', holderId: 'm1', memberId: 'm2' };
    const unbindAsMember = { type: 'unbindFamily', id: 'u2', holderId: 'm1', memberId: 'm2' };

    const responses = [
      await call(request('POST', '/enrollments', member('m1'), enrollment())),
      await call(request('POST', '/bindings', member('m1'), bind)),
      await call(request('POST', '/bindings', member('m1'), unbindAsHolder)),
      await call(request('POST', '/bindings', member('m2'), unbindAsMember)), // the relative may always leave
    ];

    expect(responses.map((r) => r.statusCode)).toEqual([202, 202, 202, 202]);
    expect(responses[0]!.headers?.location).toBe('/me/events/e1');
    expect(deps.queue.sent.map((m) => [m.queue, JSON.parse(m.body).id])).toEqual([
      ['enrollments', mbr('m1', 'e1')],
      ['enrollments', mbr('m1', 'b1')],
      ['enrollments', mbr('m1', 'u1')],
      ['enrollments', mbr('m2', 'u2')],
    ]);
  });

  it('lets a provider reverse only claims in its own id space: another provider’s same key names its own (absent) claim', async () => {
    // Prepare: c1 applied as the hospital's.
    const id = svc(ARN.hospital, 'c1');
    await settle(f.store, { ...f.event('c1'), id } as never, { ...f.doc('c1'), id });
    const reversal = { type: 'reverseClaim', id: 'x1', claimId: 'c1' };

    // Act
    const own = await call(request('POST', '/reversals', ARN.hospital, reversal));
    const other = await call(request('POST', '/reversals', ARN.otherHospital, reversal));
    const forged = await call(request('POST', '/reversals', ARN.otherHospital, { ...reversal, id: 'x2', claimId: id }));

    // Assess: the other hospital's reversals name claims of its own space, never the hospital's c1.
    expect([own.statusCode, other.statusCode, forged.statusCode]).toEqual([202, 202, 202]);
    expect(sentDocs().map((d) => d.claimId)).toEqual([id, svc(ARN.otherHospital, 'c1'), svc(ARN.otherHospital, id)]);
  });
});

describe('reviewers’ decisions (POST /reviews)', () => {
  it('queue a decision on a claim of the reviewer’s regions, named as stored; refuse any other caller or region', async () => {
    // Prepare: c1 applied as the hospital's; reviewers name it by its stored id.
    const claimId = svc(ARN.hospital, 'c1');
    await settle(f.store, { ...f.event('c1'), id: claimId } as never, { ...f.doc('c1'), id: claimId });
    const decision = { type: 'reviewDecision', id: 'd1', claimId, decision: 'approve', rejectedLines: [] };

    // Act
    const own = await call(request('POST', '/reviews', ARN.reviewerZj, decision));
    const otherRegion = await call(request('POST', '/reviews', ARN.reviewerJs, { ...decision, id: 'd2' }));
    const hospital = await call(request('POST', '/reviews', ARN.hospital, { ...decision, id: 'd3' }));
    const insurer = await call(request('POST', '/reviews', ARN.insurerZj, { ...decision, id: 'd4' }));
    const unknown = await call(request('POST', '/reviews', ARN.reviewerZj, { ...decision, id: 'd5', claimId: 'nope' }));

    // Assess
    expect([own.statusCode, otherRegion.statusCode, hospital.statusCode, insurer.statusCode, unknown.statusCode]).toEqual([
      202, 403, 403, 403, 403,
    ]);
    expect(deps.queue.sent.map((s) => s.queue)).toEqual(['claims']);
    expect(sentDocs()).toEqual([{ ...decision, id: svc(ARN.reviewerZj, 'd1'), at: expect.any(String) }]);
  });
});

describe('the server’s clock', () => {
  it('refuses a body that carries `at`, naming it, and changes nothing', async () => {
    const backdated = enrollment({ at: '2020-12-31T23:00:00+08:00' });

    const enroll = await call(request('POST', '/enrollments', member('m1'), backdated));
    const claim = await postClaim(ARN.hospital, { ...claimBody('c1'), at: '2021-03-01T09:00:00+08:00' });

    for (const r of [enroll, claim]) {
      expect(r.statusCode).toBe(400);
      expect(bodyOf(r).error.issues).toEqual([{ path: 'at', message: expect.stringContaining('the server’s clock') }]);
    }
    expectNoEffect();
  });

  it('stamps every submission with the receive time in Asia/Shanghai', async () => {
    now = Date.parse('2021-02-28T16:30:00Z'); // 00:30 on 1 March in Shanghai

    await call(request('POST', '/enrollments', member('m1'), enrollment()));

    expect(sentDocs()[0]!.at).toBe('2021-03-01T00:30:00.000+08:00');
    expect(receiveInstant(now)).toBe('2021-03-01T00:30:00.000+08:00');
  });

  it('refuses a service date after the receive date in Asia/Shanghai, and takes one on that date', async () => {
    now = Date.parse('2021-02-28T16:30:00Z'); // already 1 March in Shanghai, still 28 February in UTC

    const today = await postClaim(ARN.hospital, claimBody('c1', { serviceDate: '2021-03-01' }));
    const tomorrow = await postClaim(ARN.hospital, claimBody('c1', { id: 'c1b', serviceDate: '2021-03-02' }));

    expect(today.statusCode).toBe(202);
    expect(tomorrow.statusCode).toBe(400);
    expect(bodyOf(tomorrow).error.issues).toEqual([
      { path: 'serviceDate', message: 'must not be after the day the API received the claim (2021-03-01, Asia/Shanghai)' },
    ]);
    expect(deps.queue.sent).toHaveLength(1);
  });
});

describe('idempotency keys', () => {
  it('answers the same key with the same body as the first (202 while queued), sending it again stamped as first received', async () => {
    // Prepare
    const first = await postClaim();
    now += 60_000;

    // Act: the same body, a fresh voucher (volatile: not part of the fingerprint).
    const again = await postClaim();

    // Assess
    expect(again.statusCode).toBe(202);
    expect(bodyOf(again)).toEqual(bodyOf(first));
    expect(again.headers).toMatchObject({ location: '/events/c1', 'retry-after': '1' });
    expect(f.store.acceptRecords()).toHaveLength(1);
    expect(sentDocs().map((d) => d.at)).toEqual(['2021-03-01T10:00:00.000+08:00', '2021-03-01T10:00:00.000+08:00']);
  });

  it('answers 409 to the same key with another body, or another patient’s credential, and changes nothing', async () => {
    await postClaim();
    const record = f.store.acceptRecords();

    const otherBody = await postClaim(ARN.hospital, claimBody('c1', { visitType: 'outpatient' }));
    const otherCard = await postClaim(ARN.hospital, claimBody('c1'), 'm1');

    for (const r of [otherBody, otherCard]) {
      expect(r.statusCode).toBe(409);
      expect(bodyOf(r).error).toMatchObject({
        code: 'IDEMPOTENCY_CONFLICT',
        issues: [{ path: 'id', message: 'was used before with another body' }],
      });
    }
    expect(f.store.acceptRecords()).toEqual(record);
    expect(deps.queue.sent).toHaveLength(1);
  });

  it('answers the same key with the outcome once applied', async () => {
    await postClaim();
    const id = svc(ARN.hospital, 'c1');
    const result = await settle(f.store, { ...f.event('c1'), id } as never, { ...f.doc('c1'), id });

    const again = await postClaim();

    expect(again.statusCode).toBe(200);
    expect(bodyOf(again)).toEqual(result);
    expect(deps.queue.sent).toHaveLength(1);
  });

  it('keeps two callers’ equal keys apart, and a renewal-shaped key inside the caller’s space', async () => {
    const a = await call(request('POST', '/enrollments', member('m1'), enrollment({ id: 'renewal/huiqubao-2020/huiqubao-2021/m1' })));
    const b = await call(
      request(
        'POST',
        '/enrollments',
        member('m2'),
        enrollment({ id: 'renewal/huiqubao-2020/huiqubao-2021/m1', payerId: 'm2', insuredId: 'm2' }),
      ),
    );

    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    const ids = sentDocs().map((d) => String(d.id));
    expect(ids).toEqual([mbr('m1', 'renewal/huiqubao-2020/huiqubao-2021/m1'), mbr('m2', 'renewal/huiqubao-2020/huiqubao-2021/m1')]);
    for (const id of ids) expect(id).toMatch(/^mbr-[0-9a-f]{16}:renewal\//);
  });

  it('refuses a key longer than 100 characters, naming id', async () => {
    const response = await call(request('POST', '/enrollments', member('m1'), enrollment({ id: 'k'.repeat(101) })));

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.issues).toEqual([
      { path: 'id', message: 'must be at most 100 characters (the API scopes it to the caller)' },
    ]);
    expectNoEffect();
  });

  it('says on the route, with its reason code, that an event failed for good; the same key answers the same', async () => {
    await postClaim();
    await f.store.failAccepted(svc(ARN.hospital, 'c1'), { code: 'InvariantError', message: 'a sum past its ceiling' });
    const expected = { eventId: 'c1', status: 'failed', reasons: [{ code: 'InvariantError', message: 'a sum past its ceiling' }] };

    const read = await call(request('GET', '/events/c1', ARN.hospital));
    const again = await postClaim();

    expect([read.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(bodyOf(read)).toEqual(expected);
    expect(bodyOf(again)).toEqual(expected);
    expect(deps.queue.sent).toHaveLength(1);
  });
});

describe('credentials', () => {
  it('refuses a claim or a quote without the patient’s e-voucher: 401 naming the header', async () => {
    const claim = await call(request('POST', '/claims', ARN.hospital, claimBody('c1')));
    const quote = await call(request('POST', '/quotes', ARN.hospital, { ...claimBody('c1'), type: 'quote', id: 'q1' }));

    for (const r of [claim, quote]) {
      expect(r.statusCode).toBe(401);
      expect(r.headers?.['www-authenticate']).toBe('MedinsCredential');
      expect(bodyOf(r).error).toMatchObject({ code: 'CREDENTIAL_REQUIRED', issues: [{ path: 'headers.x-medins-credential' }] });
    }
    expectNoEffect();
  });

  it('refuses a body’s own cardHolderId, naming it', async () => {
    const response = await postClaim(ARN.hospital, { ...claimBody('c1'), cardHolderId: 'm2' });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.issues).toEqual([{ path: 'cardHolderId', message: expect.stringContaining('credential') }]);
    expectNoEffect();
  });

  it('refuses an expired voucher, one signed by another key, a face statement passed as a voucher, and garbage', async () => {
    const foreign = await generateCredentialKeys();
    const tokens = [
      await voucher('m2', now - 10 * 60_000),
      await signCredential(foreign, 'voucher', 'm2', now),
      await signCredential(keys, 'face', 'm2', now),
      'not.a.token',
    ];

    const responses = [];
    for (const token of tokens)
      responses.push(await call(request('POST', '/claims', ARN.hospital, claimBody('c1'), { headers: { [CREDENTIAL_HEADER]: token } })));

    expect(responses.map((r) => [r.statusCode, bodyOf(r).error.code])).toEqual(tokens.map(() => [401, 'CREDENTIAL_INVALID']));
    expect(bodyOf(responses[0]!).error.message).toBe('headers.x-medins-credential: has expired');
    expectNoEffect();
  });

  it('derives cardHolderId from the credential: someone else’s valid voucher is the engine’s CREDENTIAL_MISMATCH', async () => {
    // Act: the hospital bills m2 with m1's voucher (冒名就医).
    const response = await postClaim(ARN.hospital, claimBody('c1'), 'm1');
    const queued = sentDocs()[0]!;
    const { parseEvent } = await import('@medins/contract');
    const result = await settle(f.store, parseEvent(queued), queued);

    // Assess
    expect(response.statusCode).toBe(202);
    expect(queued.cardHolderId).toBe('m1');
    expect(result).toMatchObject({ status: 'rejected', reasons: [expect.objectContaining({ code: 'CREDENTIAL_MISMATCH' })] });
  });

  it('sets faceVerified on a viewer binding from the owner’s signed face verification; refuses a body’s own flag', async () => {
    const bind = {
      type: 'bindViewer',
      id: 'v1',
      ownerId: 'm1',
      memberId: 'm2',
      relationship: 'spouse',
      proof: { kind: 'idNumber', name: 'x', idNumber: '330802198001010011' },
    };
    const face = async (who: string, at = now) => ({ headers: { [FACE_HEADER]: await signCredential(keys, 'face', who, at) } });

    const verified = await call(request('POST', '/bindings', member('m1'), bind, await face('m1')));
    const none = await call(request('POST', '/bindings', member('m1'), { ...bind, id: 'v2' }));
    const stranger = await call(request('POST', '/bindings', member('m1'), { ...bind, id: 'v3' }, await face('m2')));
    const stale = await call(request('POST', '/bindings', member('m1'), { ...bind, id: 'v4' }, await face('m1', now - 6 * 60_000)));
    const flag = await call(request('POST', '/bindings', member('m1'), { ...bind, id: 'v5', faceVerified: true }));

    expect([verified.statusCode, none.statusCode, stranger.statusCode, stale.statusCode, flag.statusCode]).toEqual([
      202, 202, 401, 401, 400,
    ]);
    expect(sentDocs().map((d) => d.faceVerified)).toEqual([true, false]);
    expect(bodyOf(stranger).error.issues).toEqual([
      { path: 'headers.x-medins-face-verification', message: 'the face verification is not about the owner' },
    ]);
    expect(bodyOf(flag).error.issues).toEqual([{ path: 'faceVerified', message: expect.stringContaining('signed statement') }]);
  });
});

describe('quotes', () => {
  it('settles a quote on the current state at the server’s time and answers 200 at once, writing and enqueuing nothing', async () => {
    // Prepare: the quote of c1's visit (试算), received at NOW.
    const quote = { ...claimBody('c1'), type: 'quote', id: 'q1' };
    const id = svc(ARN.hospital, 'q1');
    const event = { ...f.event('c1'), type: 'quote', id, at: NOW };
    const expected = replay(f.scenario.world, [event as never]).results[0] as ClaimResult;

    // Act
    const response = await call(request('POST', '/quotes', ARN.hospital, quote, await withVoucher('m2')));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual(expected);
    expect(expected).toMatchObject({ type: 'quote', payments: { familyAccountFen: 600_000 } });
    // No state changes and nothing is queued; the answer is kept under the key (reads.test.ts reads it back).
    expect(deps.queue.sent).toEqual([]);
    expect(f.store.commits).toBe(0);
    expect(f.store.acceptRecords().map((r) => [r.eventId, r.status, r.result])).toEqual([[id, 'quoted', expected]]);
    expect(f.store.notifications()).toEqual([]);
  });

  it('answers a quote whose id was applied before with that first result (an id is answered once), not a 500', async () => {
    const id = svc(ARN.hospital, 'q1');
    const first = await settle(f.store, { ...f.event('c1'), type: 'quote', id } as never);

    const response = await call(
      request('POST', '/quotes', ARN.hospital, { ...claimBody('c1'), type: 'quote', id: 'q1' }, await withVoucher('m2')),
    );

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual(first);
  });
});

describe('invalid requests', () => {
  it('answers 400 naming the field of an invalid body', async () => {
    const { memberId: _m, ...noMember } = claimBody('c1');

    const response = await postClaim(ARN.hospital, noMember);

    expect(response.statusCode).toBe(400);
    const { error } = bodyOf(response);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain('memberId');
    expect(error.issues).toContainEqual(expect.objectContaining({ path: 'memberId' }));
    expectNoEffect();
  });

  it('answers 400 to a claim whose lines add up to more than 100 million yuan', async () => {
    const lines = [
      { code: 'A-1', category: 'A', amountFen: 6_000_000_000 },
      { code: 'A-2', category: 'A', amountFen: 4_000_000_001 },
    ];

    const response = await postClaim(ARN.hospital, claimBody('c1', { lines }));

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.issues).toEqual([
      { path: 'lines', message: 'the lines’ total must be at most 10000000000 fen (100 million yuan)'.replace('’', "'") },
    ]);
    expectNoEffect();
  });

  it('answers 400 to a body that is not JSON, or is empty', async () => {
    const notJson = await call(request('POST', '/claims', ARN.hospital, '{"type": "claim",'));
    const empty = await call(request('POST', '/claims', ARN.hospital));

    expect(notJson.statusCode).toBe(400);
    expect(bodyOf(notJson).error.message).toMatch(/not JSON/);
    expect(empty.statusCode).toBe(400);
    expectNoEffect();
  });

  it('answers 400 naming the type when an event is sent to another route', async () => {
    const response = await call(request('POST', '/bindings', member('m2'), claimBody('c1')));

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.issues).toEqual([{ path: 'type', message: 'must be one of bindFamily, unbindFamily, bindViewer' }]);
    expectNoEffect();
  });

  it('answers 413 to a body larger than the queue takes, before parsing it', async () => {
    const response = await call(request('POST', '/claims', ARN.hospital, 'x'.repeat(MAX_BODY_BYTES + 1)));

    expect(response.statusCode).toBe(413);
    expect(bodyOf(response).error.code).toBe('TOO_LARGE');
    expectNoEffect();
  });

  it('answers 404 to a route the API does not have', async () => {
    const responses = [
      await call(request('GET', '/claim', ARN.ops)),
      await call(request('POST', '/nowhere', ARN.ops, {})),
      await call(request('GET', '/events/', ARN.ops)),
    ];

    expect(responses.map((r) => [r.statusCode, bodyOf(r).error.code])).toEqual([
      [404, 'NO_ROUTE'],
      [404, 'NO_ROUTE'],
      [404, 'NO_ROUTE'],
    ]);
  });

  it('answers 400 naming the path parameter that is not an id', async () => {
    const badEncoding = await call(request('GET', '/events/%E0%A4%A', ARN.ops));
    const notAnId = await call(request('GET', '/members/a%7Cb/balances', ARN.ops));

    expect(badEncoding.statusCode).toBe(400);
    expect(bodyOf(badEncoding).error.issues).toEqual([{ path: 'eventId', message: 'is not a valid percent-encoded path segment' }]);
    expect(notAnId.statusCode).toBe(400);
    expect(bodyOf(notAnId).error.issues).toEqual([
      { path: 'memberId', message: 'must not contain spaces, control characters (C0, DEL, C1) or |' },
    ]);
  });
});

describe('who is calling', () => {
  it('answers 403 to an unknown caller or a request without one', async () => {
    const stranger = await postClaim(ARN.stranger);
    const anonymous = await call(request('GET', '/events/c1', null));

    expect(stranger.statusCode).toBe(403);
    expect(bodyOf(stranger).error).toEqual({ code: 'FORBIDDEN', message: 'the caller is not registered for this API' });
    expect(anonymous.statusCode).toBe(403);
    expectNoEffect();
  });

  it('looks a role session up as its role (any session name, aws-cn too); the session name never picks an identity', async () => {
    f.store.registerPrincipal('arn:aws-cn:iam::111122223333:role/hospital-cn', { role: 'provider', providerIds: ['H-QZ-3'] });
    const session = 'arn:aws:sts::111122223333:assumed-role/hospital-qz-3/whatever-1614564000';
    const cnSession = 'arn:aws-cn:sts::111122223333:assumed-role/hospital-cn/i-0abc';
    const squatter = 'arn:aws:sts::111122223333:assumed-role/some-role/hospital-qz-3';

    const responses = [await postClaim(session), await postClaim(cnSession, claimBody('c1', { id: 'c1-cn' })), await postClaim(squatter)];

    expect(responses.map((r) => r.statusCode)).toEqual([202, 202, 403]);
    expect(sentDocs()[0]!.id).toBe(svc(ARN.hospital, 'c1'));
  });

  it('keeps members to the member routes and service callers to theirs; a member is never a registered ARN', async () => {
    f.store.registerPrincipal('arn:aws:iam::111122223333:user/m1', { role: 'member', memberId: 'm1' });

    const iamOnMemberRoute = await call(request('POST', '/enrollments', ARN.ops, enrollment()));
    const memberOnServiceRoute = await call(request('GET', '/events/c1', member('m1')));
    const registeredMember = await call(request('GET', '/members/m1/balances', 'arn:aws:iam::111122223333:user/m1'));

    expect([iamOnMemberRoute.statusCode, memberOnServiceRoute.statusCode, registeredMember.statusCode]).toEqual([401, 403, 403]);
    expectNoEffect();
  });

  it('answers 403 to a role the action is not allowed to, before credentials', async () => {
    const responses = [
      await postClaim(ARN.otherHospital), // another provider's visit
      await postClaim(ARN.insurerZj), // insurers move no member's money
      await postClaim(ARN.ops), // nor does operations
      await call(request('POST', '/enrollments', member('m2'), enrollment())), // paid by someone else
      await call(request('POST', '/enrollments', member('m1'), enrollment({ insuredId: 'm2', relationship: 'spouse' }))), // a stranger, no consent
      await call(
        request('POST', '/bindings', member('m2'), {
          type: 'bindFamily',
          id: 'b',
          holderId: 'm1',
          memberId: 'm2',
          relationship: 'spouse',
          validFrom: '2021-03-02T00:00:00+08:00',
        }),
      ),
      await call(request('POST', '/claims', ARN.insurerZj, claimBody('c1'))), // no credential, still 403: the role comes first
    ];

    expect(responses.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect(bodyOf(responses[0]!).error.code).toBe('FORBIDDEN');
    expectNoEffect();
  });
});

describe('reads', () => {
  it('GET /events/{id}: the caller’s own key; a reader’s stored id in its scope; the same 404 for not-theirs as for missing', async () => {
    // Prepare: c1 applied as the hospital's.
    const id = svc(ARN.hospital, 'c1');
    const result = await settle(f.store, { ...f.event('c1'), id } as never, { ...f.doc('c1'), id });
    const missing = await call(request('GET', '/events/nope', ARN.ops));

    // Act
    const answers = {
      hospital: await call(request('GET', '/events/c1', ARN.hospital)),
      hospitalStored: await call(request('GET', `/events/${encodeURIComponent(id)}`, ARN.hospital)),
      otherHospital: await call(request('GET', '/events/c1', ARN.otherHospital)),
      otherHospitalStored: await call(request('GET', `/events/${encodeURIComponent(id)}`, ARN.otherHospital)),
      insurer: await call(request('GET', `/events/${encodeURIComponent(id)}`, ARN.insurerZj)),
      otherInsurer: await call(request('GET', `/events/${encodeURIComponent(id)}`, ARN.insurerJs)),
      ops: await call(request('GET', `/events/${encodeURIComponent(id)}`, ARN.ops)),
      patient: await call(request('GET', `/me/events/${encodeURIComponent(id)}`, member('m2'))),
      payer: await call(request('GET', `/me/events/${encodeURIComponent(id)}`, member('m1'))),
    };

    // Assess
    for (const key of ['hospital', 'hospitalStored', 'insurer', 'ops', 'patient'] as const) {
      expect(answers[key].statusCode, key).toBe(200);
      expect(bodyOf(answers[key]), key).toEqual(result);
    }
    for (const key of ['otherHospital', 'otherHospitalStored', 'otherInsurer', 'payer'] as const) {
      expect(answers[key].statusCode, key).toBe(404);
      expect(answers[key].body, key).toBe(missing.body);
    }
    expect(bodyOf(missing).error).toEqual({ code: 'NOT_FOUND', message: 'no event or member by that id for this caller' });
  });

  it('GET /claims/{id}/explanation and /me/claims/{id}/explanation: the 结算单 of a readable claim, its parts adding up to its total; the same 404 otherwise', async () => {
    // Prepare: c1 applied as the hospital's.
    const id = svc(ARN.hospital, 'c1');
    const result = (await settle(f.store, { ...f.event('c1'), id } as never, { ...f.doc('c1'), id })) as ClaimResult;
    const missing = await call(request('GET', '/events/nope', ARN.ops));

    // Act
    const hospital = await call(request('GET', '/claims/c1/explanation', ARN.hospital));
    const insurer = await call(request('GET', `/claims/${encodeURIComponent(id)}/explanation`, ARN.insurerZj));
    const otherInsurer = await call(request('GET', `/claims/${encodeURIComponent(id)}/explanation`, ARN.insurerJs));
    const unknown = await call(request('GET', '/claims/nope/explanation', ARN.ops));
    const patient = await call(request('GET', `/me/claims/${encodeURIComponent(id)}/explanation`, member('m2')));
    const otherMember = await call(request('GET', `/me/claims/${encodeURIComponent(id)}/explanation`, member('m1')));

    // Assess
    expect([hospital.statusCode, insurer.statusCode]).toEqual([200, 200]);
    const body = bodyOf(hospital) as { claimId: string; totalFen: number; parts: { fen: number; field: string }[]; text: string };
    expect(body.claimId).toBe(id);
    expect(body.totalFen).toBe(result.totalFen);
    expect(body.parts.reduce((sum, p) => sum + p.fen, 0)).toBe(result.totalFen);
    expect(body.parts.find((p) => p.field === 'basic.paidFen')?.fen).toBe(result.basic?.paidFen);
    expect(body.text).toMatch(/^结算单 Settlement statement — 就诊 claim /);
    expect(body.text).toContain('= 合计 total：');
    expect(bodyOf(insurer)).toEqual(bodyOf(hospital));
    expect(patient.statusCode).toBe(200);
    expect(bodyOf(patient).text).toBe(body.text);
    for (const r of [otherInsurer, unknown, otherMember]) {
      expect(r.statusCode).toBe(404);
      expect(r.body).toBe(missing.body);
    }
  });

  it('GET /events/{id}: 202 with Location and Retry-After while the caller’s event is queued', async () => {
    await call(request('POST', '/enrollments', member('m1'), enrollment()));

    const own = await call(request('GET', '/me/events/e1', member('m1')));
    const other = await call(request('GET', '/me/events/e1', member('m2')));

    expect(own.statusCode).toBe(202);
    expect(own.headers).toMatchObject({ location: '/me/events/e1', 'retry-after': '1' });
    expect(bodyOf(own)).toEqual({ eventId: 'e1', status: 'queued', outcome: '/me/events/e1' });
    expect(other.statusCode).toBe(404);
  });

  it('GET /events/{id}: an internal event only operations reads', async () => {
    await f.store.commit(
      {
        eventId: 'internal',
        type: 'renewalCampaign',
        result: { id: 'internal' } as never,
        eventDoc: undefined,
        changes: [],
        notifications: [],
      },
      {
        snapshot: { members: {}, states: {}, accumulators: {}, claims: {}, viewers: {}, visits: {}, held: {}, stays: {} },
        versions: {},
        prior: null,
        catalogVersion: 0,
      },
    );

    const ops = await call(request('GET', '/events/internal', ARN.ops));
    const insurer = await call(request('GET', '/events/internal', ARN.insurerZj));

    expect(ops.statusCode).toBe(200);
    expect(insurer.statusCode).toBe(404);
  });

  it('balances: a member’s own (/me/balances); an insurer’s region and operations by id; the same 404 otherwise', async () => {
    const own = await call(request('GET', '/me/balances', member('m1')));
    const noAccount = await call(request('GET', '/me/balances', member('m2')));
    const insurer = await call(request('GET', '/members/m1/balances', ARN.insurerZj));
    const otherInsurer = await call(request('GET', '/members/m1/balances', ARN.insurerJs));
    const provider = await call(request('GET', '/members/m1/balances', ARN.hospital));
    const ops = await call(request('GET', '/members/m1/balances', ARN.ops));
    const missing = await call(request('GET', '/members/nobody/balances', ARN.ops));

    expect(own.statusCode).toBe(200);
    expect(bodyOf(own)).toEqual({ memberId: 'm1', currentFen: 100_000, historicalFen: 500_000 });
    expect([insurer.statusCode, ops.statusCode]).toEqual([200, 200]);
    for (const r of [noAccount, otherInsurer, provider, missing]) {
      expect(r.statusCode).toBe(404);
      expect(r.body).toBe(missing.body);
    }
  });
});

describe('create', () => {
  it('answers 500 without details when the store fails', async () => {
    // Prepare: a store whose principal lookup fails (a DynamoDB outage).
    const failing = Object.assign(Object.create(f.store) as typeof f.store, {
      principal: () => Promise.reject(new Error('ProvisionedThroughputExceeded')),
    });
    const handler = create({ ...deps, store: failing });

    // Act
    const response = await handler(request('GET', '/members/m1/balances', ARN.ops));

    // Assess
    expect(response.statusCode).toBe(500);
    expect(bodyOf(response)).toEqual({ error: { code: 'INTERNAL', message: 'the request could not be completed; it changed nothing' } });
    expect(response.body).not.toContain('Provisioned');
  });

  it('serves a request end to end through the wrapped handler; without credential keys a claim is a 500, not accepted', async () => {
    const handler = create({ ...deps, clock: fixedClock() });

    const read = await handler(request('GET', '/members/m1/balances', ARN.ops));
    const claim = await handler(request('POST', '/claims', ARN.hospital, claimBody('c1'), await withVoucher('m2')));

    expect(read.statusCode).toBe(200);
    expect(claim.statusCode).toBe(500);
    expect(deps.queue.sent).toEqual([]);
  });
});
