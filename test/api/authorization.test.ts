/**
 * The HTTP API on the embedded stack (the real `api/http` function, the real
 * queues, workflows and tables), in a two-city world (衢州 in 浙江, 上饶 in 江西),
 * with the server's clock at 1 April of the world's year:
 * - each role does only its job: a provider submits, quotes and reverses its own
 *   visits with the patient's e-voucher and reads their outcomes; a member enrolls
 *   and binds as themself and reads their own; an insurer reads its region and
 *   moves no money; an unknown, missing or session-named principal does nothing;
 * - every attack of issue 13 is refused with a clear status and message (400
 *   naming the field, 401 naming the credential, 403, 404 as for a missing id,
 *   409 for a reused key), and every refused request leaves no trace: every table
 *   of the template scanned in full before and after is identical, nothing was
 *   handed to the queue sender, and with the workers stopped the queues stay
 *   empty — while one allowed submission, sent the same way, does show up;
 * - the local server over real HTTP: a claim submitted with fetch is settled by
 *   the workflow, its outcome polled from GET /events/{id} (202 while queued), the
 *   balances read back with a member token; API Gateway's own answers (no route,
 *   no identity, no member token, too large) and the function's problems name the
 *   field, never a stack trace.
 */
import { scopedId, scopeOf } from '@medins/functions/api/idempotency';
import { API_ROUTES } from '@medins/functions/api/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFromScenarioText, registerPrincipals } from '../../packages/cli/src/api/demo.ts';
import { PRINCIPAL_HEADER } from '../../packages/cli/src/api/gateway.ts';
import { type LocalApi, startLocalApi } from '../../packages/cli/src/api/local-api.ts';
import {
  type Answer,
  API_NOW,
  answerOf,
  type Call,
  claim,
  enrollment,
  eventFor,
  looksLikeStackTrace,
  outcome,
  PEOPLE,
  queueDepths,
  snapshotTables,
  TWO_CITIES,
  YEAR,
} from './support/state.ts';

const arn = (name: string) => `arn:aws:iam::000000000000:role/${name}`;
const P = {
  ops: arn('test-operations'),
  insurerQz: arn('test-insurer-quzhou'),
  insurerSr: arn('test-insurer-shangrao'),
  insurerZj: arn('test-insurer-zhejiang'),
  providerQz: arn('test-hospital-quzhou'),
  providerSr: arn('test-hospital-shangrao'),
  unknown: arn('test-nobody'),
};
/** The stored id of a service caller's key (what an insurer or operations reads). */
const stored = (principal: string, key: string) => scopedId(scopeOf({ id: principal, role: 'operations' }), key);

let api: LocalApi;
const sent: string[] = [];

const call = async (c: Call): Promise<Answer> => {
  const a = answerOf((await api.invoke(eventFor(c))) as never);
  expect(looksLikeStackTrace(a.text), a.text).toBe(false);
  return a;
};
const voucher = async (memberId: string) => ({ 'x-medins-credential': await api.credential('voucher', memberId) });
/** A provider's claim or quote with the patient's e-voucher. */
const submitVisit = async (path: '/claims' | '/quotes', principal: string, body: Record<string, unknown>) =>
  call({ method: 'POST', path, principal, body: JSON.stringify(body), headers: await voucher(String(body.memberId)) });
const post = (path: string, principal: string, body: unknown) => call({ method: 'POST', path, principal, body: JSON.stringify(body) });
const asMember = (path: string, memberId: string, body: unknown) =>
  call({ method: 'POST', path, member: memberId, body: JSON.stringify(body) });
const get = (path: string, principal: string) => call({ method: 'GET', path, principal });
const getAsMember = (path: string, memberId: string) => call({ method: 'GET', path, member: memberId });

beforeAll(async () => {
  // Count what the function hands the queues (the real sender underneath).
  api = await startLocalApi({
    world: demoFromScenarioText(JSON.stringify(TWO_CITIES), 'two cities'),
    port: 0,
    startAt: API_NOW,
    onQueued: (_q, body) => void sent.push(body),
  });
  await registerPrincipals(api.embedded.store, [
    { id: P.ops, role: 'operations' },
    { id: P.insurerQz, role: 'insurer', regions: ['330800'] },
    { id: P.insurerSr, role: 'insurer', regions: ['361100'] },
    { id: P.insurerZj, role: 'insurer', regions: ['330000'] },
    { id: P.providerQz, role: 'provider', providerIds: ['H-QZ-3'] },
    { id: P.providerSr, role: 'provider', providerIds: ['H-SR-3'] },
  ]);
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

const bindFamily = (id: string, holderId: string, memberId: string) => ({
  type: 'bindFamily',
  id,
  holderId,
  memberId,
  relationship: 'spouse',
  validFrom: `${YEAR}-04-02T00:00:00+08:00`,
});

describe('what each role may do', () => {
  it('lets each caller do its job within its scope (through the queue and the workflow)', async () => {
    const accepted = [
      await submitVisit('/claims', P.providerQz, claim('c-qz-1', 'qz-1', 'H-QZ-3')),
      await submitVisit('/claims', P.providerQz, claim('c-qz-2', 'qz-2', 'H-QZ-3')),
      await submitVisit('/claims', P.providerSr, claim('c-sr-1', 'sr-1', 'H-SR-3')),
      await asMember('/enrollments', 'qz-1', enrollment('e-qz-1', 'huiqubao-2024', PEOPLE.qz1, 'qz-1')),
    ];
    expect(accepted.map((a) => a.status)).toEqual([202, 202, 202, 202]);
    expect(accepted[0]!.json).toEqual({ eventId: 'c-qz-1', status: 'queued', outcome: '/events/c-qz-1' });
    for (const [id, who] of [
      ['c-qz-1', P.providerQz],
      ['c-qz-2', P.providerQz],
      ['c-sr-1', P.providerSr],
    ] as const)
      expect((await outcome(() => get(`/events/${id}`, who))).status).toBe('settled');
    expect((await outcome(() => getAsMember('/me/events/e-qz-1', 'qz-1'))).status).toBe('enrolled');

    // Reads within scope: an insurer and operations by the stored id, the patient too.
    const c1 = encodeURIComponent(stored(P.providerQz, 'c-qz-1'));
    expect((await get(`/events/${c1}`, P.insurerQz)).status).toBe(200);
    expect((await get(`/events/${c1}`, P.insurerZj)).status).toBe(200); // a province covers its cities
    expect((await get(`/events/${encodeURIComponent(stored(P.providerSr, 'c-sr-1'))}`, P.insurerSr)).status).toBe(200);
    expect((await get(`/events/${c1}`, P.ops)).status).toBe(200);
    expect((await getAsMember(`/me/events/${c1}`, 'qz-1')).status).toBe(200);
    expect((await get('/members/qz-1/balances', P.insurerQz)).status).toBe(200);
    const own = await getAsMember('/me/balances', 'qz-1');
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ memberId: 'qz-1' });
    // A quote is answered at once and changes nothing.
    const quote = await submitVisit('/quotes', P.providerQz, claim('q-qz-1', 'qz-1', 'H-QZ-3', 'quote'));
    expect(quote.status).toBe(200);
    expect(quote.json).toMatchObject({ type: 'quote', status: 'quoted' });

    // The same key and body answers the outcome; nothing is applied twice.
    const again = await submitVisit('/claims', P.providerQz, claim('c-qz-1', 'qz-1', 'H-QZ-3'));
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: 'settled' });

    // A provider that names another's claim (even by its stored id) reverses nothing of it: the id is in its own space.
    const forged = await post('/reversals', P.providerSr, { type: 'reverseClaim', id: 'r-sr-1', claimId: stored(P.providerQz, 'c-qz-1') });
    expect(forged.status).toBe(202);
    expect(await outcome(() => get('/events/r-sr-1', P.providerSr))).toMatchObject({ status: 'rejected' });
    expect((await get('/events/c-qz-1', P.providerQz)).json).toMatchObject({ status: 'settled' });

    // A member ends their own binding as the bound member.
    expect((await asMember('/bindings', 'qz-1', bindFamily('b-qz-1', 'qz-1', 'qz-2'))).status).toBe(202);
    await outcome(() => getAsMember('/me/events/b-qz-1', 'qz-1'));
    expect((await asMember('/bindings', 'qz-2', { type: 'unbindFamily', id: 'u-qz-2', holderId: 'qz-1', memberId: 'qz-2' })).status).toBe(
      202,
    );
    await outcome(() => getAsMember('/me/events/u-qz-2', 'qz-2'));
  });

  /** Every request here must be refused and change nothing: [what, the call, status, error code]. */
  const refusals = async (): Promise<[string, Call, number, string][]> => {
    const c1Stored = encodeURIComponent(stored(P.providerQz, 'c-qz-1'));
    const c2Stored = encodeURIComponent(stored(P.providerQz, 'c-qz-2'));
    const qz1Voucher = await voucher('qz-1');
    const withVoucher = (principal: string, path: string, body: unknown, headers = qz1Voucher): Call => ({
      method: 'POST',
      path,
      principal,
      body: JSON.stringify(body),
      headers,
    });
    const member = (memberId: string, path: string, body: unknown): Call => ({
      method: 'POST',
      path,
      member: memberId,
      body: JSON.stringify(body),
    });
    return [
      // Time is the server's.
      [
        'a member backdates an enrollment',
        member('qz-2', '/enrollments', {
          ...enrollment('x-1', 'huiqubao-2024', PEOPLE.qz2, 'qz-2'),
          at: `${YEAR - 1}-12-31T23:00:00+08:00`,
        }),
        400,
        'INVALID_REQUEST',
      ],
      [
        'a claim carries its own at',
        withVoucher(P.providerQz, '/claims', { ...claim('x-2', 'qz-1', 'H-QZ-3'), at: `${YEAR}-03-02T10:00:00+08:00` }),
        400,
        'INVALID_REQUEST',
      ],
      [
        'a claim for a visit tomorrow',
        withVoucher(P.providerQz, '/claims', { ...claim('x-3', 'qz-1', 'H-QZ-3'), serviceDate: `${YEAR}-04-02` }),
        400,
        'INVALID_REQUEST',
      ],
      [
        'a claim past 100 million yuan',
        withVoucher(P.providerQz, '/claims', {
          ...claim('x-4', 'qz-1', 'H-QZ-3'),
          lines: [
            { code: 'A', category: 'A', amountFen: 6e9 },
            { code: 'B', category: 'A', amountFen: 5e9 },
          ],
        }),
        400,
        'INVALID_REQUEST',
      ],
      // Facts are verified, not asserted.
      [
        'a claim without the patient’s credential',
        { method: 'POST', path: '/claims', principal: P.providerQz, body: JSON.stringify(claim('x-5', 'qz-1', 'H-QZ-3')) },
        401,
        'CREDENTIAL_REQUIRED',
      ],
      [
        'a quote of any member without their credential',
        { method: 'POST', path: '/quotes', principal: P.providerQz, body: JSON.stringify(claim('x-6', 'qz-2', 'H-QZ-3', 'quote')) },
        401,
        'CREDENTIAL_REQUIRED',
      ],
      [
        'a claim that types the card holder',
        withVoucher(P.providerQz, '/claims', { ...claim('x-7', 'qz-1', 'H-QZ-3'), cardHolderId: 'qz-1' }),
        400,
        'INVALID_REQUEST',
      ],
      [
        'a forged credential',
        withVoucher(P.providerQz, '/claims', claim('x-8', 'qz-1', 'H-QZ-3'), {
          'x-medins-credential': 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJxei0xIn0.',
        }),
        401,
        'CREDENTIAL_INVALID',
      ],
      [
        'a viewer binding that types faceVerified',
        member('qz-1', '/bindings', {
          type: 'bindViewer',
          id: 'x-9',
          ownerId: 'qz-1',
          memberId: 'qz-2',
          relationship: 'spouse',
          proof: { kind: 'idNumber', name: PEOPLE.qz2.name, idNumber: PEOPLE.qz2.idNumber },
          faceVerified: true,
        }),
        400,
        'INVALID_REQUEST',
      ],
      // Ids are the caller's: a reused key with another body changes nothing.
      [
        'the same key with another body',
        withVoucher(P.providerQz, '/claims', { ...claim('c-qz-1', 'qz-1', 'H-QZ-3'), visitType: 'outpatient' }),
        409,
        'IDEMPOTENCY_CONFLICT',
      ],
      // Roles do only their job.
      ['insurer submits a claim in its own region', withVoucher(P.insurerQz, '/claims', claim('x-10', 'qz-1', 'H-QZ-3')), 403, 'FORBIDDEN'],
      ['insurer quotes in its own region', withVoucher(P.insurerQz, '/quotes', claim('x-11', 'qz-1', 'H-QZ-3', 'quote')), 403, 'FORBIDDEN'],
      [
        'insurer reverses a claim',
        {
          method: 'POST',
          path: '/reversals',
          principal: P.insurerQz,
          body: JSON.stringify({ type: 'reverseClaim', id: 'x-12', claimId: 'c-qz-1' }),
        },
        403,
        'FORBIDDEN',
      ],
      [
        'insurer enrolls a member',
        {
          method: 'POST',
          path: '/enrollments',
          principal: P.insurerQz,
          body: JSON.stringify(enrollment('x-13', 'huiqubao-2024', PEOPLE.qz2, 'qz-2')),
        },
        401,
        'UNAUTHENTICATED',
      ],
      [
        'insurer binds a family',
        { method: 'POST', path: '/bindings', principal: P.insurerQz, body: JSON.stringify(bindFamily('x-14', 'qz-1', 'qz-2')) },
        401,
        'UNAUTHENTICATED',
      ],
      ['operations submits a claim', withVoucher(P.ops, '/claims', claim('x-15', 'qz-1', 'H-QZ-3')), 403, 'FORBIDDEN'],
      [
        'insurer reads a member of another region',
        { method: 'GET', path: '/members/sr-1/balances', principal: P.insurerQz },
        404,
        'NOT_FOUND',
      ],
      ['insurer of 上饶 reads a claim of 衢州', { method: 'GET', path: `/events/${c1Stored}`, principal: P.insurerSr }, 404, 'NOT_FOUND'],
      ['member reads another member’s claim', { method: 'GET', path: `/me/events/${c2Stored}`, member: 'qz-1' }, 404, 'NOT_FOUND'],
      ['member reads another member’s enrollment', { method: 'GET', path: '/me/events/e-qz-1', member: 'qz-2' }, 404, 'NOT_FOUND'],
      [
        'member reads balances by id (a service route)',
        { method: 'GET', path: '/members/qz-2/balances', member: 'qz-1' },
        403,
        'FORBIDDEN',
      ],
      [
        'member submits a claim',
        { method: 'POST', path: '/claims', member: 'qz-1', body: JSON.stringify(claim('x-16', 'qz-1', 'H-QZ-3')), headers: qz1Voucher },
        403,
        'FORBIDDEN',
      ],
      [
        'member enrolls a stranger, paid in cash',
        member('qz-1', '/enrollments', { ...enrollment('x-17', 'huiqubao-2024', PEOPLE.qz1, 'qz-2', 'spouse'), payment: 'cash' }),
        403,
        'FORBIDDEN',
      ],
      [
        'member enrolls paying from someone else’s account',
        member('qz-1', '/enrollments', enrollment('x-18', 'huiqubao-2024', PEOPLE.qz2, 'qz-1', 'spouse')),
        403,
        'FORBIDDEN',
      ],
      ['member binds as another holder', member('qz-1', '/bindings', bindFamily('x-19', 'qz-2', 'qz-1')), 403, 'FORBIDDEN'],
      [
        'member ends a binding they are not part of',
        member('sr-1', '/bindings', { type: 'unbindFamily', id: 'x-20', holderId: 'qz-1', memberId: 'qz-2' }),
        403,
        'FORBIDDEN',
      ],
      [
        'member views as another owner',
        member('qz-1', '/bindings', {
          type: 'bindViewer',
          id: 'x-21',
          ownerId: 'qz-2',
          memberId: 'qz-1',
          relationship: 'spouse',
          proof: { kind: 'idNumber', name: PEOPLE.qz1.name, idNumber: PEOPLE.qz1.idNumber },
        }),
        403,
        'FORBIDDEN',
      ],
      [
        'provider submits another provider’s visit',
        withVoucher(P.providerQz, '/claims', { ...claim('x-22', 'qz-1', 'H-SR-3') }),
        403,
        'FORBIDDEN',
      ],
      [
        'provider quotes for another hospital',
        withVoucher(P.providerQz, '/quotes', claim('x-23', 'qz-1', 'H-SR-3', 'quote')),
        403,
        'FORBIDDEN',
      ],
      [
        'provider reads another provider’s claim',
        { method: 'GET', path: `/events/${c1Stored}`, principal: P.providerSr },
        404,
        'NOT_FOUND',
      ],
      ['provider reads another provider’s key', { method: 'GET', path: '/events/c-qz-1', principal: P.providerSr }, 404, 'NOT_FOUND'],
      ['provider reads balances', { method: 'GET', path: '/members/qz-1/balances', principal: P.providerQz }, 404, 'NOT_FOUND'],
      // Nobody: an unregistered, missing or session-named principal, with valid requests.
      ['unknown principal submits a valid claim', withVoucher(P.unknown, '/claims', claim('x-24', 'qz-1', 'H-QZ-3')), 403, 'FORBIDDEN'],
      [
        'a session that names itself after a hospital',
        withVoucher('arn:aws:sts::000000000000:assumed-role/test-nobody/test-hospital-quzhou', '/claims', claim('x-25', 'qz-1', 'H-QZ-3')),
        403,
        'FORBIDDEN',
      ],
      ['unknown principal reads an event', { method: 'GET', path: `/events/${c1Stored}`, principal: P.unknown }, 403, 'FORBIDDEN'],
      ['no principal at all', withVoucher('', '/claims', claim('x-26', 'qz-1', 'H-QZ-3')), 403, 'FORBIDDEN'],
      [
        'a registered ARN with different case',
        { method: 'GET', path: '/members/qz-1/balances', principal: P.insurerQz.toUpperCase() },
        403,
        'FORBIDDEN',
      ],
    ];
  };

  it('refuses every attack with a clear status and message, and the refusals leave no trace', async () => {
    const before = await snapshotTables(api.embedded);
    // Every table of the template (the store's and any other), with the world and the first submissions in it.
    expect(Object.keys(before).sort()).toEqual(Object.keys(api.embedded.stack.tableNames).sort());
    expect(Object.values(api.embedded.stack.tableNames)).toEqual(expect.arrayContaining(Object.values(api.embedded.tables)));
    expect(Object.values(before).flat().length).toBeGreaterThan(20);
    const sentBefore = sent.length;
    await api.embedded.stopWorkers(); // a message sent now would stay in its queue
    try {
      const wrong: string[] = [];
      const notFound = (await get('/events/no-such-event', P.ops)).text;
      for (const [name, c, status, code] of await refusals()) {
        const a = await call(c);
        if (a.status !== status || a.json.error?.code !== code) wrong.push(`${name}: ${a.status} ${a.text}`);
        if (a.json.error?.issues?.length && !a.json.error.message.includes(a.json.error.issues[0]!.path))
          wrong.push(`${name}: message does not name ${a.json.error.issues[0]!.path}`);
        if (status === 404 && a.text !== notFound) wrong.push(`${name}: a 404 unlike a missing id's: ${a.text}`);
      }
      expect(wrong).toEqual([]);

      expect(sent.length).toBe(sentBefore);
      expect(await queueDepths(api.embedded)).toEqual({ claims: 0, enrollments: 0, 'claims-dlq': 0, 'enrollments-dlq': 0 });
      expect(await snapshotTables(api.embedded)).toEqual(before);

      // The same measurements do see an allowed submission.
      expect((await submitVisit('/claims', P.providerQz, claim('c-qz-3', 'qz-1', 'H-QZ-3'))).status).toBe(202);
      expect(await queueDepths(api.embedded)).toMatchObject({ claims: 1, enrollments: 0 });
    } finally {
      api.embedded.startWorkers();
    }
    expect((await outcome(() => get('/events/c-qz-3', P.providerQz))).status).toBe('settled');
    expect(await snapshotTables(api.embedded)).not.toEqual(before);
  });
});

describe('the local server over real HTTP', () => {
  const request = async (
    method: string,
    path: string,
    init: { principal?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(init.principal ? { [PRINCIPAL_HEADER]: init.principal } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const text = await res.text();
    expect(looksLikeStackTrace(text), text).toBe(false);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return {
      status: res.status,
      headers: res.headers,
      text,
      json: JSON.parse(text) as Record<string, unknown> & { error?: { code: string; issues?: { path: string; message: string }[] } },
    };
  };

  it('prints a demo with fresh credentials: the hospital’s claim with the patient’s e-voucher, the member’s token', () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(api.principals.map((p) => p.principal.role)).toEqual(['operations', 'insurer', 'provider', 'reviewer']);
    expect(api.examples).toHaveLength(3);
    expect(api.examples[0]).toContain(`${api.url}/claims`);
    expect(api.examples[0]).toContain('x-medins-credential: ey');
    expect(api.examples[2]).toContain('authorization: Bearer ey');
    expect(api.examples.join('\n')).toContain(PRINCIPAL_HEADER);
  });

  it('submits a claim with fetch, polls GET /events/{id} (202 while queued) until settled, and reads the balances as the member', async () => {
    const provider = api.principals.find((p) => p.principal.role === 'provider')!.arn;
    const memberId = api.sample.memberId;
    const bearer = { authorization: `Bearer ${await api.credential('member', memberId)}` };
    const before = await request('GET', '/me/balances', { headers: bearer });
    expect(before.status).toBe(200);

    const body = { ...claim('http-c-1', memberId, api.sample.providerId) };
    const send = async (b: unknown) =>
      request('POST', '/claims', {
        principal: provider,
        body: JSON.stringify(b),
        headers: { 'x-medins-credential': await api.credential('voucher', memberId) },
      });
    const submitted = await send(body);
    expect(submitted.status).toBe(202);
    expect(submitted.json).toEqual({ eventId: 'http-c-1', status: 'queued', outcome: '/events/http-c-1' });
    expect([submitted.headers.get('location'), submitted.headers.get('retry-after')]).toEqual(['/events/http-c-1', '1']);

    let settled: Record<string, unknown> | undefined;
    const deadline = Date.now() + 30_000;
    while (!settled) {
      const r = await request('GET', '/events/http-c-1', { principal: provider });
      if (r.status === 200) settled = r.json;
      else {
        expect(r.status).toBe(202); // still queued
        if (Date.now() > deadline) throw new Error('the claim was not settled in 30 s');
        await new Promise((res) => setTimeout(res, 50));
      }
    }
    expect(settled).toMatchObject({ type: 'claim', status: 'settled', totalFen: 500_000 });
    const paid = (settled.payments as { ownAccountFen: number }).ownAccountFen;
    expect(paid).toBeGreaterThan(0);

    const after = await request('GET', '/me/balances', { headers: bearer });
    const total = (b: Record<string, unknown>) => Number(b.currentFen) + Number(b.historicalFen);
    expect(total(after.json)).toBe(total(before.json) - paid);

    // The same key and body answers the outcome and changes nothing (exactly once); another body is a 409.
    const again = await send(body);
    expect([again.status, again.json]).toEqual([200, settled]);
    const conflict = await send({ ...body, visitType: 'outpatient' });
    expect([conflict.status, conflict.json.error?.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    expect((await request('GET', '/me/balances', { headers: bearer })).json).toEqual(after.json);
  });

  it('carries text beyond U+FFFF (CJK Extension B, emoji) through the queue and the workflow', async () => {
    const provider = api.principals.find((p) => p.principal.role === 'provider')!.arn;
    const body = claim('http-𠀀-🦀', api.sample.memberId, api.sample.providerId) as { lines: { code: string }[] };
    body.lines[0]!.code = 'A-𠀀';
    const headers = { 'x-medins-credential': await api.credential('voucher', api.sample.memberId) };
    const submitted = await request('POST', '/claims', { principal: provider, body: JSON.stringify(body), headers });
    expect(submitted.status).toBe(202);
    expect(submitted.json.outcome).toBe(`/events/${encodeURIComponent('http-𠀀-🦀')}`);
    const read = async () => (await request('GET', String(submitted.json.outcome), { principal: provider })).json;
    let outcome = await read();
    for (let i = 0; i < 300 && outcome.status !== 'settled'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      outcome = await read();
    }
    expect(outcome).toMatchObject({ id: expect.stringMatching(/^svc-[0-9a-f]{16}:http-𠀀-🦀$/), status: 'settled' });
  });

  it('answers what API Gateway answers itself, and the function’s problems, as JSON naming the field', async () => {
    const provider = api.principals.find((p) => p.principal.role === 'provider')!.arn;
    const noRoute = await request('GET', '/nowhere', { principal: provider });
    expect([noRoute.status, noRoute.json.error?.code]).toEqual([404, 'NO_ROUTE']);
    const wrongMethod = await request('DELETE', '/claims', { principal: provider });
    expect([wrongMethod.status, wrongMethod.json.error?.code]).toEqual([405, 'METHOD_NOT_ALLOWED']);
    const document = await request('GET', '/openapi.json');
    expect([document.status, document.json.openapi, Object.keys(document.json.paths ?? {})]).toEqual([
      200,
      '3.1.0',
      [...new Set(API_ROUTES.map((r) => r.path))],
    ]);
    const anonymous = await request('POST', '/claims', { body: '{}' });
    expect([anonymous.status, anonymous.json.error?.issues?.[0]?.path]).toEqual([403, `headers.${PRINCIPAL_HEADER}`]);
    const noToken = await request('GET', '/me/balances');
    expect([noToken.status, noToken.json.error?.issues?.[0]]).toEqual([401, { path: 'headers.authorization', message: 'is required' }]);
    const badToken = await request('GET', '/me/balances', {
      headers: { authorization: `Bearer ${await api.credential('voucher', api.sample.memberId)}` },
    });
    expect([badToken.status, badToken.json.error?.issues?.[0]?.message]).toEqual([401, 'is not a valid member token']);
    const tooLarge = await request('POST', '/claims', { principal: provider, body: 'x'.repeat(api.http.MAX_BODY_BYTES + 1) });
    expect([tooLarge.status, tooLarge.json.error?.code]).toEqual([413, 'TOO_LARGE']);
    const notJson = await request('POST', '/claims', { principal: provider, body: '{"type":"claim",' });
    expect([notJson.status, notJson.json.error?.code]).toEqual([400, 'INVALID_REQUEST']);
    const bad = claim('http-bad', api.sample.memberId, api.sample.providerId) as { lines: { amountFen: unknown }[] };
    bad.lines[0]!.amountFen = '400000';
    const invalid = await request('POST', '/claims', { principal: provider, body: JSON.stringify(bad) });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error?.issues?.map((i) => i.path)).toContain('lines[0].amountFen');
    const badPath = await request('GET', '/events/%E0%A4%A', { principal: provider });
    expect([badPath.status, badPath.json.error?.issues?.[0]?.path]).toEqual([400, 'eventId']);
  });
});
