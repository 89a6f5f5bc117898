/**
 * The HTTP API on the embedded stack (the real `api/http` function, the real
 * queues, workflows and tables), in a two-city world (衢州 in 浙江, 上饶 in 江西):
 * - each role sees and changes only what it may: an insurer only the members of
 *   its regions (not another product's members, not another insurer's claims), a
 *   member only their own balances and events (and acts only as themself), a
 *   provider only its own claims; an unknown or missing principal nothing;
 * - every refused request leaves no trace: every table of the template scanned in
 *   full before and after is identical, nothing was handed to the queue sender,
 *   and with the workers stopped the queues stay empty — while one allowed
 *   submission, sent the same way, does show up (the check can see a write);
 * - the local server over real HTTP: a claim submitted with fetch is settled by
 *   the workflow, its outcome polled from GET /events/{id}, the balances read
 *   back; API Gateway's own answers (no route, no identity, too large) and the
 *   function's problems name the field, never a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFromScenarioText, registerPrincipals } from '../../packages/cli/src/api/demo.ts';
import { PRINCIPAL_HEADER } from '../../packages/cli/src/api/gateway.ts';
import { type LocalApi, startLocalApi } from '../../packages/cli/src/api/local-api.ts';
import {
  type Answer,
  answerOf,
  type Call,
  claim,
  enrollment,
  eventFor,
  looksLikeStackTrace,
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
  memberQz1: arn('test-member-qz-1'),
  memberQz2: arn('test-member-qz-2'),
  unknown: arn('test-nobody'),
};

let api: LocalApi;
const sent: string[] = [];

const call = async (c: Call): Promise<Answer> => {
  const a = answerOf((await api.invoke(eventFor(c))) as never);
  expect(looksLikeStackTrace(a.text), a.text).toBe(false);
  return a;
};
const post = (path: string, principal: string, body: unknown) => call({ method: 'POST', path, principal, body: JSON.stringify(body) });
const get = (path: string, principal: string) => call({ method: 'GET', path, principal });

/** Polls an event's outcome (as operations) until the workflow has recorded it. */
async function outcome(id: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = await get(`/events/${encodeURIComponent(id)}`, P.ops);
    if (a.status === 200) return a.json;
    if (Date.now() > deadline) throw new Error(`no outcome for ${id}: ${a.status} ${a.text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  // Count what the function hands the queues (the real sender underneath).
  api = await startLocalApi({
    world: demoFromScenarioText(JSON.stringify(TWO_CITIES), 'two cities'),
    port: 0,
    onQueued: (_q, body) => void sent.push(body),
  });
  await registerPrincipals(api.embedded.store, [
    { id: P.ops, role: 'operations' },
    { id: P.insurerQz, role: 'insurer', regions: ['330800'] },
    { id: P.insurerSr, role: 'insurer', regions: ['361100'] },
    { id: P.insurerZj, role: 'insurer', regions: ['330000'] },
    { id: P.providerQz, role: 'provider', providerIds: ['H-QZ-3'] },
    { id: P.providerSr, role: 'provider', providerIds: ['H-SR-3'] },
    { id: P.memberQz1, role: 'member', memberId: 'qz-1' },
    { id: P.memberQz2, role: 'member', memberId: 'qz-2' },
  ]);
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

describe('what each role may do', () => {
  it('lets each caller submit and read within its scope (through the queue and the workflow)', async () => {
    const accepted = [
      await post('/claims', P.providerQz, claim('c-qz-1', 'qz-1', 'H-QZ-3')),
      await post('/claims', P.insurerQz, claim('c-qz-2', 'qz-2', 'H-QZ-3')),
      await post('/claims', P.providerSr, claim('c-sr-1', 'sr-1', 'H-SR-3')),
      await post('/enrollments', P.memberQz1, enrollment('e-qz-1', 'huiqubao-2024', PEOPLE.qz1, 'qz-1')),
    ];
    expect(accepted.map((a) => a.status)).toEqual([202, 202, 202, 202]);
    expect(accepted[0]!.json).toEqual({ eventId: 'c-qz-1', status: 'accepted', outcome: '/events/c-qz-1' });
    for (const id of ['c-qz-1', 'c-qz-2', 'c-sr-1']) expect((await outcome(id)).status).toBe('settled');
    expect((await outcome('e-qz-1')).status).toBe('enrolled');

    // Reads within scope.
    expect((await get('/events/c-qz-1', P.insurerQz)).status).toBe(200);
    expect((await get('/events/c-qz-1', P.insurerZj)).status).toBe(200); // a province covers its cities
    expect((await get('/events/c-sr-1', P.insurerSr)).status).toBe(200);
    expect((await get('/events/c-qz-1', P.providerQz)).status).toBe(200);
    expect((await get('/events/c-qz-1', P.memberQz1)).status).toBe(200);
    expect((await get('/events/e-qz-1', P.memberQz1)).status).toBe(200);
    expect((await get('/members/qz-1/balances', P.insurerQz)).status).toBe(200);
    const own = await get('/members/qz-1/balances', P.memberQz1);
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ memberId: 'qz-1' });
    // A quote is answered at once and changes nothing.
    const quote = await post('/quotes', P.providerQz, claim('q-qz-1', 'qz-1', 'H-QZ-3', 'quote'));
    expect(quote.status).toBe(200);
    expect(quote.json).toMatchObject({ id: 'q-qz-1', type: 'quote', status: 'quoted' });
  });

  /** Every request here must be refused (403) and change nothing. */
  const REFUSED: [string, Call][] = [
    // An insurer's intake: another product's members, another insurer's claims.
    ['insurer reads a member of another region', { method: 'GET', path: '/members/sr-1/balances', principal: P.insurerQz }],
    ['insurer reads another insurer’s claim', { method: 'GET', path: '/events/c-sr-1', principal: P.insurerQz }],
    ['insurer of 上饶 reads a claim of 衢州', { method: 'GET', path: '/events/c-qz-1', principal: P.insurerSr }],
    ['insurer of 上饶 reads balances in 衢州', { method: 'GET', path: '/members/qz-1/balances', principal: P.insurerSr }],
    [
      'insurer submits a claim of another region',
      { method: 'POST', path: '/claims', principal: P.insurerQz, body: JSON.stringify(claim('x-1', 'sr-1', 'H-SR-3')) },
    ],
    [
      'insurer submits another region’s member at its own hospital',
      { method: 'POST', path: '/claims', principal: P.insurerQz, body: JSON.stringify(claim('x-2', 'sr-1', 'H-QZ-3')) },
    ],
    [
      'insurer quotes for another region',
      { method: 'POST', path: '/quotes', principal: P.insurerQz, body: JSON.stringify(claim('x-3', 'sr-1', 'H-SR-3', 'quote')) },
    ],
    [
      'insurer enrolls into another product',
      {
        method: 'POST',
        path: '/enrollments',
        principal: P.insurerQz,
        body: JSON.stringify(enrollment('x-4', 'shangraobao-2024', PEOPLE.sr1, 'sr-1')),
      },
    ],
    [
      'insurer reverses another insurer’s claim',
      {
        method: 'POST',
        path: '/reversals',
        principal: P.insurerQz,
        body: JSON.stringify({ type: 'reverseClaim', id: 'x-5', at: `${YEAR}-04-01T10:00:00+08:00`, claimId: 'c-sr-1' }),
      },
    ],
    [
      'insurer binds across regions',
      {
        method: 'POST',
        path: '/bindings',
        principal: P.insurerQz,
        body: JSON.stringify({
          type: 'bindFamily',
          id: 'x-6',
          at: `${YEAR}-04-01T10:00:00+08:00`,
          holderId: 'qz-1',
          memberId: 'sr-1',
          relationship: 'spouse',
          validFrom: `${YEAR}-04-02T00:00:00+08:00`,
        }),
      },
    ],
    [
      'insurer submits for an unknown member',
      { method: 'POST', path: '/claims', principal: P.insurerQz, body: JSON.stringify(claim('x-7', 'nobody', 'H-QZ-3')) },
    ],
    // A member: own balances and events only; acts only as themself; submits no claims.
    ['member reads a relative’s balances', { method: 'GET', path: '/members/qz-2/balances', principal: P.memberQz1 }],
    ['member reads a stranger’s balances', { method: 'GET', path: '/members/sr-1/balances', principal: P.memberQz1 }],
    ['member reads another member’s claim', { method: 'GET', path: '/events/c-qz-2', principal: P.memberQz1 }],
    ['member reads another member’s enrollment', { method: 'GET', path: '/events/e-qz-1', principal: P.memberQz2 }],
    [
      'member submits a claim',
      { method: 'POST', path: '/claims', principal: P.memberQz1, body: JSON.stringify(claim('x-8', 'qz-1', 'H-QZ-3')) },
    ],
    [
      'member quotes',
      { method: 'POST', path: '/quotes', principal: P.memberQz1, body: JSON.stringify(claim('x-9', 'qz-1', 'H-QZ-3', 'quote')) },
    ],
    [
      'member reverses their own claim',
      {
        method: 'POST',
        path: '/reversals',
        principal: P.memberQz1,
        body: JSON.stringify({ type: 'reverseClaim', id: 'x-10', at: `${YEAR}-04-01T10:00:00+08:00`, claimId: 'c-qz-1' }),
      },
    ],
    [
      'member enrolls paying from someone else’s account',
      {
        method: 'POST',
        path: '/enrollments',
        principal: P.memberQz1,
        body: JSON.stringify(enrollment('x-11', 'huiqubao-2024', PEOPLE.qz2, 'qz-1', 'spouse')),
      },
    ],
    [
      'member binds as another holder',
      {
        method: 'POST',
        path: '/bindings',
        principal: P.memberQz1,
        body: JSON.stringify({
          type: 'bindFamily',
          id: 'x-12',
          at: `${YEAR}-04-01T10:00:00+08:00`,
          holderId: 'qz-2',
          memberId: 'qz-1',
          relationship: 'spouse',
          validFrom: `${YEAR}-04-02T00:00:00+08:00`,
        }),
      },
    ],
    [
      'member unbinds as another holder',
      {
        method: 'POST',
        path: '/bindings',
        principal: P.memberQz1,
        body: JSON.stringify({ type: 'unbindFamily', id: 'x-13', at: `${YEAR}-04-01T10:00:00+08:00`, holderId: 'qz-2', memberId: 'qz-1' }),
      },
    ],
    [
      'member views as another owner',
      {
        method: 'POST',
        path: '/bindings',
        principal: P.memberQz1,
        body: JSON.stringify({
          type: 'bindViewer',
          id: 'x-14',
          at: `${YEAR}-04-01T10:00:00+08:00`,
          ownerId: 'qz-2',
          memberId: 'qz-1',
          relationship: 'spouse',
          proof: { kind: 'idNumber', name: PEOPLE.qz1.name, idNumber: PEOPLE.qz1.idNumber },
        }),
      },
    ],
    // A provider: its own claims only.
    [
      'provider submits another provider’s claim',
      { method: 'POST', path: '/claims', principal: P.providerQz, body: JSON.stringify(claim('x-15', 'sr-1', 'H-SR-3')) },
    ],
    [
      'provider submits its member at another hospital',
      { method: 'POST', path: '/claims', principal: P.providerQz, body: JSON.stringify(claim('x-16', 'qz-1', 'H-SR-3')) },
    ],
    [
      'provider quotes for another hospital',
      { method: 'POST', path: '/quotes', principal: P.providerQz, body: JSON.stringify(claim('x-17', 'qz-1', 'H-SR-3', 'quote')) },
    ],
    [
      'provider reverses another provider’s claim',
      {
        method: 'POST',
        path: '/reversals',
        principal: P.providerQz,
        body: JSON.stringify({ type: 'reverseClaim', id: 'x-18', at: `${YEAR}-04-01T10:00:00+08:00`, claimId: 'c-sr-1' }),
      },
    ],
    ['provider reads another provider’s claim', { method: 'GET', path: '/events/c-sr-1', principal: P.providerQz }],
    ['provider reads balances', { method: 'GET', path: '/members/qz-1/balances', principal: P.providerQz }],
    [
      'provider enrolls',
      {
        method: 'POST',
        path: '/enrollments',
        principal: P.providerQz,
        body: JSON.stringify(enrollment('x-19', 'huiqubao-2024', PEOPLE.qz1, 'qz-1')),
      },
    ],
    [
      'provider binds',
      {
        method: 'POST',
        path: '/bindings',
        principal: P.providerQz,
        body: JSON.stringify({ type: 'unbindFamily', id: 'x-20', at: `${YEAR}-04-01T10:00:00+08:00`, holderId: 'qz-1', memberId: 'qz-2' }),
      },
    ],
    // Nobody: an unregistered or missing principal, on every route, with valid requests.
    [
      'unknown principal submits a valid claim',
      { method: 'POST', path: '/claims', principal: P.unknown, body: JSON.stringify(claim('x-21', 'qz-1', 'H-QZ-3')) },
    ],
    [
      'unknown principal enrolls',
      {
        method: 'POST',
        path: '/enrollments',
        principal: P.unknown,
        body: JSON.stringify(enrollment('x-22', 'huiqubao-2024', PEOPLE.qz2, 'qz-2')),
      },
    ],
    ['unknown principal reads an event', { method: 'GET', path: '/events/c-qz-1', principal: P.unknown }],
    ['unknown principal reads balances', { method: 'GET', path: '/members/qz-1/balances', principal: P.unknown }],
    ['no principal at all', { method: 'POST', path: '/claims', principal: '', body: JSON.stringify(claim('x-23', 'qz-1', 'H-QZ-3')) }],
    ['a registered ARN with different case', { method: 'GET', path: '/members/qz-1/balances', principal: P.memberQz1.toUpperCase() }],
  ];

  it('refuses every request outside the caller’s scope with 403, and the refusals leave no trace', async () => {
    const before = await snapshotTables(api.embedded);
    // Every table of the template (the store's and any other), with the world and the first submissions in it.
    expect(Object.keys(before).sort()).toEqual(Object.keys(api.embedded.stack.tableNames).sort());
    expect(Object.values(api.embedded.stack.tableNames)).toEqual(expect.arrayContaining(Object.values(api.embedded.tables)));
    expect(Object.values(before).flat().length).toBeGreaterThan(20);
    const sentBefore = sent.length;
    await api.embedded.stopWorkers(); // a message sent now would stay in its queue
    try {
      const wrong: string[] = [];
      for (const [name, c] of REFUSED) {
        const a = await call(c);
        if (a.status !== 403 || a.json.error?.code !== 'FORBIDDEN') wrong.push(`${name}: ${a.status} ${a.text}`);
      }
      expect(wrong).toEqual([]);

      expect(sent.length).toBe(sentBefore);
      expect(await queueDepths(api.embedded)).toEqual({ claims: 0, enrollments: 0, 'claims-dlq': 0, 'enrollments-dlq': 0 });
      expect(await snapshotTables(api.embedded)).toEqual(before);

      // The same measurements do see an allowed submission.
      expect((await post('/claims', P.providerQz, claim('c-qz-3', 'qz-1', 'H-QZ-3'))).status).toBe(202);
      expect(await queueDepths(api.embedded)).toMatchObject({ claims: 1, enrollments: 0 });
    } finally {
      api.embedded.startWorkers();
    }
    expect((await outcome('c-qz-3')).status).toBe('settled');
    expect(await snapshotTables(api.embedded)).not.toEqual(before);
  });
});

describe('the local server over real HTTP', () => {
  const request = async (method: string, path: string, init: { principal?: string; body?: string | Uint8Array } = {}) => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(init.principal ? { [PRINCIPAL_HEADER]: init.principal } : {}) },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const text = await res.text();
    expect(looksLikeStackTrace(text), text).toBe(false);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return {
      status: res.status,
      text,
      json: JSON.parse(text) as Record<string, unknown> & { error?: { code: string; issues?: { path: string }[] } },
    };
  };

  it('prints a demo that works: the sample claim settles, its outcome and the balances are readable by the member', () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(api.principals.map((p) => p.principal.role)).toEqual(['operations', 'insurer', 'provider', 'member']);
    expect(api.examples).toHaveLength(3);
    expect(api.examples[0]).toContain(`${api.url}/claims`);
    expect(api.examples.join('\n')).toContain(PRINCIPAL_HEADER);
  });

  it('submits a claim with fetch, polls GET /events/{id} until settled, and reads the balances', async () => {
    const member = api.principals.find((p) => p.principal.role === 'member')!.arn;
    const provider = api.principals.find((p) => p.principal.role === 'provider')!.arn;
    const memberId = api.sample.memberId;
    const before = await request('GET', `/members/${memberId}/balances`, { principal: member });
    expect(before.status).toBe(200);

    const body = { ...claim('http-c-1', memberId, api.sample.providerId) };
    const submitted = await request('POST', '/claims', { principal: provider, body: JSON.stringify(body) });
    expect(submitted.status).toBe(202);
    expect(submitted.json).toEqual({ eventId: 'http-c-1', status: 'accepted', outcome: '/events/http-c-1' });

    let settled: Record<string, unknown> | undefined;
    const deadline = Date.now() + 30_000;
    while (!settled) {
      const r = await request('GET', '/events/http-c-1', { principal: member });
      if (r.status === 200) settled = r.json;
      else {
        expect(r.status).toBe(404); // still queued
        if (Date.now() > deadline) throw new Error('the claim was not settled in 30 s');
        await new Promise((res) => setTimeout(res, 50));
      }
    }
    expect(settled).toMatchObject({ id: 'http-c-1', type: 'claim', status: 'settled', totalFen: 500_000 });
    const paid = (settled.payments as { ownAccountFen: number }).ownAccountFen;
    expect(paid).toBeGreaterThan(0);

    const after = await request('GET', `/members/${memberId}/balances`, { principal: member });
    const total = (b: Record<string, unknown>) => Number(b.currentFen) + Number(b.historicalFen);
    expect(total(after.json)).toBe(total(before.json) - paid);

    // Submitting the same claim again is accepted and changes nothing (exactly once).
    expect((await request('POST', '/claims', { principal: provider, body: JSON.stringify(body) })).status).toBe(202);
    await new Promise((res) => setTimeout(res, 500));
    expect((await request('GET', `/members/${memberId}/balances`, { principal: member })).json).toEqual(after.json);
  });

  it('carries text beyond U+FFFF (CJK Extension B, emoji) through the queue and the workflow', async () => {
    const provider = api.principals.find((p) => p.principal.role === 'provider')!.arn;
    const body = claim('http-𠀀-🦀', api.sample.memberId, api.sample.providerId) as { lines: { code: string }[] };
    body.lines[0]!.code = 'A-𠀀';
    const submitted = await request('POST', '/claims', { principal: provider, body: JSON.stringify(body) });
    expect(submitted.status).toBe(202);
    expect(submitted.json.outcome).toBe(`/events/${encodeURIComponent('http-𠀀-🦀')}`);
    const read = async () => (await request('GET', String(submitted.json.outcome), { principal: P.ops })).json;
    let outcome = await read();
    for (let i = 0; i < 300 && outcome.status !== 'settled'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      outcome = await read();
    }
    expect(outcome).toMatchObject({ id: 'http-𠀀-🦀', status: 'settled' });
  });

  it('answers what API Gateway answers itself, and the function’s problems, as JSON naming the field', async () => {
    const provider = api.principals.find((p) => p.principal.role === 'provider')!.arn;
    const noRoute = await request('GET', '/nowhere', { principal: provider });
    expect([noRoute.status, noRoute.json.error?.code]).toEqual([404, 'NO_ROUTE']);
    const wrongMethod = await request('DELETE', '/claims', { principal: provider });
    expect(wrongMethod.status).toBe(404);
    const anonymous = await request('POST', '/claims', { body: '{}' });
    expect([anonymous.status, anonymous.json.error?.issues?.[0]?.path]).toEqual([403, `headers.${PRINCIPAL_HEADER}`]);
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
