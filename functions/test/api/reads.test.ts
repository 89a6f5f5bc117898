/**
 * api/reads.ts and the API's answers as docs/openapi.json describes them: a member's
 * accumulators of a year and policies, a settled claim's EOB (JSON and FHIR R4),
 * each within the caller's scope and the same 404 otherwise; a quote kept under
 * its key, so `GET /events/{id}` reads back what it answered; 405 with `Allow` for
 * a served path with another method. Every answer parses with its schema in
 * answers.ts (the OpenAPI document's source).
 */
import type { ClaimResult } from '@medins/engine';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AccumulatorsSchema,
  ExplanationSchema,
  FhirExplanationOfBenefitSchema,
  OutcomeSchema,
  PoliciesSchema,
  ProblemSchema,
  QueuedSchema,
} from '../../src/api/answers.ts';
import { type CredentialSigningKeys, generateCredentialKeys, signCredential } from '../../src/api/credentials.ts';
import { type ApiDeps, type ApiEvent, CREDENTIAL_HEADER, route } from '../../src/api/http.ts';
import { scopedId, scopeOf } from '../../src/api/idempotency.ts';
import { FHIR_JSON } from '../../src/api/reads.ts';
import { apiDepsOf } from '../support/api.ts';
import { NOW, type TestDeps, testDeps } from '../support/deps.ts';
import { fhirErrors } from '../support/fhir-schema.ts';
import { ARN, PRINCIPALS } from '../support/principals.ts';
import { exampleDoc, type Fixture, fixture, settle } from '../support/scenarios.ts';

type Caller = string | { member: string };

/** An API Gateway HTTP API (payload 2.0) request from `caller`, as its authorizer verified it. */
function request(method: string, rawPath: string, caller: Caller, body?: unknown, headers: Record<string, string> = {}): ApiEvent {
  const authorizer =
    typeof caller === 'string'
      ? { iam: { userArn: caller } }
      : { jwt: { claims: { sub: caller.member, iss: 'https://login.medins.example', aud: 'medins-api' }, scopes: null } };
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    requestContext: { http: { method, path: rawPath }, requestId: 'req', authorizer } as never,
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

const bodyOf = (r: APIGatewayProxyStructuredResultV2) => JSON.parse(r.body ?? 'null');
const svc = (arn: string, key: string) => scopedId(scopeOf({ id: arn, role: 'operations' }), key);

let keys: CredentialSigningKeys;
let f: Fixture;
let deps: TestDeps;
let api: ApiDeps;
const call = (event: ApiEvent) => route(event, api);

beforeAll(async () => {
  keys = await generateCredentialKeys();
});

beforeEach(() => {
  f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'), { principals: PRINCIPALS });
  deps = testDeps(f.store, { clock: { now: () => NOW } });
  api = apiDepsOf(deps, keys);
});

/** c1 (m2 at H-QZ-3) settled as the hospital's claim, its event stored as the API queued it. */
async function settleC1() {
  const id = svc(ARN.hospital, 'c1');
  const doc = { ...f.doc('c1'), id };
  return { id, result: (await settle(f.store, { ...f.event('c1'), id } as never, doc)) as ClaimResult };
}

function quoteBody(overrides: Record<string, unknown> = {}) {
  const { at: _at, cardHolderId: _card, ...body } = f.doc('c1') as unknown as Record<string, unknown>;
  return { ...body, type: 'quote', id: 'q1', ...overrides };
}
const withVoucher = async (memberId: string) => ({ [CREDENTIAL_HEADER]: await signCredential(keys, 'voucher', memberId, NOW) });

describe('quotes are kept under their key', () => {
  it('answers 200, and GET /events/{id} reads the same answer back; no state changes, nothing queued', async () => {
    const posted = await call(request('POST', '/quotes', ARN.hospital, quoteBody(), await withVoucher('m2')));

    const read = await call(request('GET', '/events/q1', ARN.hospital));
    const again = await call(request('POST', '/quotes', ARN.hospital, quoteBody(), await withVoucher('m2')));
    const other = await call(request('GET', '/events/q1', ARN.otherHospital));

    expect(posted.statusCode).toBe(200);
    expect(OutcomeSchema.parse(bodyOf(posted))).toMatchObject({ type: 'quote', status: 'quoted' });
    expect([read.statusCode, read.body]).toEqual([200, posted.body]);
    expect([again.statusCode, again.body]).toEqual([200, posted.body]);
    expect(other.statusCode).toBe(404);
    expect(deps.queue.sent).toEqual([]);
    expect(f.store.commits).toBe(0);
    expect(f.store.acceptRecords().map((r) => [r.eventId, r.status])).toEqual([[svc(ARN.hospital, 'q1'), 'quoted']]);
  });

  it('answers 409 to the same key with another body, and keeps the first answer', async () => {
    const first = await call(request('POST', '/quotes', ARN.hospital, quoteBody(), await withVoucher('m2')));

    const conflict = await call(request('POST', '/quotes', ARN.hospital, quoteBody({ useAccount: false }), await withVoucher('m2')));

    expect(conflict.statusCode).toBe(409);
    expect(ProblemSchema.parse(bodyOf(conflict)).error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await call(request('GET', '/events/q1', ARN.hospital))).body).toBe(first.body);
  });
});

describe('405', () => {
  it('answers 405 with Allow for a served path with another method, 404 for a path not served', async () => {
    const wrong = await call(request('GET', '/claims', ARN.ops));
    const put = await call(request('PUT', '/me/balances', { member: 'm1' }));
    const none = await call(request('GET', '/nowhere', ARN.ops));

    expect([wrong.statusCode, wrong.headers?.allow, bodyOf(wrong).error.code]).toEqual([405, 'POST', 'METHOD_NOT_ALLOWED']);
    expect([put.statusCode, put.headers?.allow]).toEqual([405, 'GET']);
    expect([none.statusCode, bodyOf(none).error.code]).toEqual([404, 'NO_ROUTE']);
  });
});

describe('accumulators', () => {
  it('a member’s own, an insurer’s region and operations by id; zero counters in a year without claims; the same 404 otherwise', async () => {
    const { result } = await settleC1();
    expect(result.status).toBe('settled');

    const own = await call(request('GET', '/me/accumulators/2021', { member: 'm2' }));
    const insurer = await call(request('GET', '/members/m2/accumulators/2021', ARN.insurerZj));
    const ops = await call(request('GET', '/members/m2/accumulators/2021', ARN.ops));
    const empty = await call(request('GET', '/members/m2/accumulators/2020', ARN.ops));
    const missing = await call(request('GET', '/members/nobody/accumulators/2021', ARN.ops));
    const refused = [
      await call(request('GET', '/members/m2/accumulators/2021', ARN.insurerJs)),
      await call(request('GET', '/members/m2/accumulators/2021', ARN.hospital)),
    ];

    const body = AccumulatorsSchema.parse(bodyOf(own));
    expect(body.memberId).toBe('m2');
    expect(body.year).toBe(2021);
    expect(Object.keys(body.counters).length).toBeGreaterThan(0);
    expect(Object.values(body.counters).every((v) => Number.isInteger(v) && v > 0)).toBe(true);
    expect(insurer.body).toBe(own.body);
    expect(ops.body).toBe(own.body);
    expect(bodyOf(empty)).toEqual({ memberId: 'm2', year: 2020, counters: {} });
    for (const r of refused) expect([r.statusCode, r.body]).toEqual([404, missing.body]);
  });

  it('answers 400 naming year when it is not a year', async () => {
    for (const year of ['21', '20x1', '1800', '%32%30%32%31']) {
      const r = await call(request('GET', `/me/accumulators/${year}`, { member: 'm2' }));
      expect(r.statusCode, year).toBe(400);
      expect(bodyOf(r).error.issues[0].path).toBe('year');
    }
  });
});

describe('policies', () => {
  it('the policies a member is insured by; an empty list for none; the same 404 outside the caller’s scope', async () => {
    const own = await call(request('GET', '/me/policies', { member: 'm2' }));
    const none = await call(request('GET', '/me/policies', { member: 'm1' }));
    const insurer = await call(request('GET', '/members/m2/policies', ARN.insurerZj));
    const otherInsurer = await call(request('GET', '/members/m2/policies', ARN.insurerJs));
    const missing = await call(request('GET', '/members/nobody/policies', ARN.ops));

    expect(PoliciesSchema.parse(bodyOf(own))).toEqual({
      memberId: 'm2',
      policies: [
        { id: 'pol-m2', productId: 'huiqubao-2021', insuredId: 'm2', payerId: 'm1', relationship: 'spouse', payment: 'personalAccount' },
      ],
    });
    expect(bodyOf(none)).toEqual({ memberId: 'm1', policies: [] });
    expect(insurer.body).toBe(own.body);
    expect([otherInsurer.statusCode, otherInsurer.body]).toEqual([404, missing.body]);
  });
});

describe('a claim’s explanation of benefits', () => {
  it('GET /claims/{id}/eob: the visit, each line’s in-scope part, the tiers and payments; for its provider, insurer and operations', async () => {
    const { id, result } = await settleC1();

    const own = await call(request('GET', '/claims/c1/eob', ARN.hospital));
    const insurer = await call(request('GET', `/claims/${encodeURIComponent(id)}/eob`, ARN.insurerZj));
    const otherHospital = await call(request('GET', `/claims/${encodeURIComponent(id)}/eob`, ARN.otherHospital));
    const otherInsurer = await call(request('GET', `/claims/${encodeURIComponent(id)}/eob`, ARN.insurerJs));
    const missing = await call(request('GET', '/claims/nope/eob', ARN.ops));

    const eob = ExplanationSchema.parse(bodyOf(own));
    expect(eob).toMatchObject({ claimId: id, status: 'settled', reversedBy: null, memberId: 'm2', providerId: 'H-QZ-3' });
    expect(eob.payments).toEqual(result.payments);
    expect(eob.basic).toEqual(result.basic);
    expect(eob.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(result.totalFen);
    expect(eob.lines.reduce((s, l) => s + l.eligibleFen, 0)).toBe(result.basic?.scopeFen);
    expect(insurer.body).toBe(own.body);
    for (const r of [otherHospital, otherInsurer]) expect([r.statusCode, r.body]).toEqual([404, missing.body]);
  });

  it('GET /claims/{id}/fhir: a FHIR R4 ExplanationOfBenefit valid against HL7’s schema, patient masked', async () => {
    await settleC1();

    const r = await call(request('GET', '/claims/c1/fhir', ARN.hospital));

    expect(r.statusCode).toBe(200);
    expect(r.headers?.['content-type']).toBe(FHIR_JSON);
    const eob = FhirExplanationOfBenefitSchema.parse(bodyOf(r));
    expect(fhirErrors('ExplanationOfBenefit', eob)).toEqual([]);
    const clear = f.scenario.world.members.find((m) => m.id === 'm2')!.name;
    expect(r.body).not.toContain(clear);
  });

  it('says a reversed claim is reversed (cancelled in FHIR)', async () => {
    const { id } = await settleC1();
    await settle(f.store, { type: 'reverseClaim', id: svc(ARN.hospital, 'x1'), at: NOW, claimId: id } as never);

    const eob = bodyOf(await call(request('GET', '/claims/c1/eob', ARN.hospital)));
    const fhir = bodyOf(await call(request('GET', '/claims/c1/fhir', ARN.hospital)));

    expect([eob.status, eob.reversedBy]).toEqual(['reversed', svc(ARN.hospital, 'x1')]);
    expect(fhir.status).toBe('cancelled');
  });

  it('answers 202 with Location while the claim is queued, 404 NOT_SETTLED for a rejected claim, and 404 for a quote', async () => {
    const { at: _at, cardHolderId: _card, ...claim } = f.doc('c1') as unknown as Record<string, unknown>;
    await call(request('POST', '/claims', ARN.hospital, claim, await withVoucher('m2')));
    await call(request('POST', '/quotes', ARN.hospital, quoteBody(), await withVoucher('m2')));
    const rejectedId = svc(ARN.hospital, 'c9');
    const rejected = await settle(f.store, { ...f.event('c1'), id: rejectedId, memberId: 'nobody' } as never, {
      ...f.doc('c1'),
      id: rejectedId,
    });
    expect(rejected.status).toBe('rejected');

    const queued = await call(request('GET', '/claims/c1/eob', ARN.hospital));
    const notSettled = await call(request('GET', '/claims/c9/fhir', ARN.hospital));
    const quote = await call(request('GET', '/claims/q1/eob', ARN.hospital));

    expect(queued.statusCode).toBe(202);
    expect(queued.headers).toMatchObject({ location: '/claims/c1/eob', 'retry-after': '1' });
    expect(QueuedSchema.parse(bodyOf(queued)).outcome).toBe('/claims/c1/eob');
    expect([notSettled.statusCode, bodyOf(notSettled).error.code]).toEqual([404, 'NOT_SETTLED']);
    expect([quote.statusCode, bodyOf(quote).error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
