/**
 * api/http.ts: the HTTP API — every route with API Gateway v2 events (IAM
 * authorizer). Submissions are validated, authorized and enqueued (202); a quote
 * is settled on the snapshot and answered at once (200), writing nothing; reads
 * return an applied event's outcome and a member's balances. A refused or invalid
 * request writes nothing and enqueues nothing.
 */
import { type ClaimResult, replay } from '@medins/engine';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { type ApiDeps, create, MAX_BODY_BYTES, route } from '../../src/api/http.ts';
import { principalDirectory } from '../../src/api/principals.ts';
import { type TestDeps, testDeps } from '../support/deps.ts';
import { exampleDoc, type Fixture, fixture, settle } from '../support/scenarios.ts';

const ARN = {
  ops: 'arn:aws:iam::111122223333:role/operations',
  insurerZj: 'arn:aws:iam::111122223333:role/insurer-zhejiang',
  insurerJs: 'arn:aws:iam::111122223333:role/insurer-jiangsu',
  hospital: 'arn:aws:iam::111122223333:role/hospital-qz-3',
  otherHospital: 'arn:aws:iam::111122223333:role/hospital-qz-1',
  patient: 'arn:aws:iam::111122223333:user/m2',
  payer: 'arn:aws:iam::111122223333:user/m1',
  stranger: 'arn:aws:iam::111122223333:user/nobody',
};

const PRINCIPALS = {
  [ARN.ops]: { role: 'operations' },
  [ARN.insurerZj]: { role: 'insurer', regions: ['330000'] },
  [ARN.insurerJs]: { role: 'insurer', regions: ['320000'] },
  [ARN.hospital]: { role: 'provider', providerIds: ['H-QZ-3'] },
  [ARN.otherHospital]: { role: 'provider', providerIds: ['H-QZ-1'] },
  [ARN.patient]: { role: 'member', memberId: 'm2' },
  [ARN.payer]: { role: 'member', memberId: 'm1' },
};

/** An API Gateway HTTP API (payload 2.0) request, signed by `caller`. */
function request(
  method: string,
  rawPath: string,
  caller: string | null,
  body?: unknown,
  options: { base64?: boolean } = {},
): APIGatewayProxyEventV2WithIAMAuthorizer {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
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
      ...(caller === null ? {} : { authorizer: { iam: { userArn: caller } as never } }),
    } as never,
    isBase64Encoded: options.base64 ?? false,
    ...(text === undefined ? {} : { body: options.base64 ? Buffer.from(text).toString('base64') : text }),
  };
}

const bodyOf = (response: APIGatewayProxyStructuredResultV2) => JSON.parse(response.body ?? 'null');

let f: Fixture;
let deps: TestDeps;
let api: ApiDeps;
const call = (event: APIGatewayProxyEventV2WithIAMAuthorizer) => route(event, api);

beforeEach(() => {
  f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'), { principals: PRINCIPALS });
  deps = testDeps(f.store);
  api = { store: f.store, queue: deps.queue, telemetry: deps.telemetry, principals: principalDirectory(f.store) };
});

/** Nothing written, nothing enqueued. */
function expectNoEffect() {
  expect(deps.queue.sent).toEqual([]);
  expect(f.store.commits).toBe(0);
}

const enrollment = (overrides: Record<string, unknown> = {}) => ({
  type: 'enroll',
  id: 'e1',
  at: '2020-12-01T10:00:00+08:00',
  productId: 'huiqubao-2021',
  payerId: 'm1',
  insuredId: 'm1',
  relationship: 'self',
  payment: 'personalAccount',
  ...overrides,
});

describe('submissions', () => {
  it('accepts a claim from its provider: 202, the outcome’s address, the event on the claims queue', async () => {
    const response = await call(request('POST', '/claims', ARN.hospital, f.doc('c1')));

    expect(response.statusCode).toBe(202);
    expect(response.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    expect(bodyOf(response)).toEqual({ eventId: 'c1', status: 'accepted', outcome: '/events/c1' });
    expect(deps.queue.sent).toEqual([{ queue: 'claims', body: JSON.stringify(f.doc('c1')) }]);
    expect(f.store.commits).toBe(0);
  });

  it('accepts a claim from an insurer of the patient’s province, and a base64 body', async () => {
    const response = await call(request('POST', '/claims', ARN.insurerZj, f.doc('c1'), { base64: true }));

    expect(response.statusCode).toBe(202);
    expect(deps.queue.sent).toHaveLength(1);
  });

  it('percent-encodes the outcome address of an id with URL characters', async () => {
    const response = await call(request('POST', '/claims', ARN.ops, { ...f.doc('c1'), id: 'c/1?x' }));

    expect(bodyOf(response).outcome).toBe('/events/c%2F1%3Fx');
  });

  it('puts enrollments and bindings on the enrollments queue when the member acts for themself', async () => {
    const bind = {
      type: 'bindFamily',
      id: 'b1',
      at: '2021-01-01T10:00:00+08:00',
      holderId: 'm1',
      memberId: 'm2',
      relationship: 'spouse',
      validFrom: '2021-01-01T00:00:00+08:00',
    };
    const unbind = { type: 'unbindFamily', id: 'u1', at: '2021-06-01T10:00:00+08:00', holderId: 'm1', memberId: 'm2' };

    const responses = [
      await call(request('POST', '/enrollments', ARN.payer, enrollment())),
      await call(request('POST', '/bindings', ARN.payer, bind)),
      await call(request('POST', '/bindings', ARN.payer, unbind)),
    ];

    expect(responses.map((r) => r.statusCode)).toEqual([202, 202, 202]);
    expect(deps.queue.sent.map((s) => [s.queue, JSON.parse(s.body).id])).toEqual([
      ['enrollments', 'e1'],
      ['enrollments', 'b1'],
      ['enrollments', 'u1'],
    ]);
  });

  it('authorizes a reversal by the claim it reverses: its provider may, another may not', async () => {
    await settle(f.store, f.event('c1'), f.doc('c1'));
    const reversal = { type: 'reverseClaim', id: 'x1', at: '2021-12-01T10:00:00+08:00', claimId: 'c1' };

    const other = await call(request('POST', '/reversals', ARN.otherHospital, reversal));
    const own = await call(request('POST', '/reversals', ARN.hospital, reversal));

    expect(other.statusCode).toBe(403);
    expect(own.statusCode).toBe(202);
    expect(deps.queue.sent).toEqual([{ queue: 'claims', body: JSON.stringify(reversal) }]);
  });

  it('refuses a reversal of an unknown claim to an insurer (no member, no region)', async () => {
    const response = await call(
      request('POST', '/reversals', ARN.insurerZj, { type: 'reverseClaim', id: 'x1', at: '2021-12-01T10:00:00+08:00', claimId: 'nope' }),
    );

    expect(response.statusCode).toBe(403);
    expectNoEffect();
  });
});

describe('quotes', () => {
  it('settles a quote on the current state and answers 200 at once, writing and enqueuing nothing', async () => {
    // Prepare: the quote of c1's visit (试算).
    const quote = { ...f.doc('c1'), type: 'quote', id: 'q1' };
    const expected = replay(f.scenario.world, [{ ...f.event('c1'), type: 'quote', id: 'q1' } as never]).results[0] as ClaimResult;

    // Act
    const response = await call(request('POST', '/quotes', ARN.hospital, quote));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual(expected);
    expect(expected).toMatchObject({ type: 'quote', payments: { familyAccountFen: 600_000 } });
    expectNoEffect();
    expect(f.store.outbox()).toEqual([]);
  });

  it('answers a quote whose id was applied before with that first result (an id is answered once), not a 500', async () => {
    // Prepare: q1 went through the claim workflow once (the workflow accepts quotes).
    const quote = { ...f.doc('c1'), type: 'quote', id: 'q1' };
    const first = await settle(f.store, { ...f.event('c1'), type: 'quote', id: 'q1' } as never);

    // Act
    const response = await call(request('POST', '/quotes', ARN.hospital, quote));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual(first);
  });
});

describe('invalid requests', () => {
  it('answers 400 naming the field of an invalid body', async () => {
    const { memberId: _m, ...noMember } = f.doc('c1') as unknown as Record<string, unknown>;

    const response = await call(request('POST', '/claims', ARN.hospital, noMember));

    expect(response.statusCode).toBe(400);
    const { error } = bodyOf(response);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain('memberId');
    expect(error.issues).toContainEqual(expect.objectContaining({ path: 'memberId' }));
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
    const response = await call(request('POST', '/bindings', ARN.ops, f.doc('c1')));

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
      await call(request('GET', '/claims', ARN.ops)),
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

describe('authorization', () => {
  it('answers 403 to an unknown caller or a request without one, before matching the route', async () => {
    const stranger = await call(request('POST', '/claims', ARN.stranger, f.doc('c1')));
    const anonymous = await call(request('GET', '/nowhere', null));

    expect(stranger.statusCode).toBe(403);
    expect(bodyOf(stranger).error).toEqual({ code: 'FORBIDDEN', message: 'the caller is not registered for this API' });
    expect(anonymous.statusCode).toBe(403);
    expectNoEffect();
  });

  it('answers 403 to a role the action is not allowed to', async () => {
    const responses = [
      await call(request('POST', '/claims', ARN.patient, f.doc('c1'))), // a member does not submit claims
      await call(request('POST', '/claims', ARN.otherHospital, f.doc('c1'))), // another provider's claim
      await call(request('POST', '/claims', ARN.insurerJs, f.doc('c1'))), // a member of another province
      await call(request('POST', '/enrollments', ARN.patient, enrollment())), // paid by someone else
      await call(request('POST', '/enrollments', ARN.hospital, enrollment())),
    ];

    expect(responses.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403]);
    expect(bodyOf(responses[0]!).error.code).toBe('FORBIDDEN');
    expectNoEffect();
  });
});

describe('reads', () => {
  it('GET /events/{id}: the outcome of an applied event, to whom it concerns', async () => {
    const result = await settle(f.store, f.event('c1'), f.doc('c1'));

    const ops = await call(request('GET', '/events/c1', ARN.ops));
    const patient = await call(request('GET', '/events/c1', ARN.patient));
    const hospital = await call(request('GET', '/events/c1', ARN.hospital));
    const payer = await call(request('GET', '/events/c1', ARN.payer));

    expect(ops.statusCode).toBe(200);
    expect(bodyOf(ops)).toEqual(result);
    expect(patient.statusCode).toBe(200);
    expect(hospital.statusCode).toBe(200);
    expect(payer.statusCode).toBe(403);
  });

  it('GET /events/{id}: 404 for an event not applied (yet); an internal event only operations reads', async () => {
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
        snapshot: { members: {}, states: {}, accumulators: {}, claims: {}, viewers: {} },
        versions: {},
        prior: null,
        catalogVersion: 0,
      },
    );

    const missing = await call(request('GET', '/events/c9', ARN.ops));
    const internalOps = await call(request('GET', '/events/internal', ARN.ops));
    const internalMember = await call(request('GET', '/events/internal', ARN.payer));

    expect(missing.statusCode).toBe(404);
    expect(bodyOf(missing).error.code).toBe('NOT_FOUND');
    expect(internalOps.statusCode).toBe(200);
    expect(internalMember.statusCode).toBe(403);
  });

  it('GET /members/{id}/balances: the member’s own balances; 403 to another member; 404 without an account', async () => {
    const own = await call(request('GET', '/members/m1/balances', ARN.payer));
    const other = await call(request('GET', '/members/m1/balances', ARN.patient));
    const noAccount = await call(request('GET', '/members/m2/balances', ARN.patient));
    const insurer = await call(request('GET', '/members/m1/balances', ARN.insurerZj));

    expect(own.statusCode).toBe(200);
    expect(bodyOf(own)).toEqual({ memberId: 'm1', currentFen: 100_000, historicalFen: 500_000 });
    expect(other.statusCode).toBe(403);
    expect(noAccount.statusCode).toBe(404);
    expect(insurer.statusCode).toBe(200);
  });
});

describe('create', () => {
  it('answers 500 without details when the store fails, having changed nothing', async () => {
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

  it('serves a request end to end through the wrapped handler', async () => {
    const handler = create(deps);

    const response = await handler(request('GET', '/members/m1/balances', ARN.ops));

    expect(response.statusCode).toBe(200);
  });
});
