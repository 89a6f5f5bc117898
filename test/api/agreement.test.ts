/**
 * The HTTP API settles with the same code as the scenario command: every public
 * example and hand-worked scenario, its events submitted over real HTTP one after
 * another as their real callers would — claims, quotes and reversals by the
 * hospital with the patient's e-voucher, enrollments and bindings by the member
 * with their token (and a face verification where the scenario recorded one) —
 * with the server's clock set to each event's recorded receive time (`at`, which
 * the body no longer carries). Quotes are answered at once, the rest go through
 * the queue and the workflow. Read back through GET /events/{id}, /me/events/{id}
 * and GET /members/{id}/balances, the outcomes are exactly the engine's serial
 * replay of the events the API accepted, ids read back in the caller's own terms.
 * The API refuses one kind of recorded event: a member enrolling someone else
 * (403: a member enrolls themself). (A renewal campaign is not an API call: the
 * schedule starts the renewal workflow, and so does this test.)
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '@medins/contract';
import { runCampaignWorkflow } from '@medins/embedded';
import { parseInstant, replay } from '@medins/engine';
import { scopedId, scopeOf } from '@medins/functions/api/idempotency';
import { memberPrincipal } from '@medins/functions/api/principals';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFromScenarioText, seedDemo } from '../../packages/cli/src/api/demo.ts';
import { type LocalApi, startLocalApi } from '../../packages/cli/src/api/local-api.ts';
import { emptyTables } from '../../packages/embedded/test/support/stack.ts';
import { clearValuesOf, fileTexts, leaksIn, recordingWitness, type Seen } from '../support/personal-data.ts';

const EXAMPLES = join(import.meta.dirname, '../../../shared/contract/examples');
const HAND_WORKED = join(import.meta.dirname, '../scenarios');
const scenarios = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.scenario.json'))
    .sort()
    .map((f) => join(dir, f));
const files = [...scenarios(EXAMPLES), ...scenarios(HAND_WORKED)].filter(
  // Review sampling hashes the claim's id, and through the API a claim's id is the caller's key in the caller's scope:
  // another id, another sample. The pipeline test replays the sampling scenario with its own ids.
  (f) => !readFileSync(f, 'utf8').includes('"samplePercent"'),
);
const PATHS: Record<string, string> = {
  claim: '/claims',
  quote: '/quotes',
  reverseClaim: '/reversals',
  reviewDecision: '/reviews',
  enroll: '/enrollments',
  bindFamily: '/bindings',
  unbindFamily: '/bindings',
  bindViewer: '/bindings',
};

let api: LocalApi;
/** Operations reads the balances. */
const OPERATIONS = { id: 'arn:aws:iam::000000000000:role/agreement-operations', role: 'operations' } as const;
/** The hospitals' intake, one role per scenario (the API caches a principal for a minute: each world registers its own). */
let worlds = 0;
let HOSPITAL = '';
/** The claims department's reviewers, one role per scenario, over every region of its world. */
let REVIEWERS = '';
/** The server's clock, set to each event's recorded receive time. */
let now = Date.now();

/** The personal-data scan: what the stack wrote, queued and passed between steps, its DEBUG log, and every answer. */
const audit = recordingWitness();
const logDir = mkdtempSync(join(tmpdir(), 'medins-agreement-'));
const answers: Seen = [];
const call = async (url: string, init?: RequestInit) => {
  const r = await fetch(url, init);
  answers.push({ where: `answer ${init?.method ?? 'GET'} ${new URL(url).pathname}`, text: await r.clone().text() });
  return r;
};

beforeAll(async () => {
  const first = demoFromScenarioText(readFileSync(files[0]!, 'utf8'), files[0]!);
  api = await startLocalApi({
    world: first,
    port: 0,
    concurrency: 1,
    clock: { now: () => now },
    witness: audit.witness,
    logFile: join(logDir, 'handlers.log'),
    logLevel: 'DEBUG',
  });
}, 120_000);

/** Ids as stored carry the caller's scope (`svc-…:`, `mbr-…:`); read back in the caller's own terms without it. */
const unscoped = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/(svc|mbr)-[0-9a-f]{16}:/g, '')) as unknown;

type EventDoc = Record<string, unknown> & { id: string; type: string; at: string };

/** The member who acts for a member event (a member route's caller). */
const actingMember = (e: EventDoc) => String(e.type === 'enroll' ? e.payerId : e.type === 'bindViewer' ? e.ownerId : e.holderId);

afterAll(async () => {
  await api?.stop();
});

describe.each(files.map((f) => [f.split('/').slice(-2).join('/'), f]))('%s through the HTTP API', (_name, file) => {
  it('gives the engine’s results and balances', async () => {
    const world = demoFromScenarioText(readFileSync(file, 'utf8'), file);
    await emptyTables(api.embedded);
    // The hospitals' intake: every provider the scenario names, known to the catalog or not (the engine answers for those).
    const named = (world.doc.events as Record<string, unknown>[])
      .map((e) => e.providerId)
      .filter((p): p is string => typeof p === 'string');
    HOSPITAL = `arn:aws:iam::000000000000:role/agreement-hospitals-${++worlds}`;
    const providerIds = [...new Set([...world.doc.providers.map((p) => p.id), ...named])];
    REVIEWERS = `arn:aws:iam::000000000000:role/agreement-reviewers-${worlds}`;
    const regions = world.doc.regions?.map((r) => r.code) ?? [];
    await seedDemo(api.embedded.store, world, [
      OPERATIONS,
      { id: HOSPITAL, role: 'provider', providerIds },
      { id: REVIEWERS, role: 'reviewer', regions },
    ]);
    const ops = { 'content-type': 'application/json', 'x-medins-principal': OPERATIONS.id };
    const get = async (path: string, headers: Record<string, string> = ops) => {
      const r = await call(`${api.url}${path}`, { headers });
      return { status: r.status, body: (await r.json()) as unknown };
    };

    const results: unknown[] = [];
    /** Indexes of the events the API accepted (a key used again is answered, not applied again). */
    const accepted = new Set<number>();
    const refused: string[] = [];
    const bodies = new Map<string, string>();
    for (const [index, event] of (world.doc.events as EventDoc[]).entries()) {
      now = Number(parseInstant(event.at));
      if (event.type === 'renewalCampaign') {
        await runCampaignWorkflow(api.embedded, event);
        results.push(JSON.parse((await api.embedded.store.readEvent(event.id))!.result));
        accepted.add(index);
        continue;
      }
      const { at: _at, cardHolderId, faceVerified, ...body } = event;
      const review = event.type === 'reviewDecision';
      const service = review || event.type === 'claim' || event.type === 'quote' || event.type === 'reverseClaim';
      // A reviewer names the held claim by its stored id: the hospital's key in the hospital's scope.
      if (review) body.claimId = scopedId(scopeOf({ id: HOSPITAL, role: 'operations' }), String(body.claimId));
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (service) headers['x-medins-principal'] = review ? REVIEWERS : HOSPITAL;
      else headers.authorization = `Bearer ${await api.credential('member', actingMember(event))}`;
      if (cardHolderId !== undefined) headers['x-medins-credential'] = await api.credential('voucher', String(cardHolderId));
      if (faceVerified === true) headers['x-medins-face-verification'] = await api.credential('face', actingMember(event));
      // The workflow runs under the stored id: the caller's key in the caller's scope.
      const scope = service
        ? scopeOf({ id: review ? REVIEWERS : HOSPITAL, role: 'operations' })
        : scopeOf(memberPrincipal(actingMember(event)));
      if (event.type === 'enroll' && event.payerId !== event.insuredId) {
        const r = await call(`${api.url}${PATHS[event.type]}`, { method: 'POST', headers, body: JSON.stringify(body) });
        // A member enrolls themself: enrolling someone else is refused, and nothing of it reaches the queue.
        expect(r.status, `${event.id}: ${await r.clone().text()}`).toBe(403);
        refused.push(event.id);
        continue;
      }
      const key = `${scope}:${event.id}`;
      const repeated = bodies.has(key) && event.type !== 'quote';
      if (repeated && bodies.get(key) !== JSON.stringify({ ...body, cardHolderId })) {
        // The engine answers a reused id with its first result whatever the body; the API refuses another body (409).
        const r = await call(`${api.url}${PATHS[event.type]}`, { method: 'POST', headers, body: JSON.stringify(body) });
        expect(r.status, event.id).toBe(409);
        refused.push(event.id);
        continue;
      }
      bodies.set(key, JSON.stringify({ ...body, cardHolderId }));
      const settled = event.type === 'quote' || repeated ? null : api.embedded.settlements.expect(scopedId(scope, event.id));
      const r = await call(`${api.url}${PATHS[event.type]}`, { method: 'POST', headers, body: JSON.stringify(body) });
      accepted.add(index);
      if (repeated) {
        // The same key and body: the first outcome, nothing applied again.
        expect(r.status, `${event.id}: ${await r.clone().text()}`).toBe(200);
        results.push(unscoped(await r.json()));
        continue;
      }
      if (event.type === 'quote') {
        expect(r.status, `${event.id}: ${await r.clone().text()}`).toBe(200);
        results.push(unscoped(await r.json()));
        continue;
      }
      expect(r.status, `${event.id}: ${await r.clone().text()}`).toBe(202);
      const location = r.headers.get('location')!;
      expect(location).toBe(`${service ? '/events/' : '/me/events/'}${encodeURIComponent(event.id)}`);
      expect(await settled).toBe('finished');
      let read = await get(location, headers);
      // A decision resumes the claim's review, whose own execution commits it a moment after the message is consumed.
      for (let i = 0; review && read.status === 202 && i < 300; i++) {
        await new Promise((r) => setTimeout(r, 100));
        read = await get(location, headers);
      }
      expect(read.status).toBe(200);
      results.push(unscoped(read.body));
    }

    const parsed = parseScenario(world.doc);
    // The server's clock stamps to the millisecond: a recorded time finer than that is received at its millisecond.
    const received = parsed.events.filter((_e, i) => accepted.has(i)).map((e) => ({ ...e, at: Math.floor(e.at) as typeof e.at }));
    const expected = replay(parsed.world, received);
    expect(results).toEqual(JSON.parse(JSON.stringify(expected.results)));
    for (const [memberId, account] of Object.entries(expected.balances)) {
      expect((await get(`/members/${encodeURIComponent(memberId)}/balances`)).body).toEqual({ memberId, ...account });
    }
    expect(refused.length + accepted.size).toBe(world.doc.events.length);

    // The read routes too (their answers go into the personal-data scan below): each settled claim's EOB, FHIR
    // resource and 结算单, and each patient's accumulators and policies, as operations and as the member.
    const hospitalScope = scopeOf({ id: HOSPITAL, role: 'operations' });
    for (const [index, e] of (world.doc.events as EventDoc[]).entries()) {
      if (!accepted.has(index) || e.type !== 'claim') continue;
      const settledHere = (results[[...accepted].indexOf(index)] as { status?: string } | undefined)?.status === 'settled';
      const id = encodeURIComponent(scopedId(hospitalScope, e.id));
      for (const path of [`/claims/${id}/eob`, `/claims/${id}/fhir`, `/claims/${id}/explanation`]) {
        expect((await get(path)).status, path).toBe(settledHere ? 200 : path.endsWith('/explanation') ? 200 : 404);
      }
      const memberId = String(e.memberId);
      const year = String(e.serviceDate).slice(0, 4);
      const own = { authorization: `Bearer ${await api.credential('member', memberId)}` };
      for (const [path, headers] of [
        [`/members/${encodeURIComponent(memberId)}/accumulators/${year}`, ops],
        [`/members/${encodeURIComponent(memberId)}/policies`, ops],
        [`/me/accumulators/${year}`, own],
        ['/me/policies', own],
        [`/me/claims/${id}/explanation`, own],
      ] as const) {
        expect([200, 404], path).toContain((await get(path, headers)).status);
      }
    }
  }, 60_000);
});

describe('personal data through the HTTP API', () => {
  it('no clear name, ID number or phone of any scenario in an answer, an item written, a message queued, a workflow state or the DEBUG log', () => {
    const clear = new Set(files.flatMap((f) => [...clearValuesOf(JSON.parse(readFileSync(f, 'utf8')))]));
    expect(clear.size).toBeGreaterThan(20);
    expect(answers.length).toBeGreaterThan(100);
    expect(audit.seen.filter((s) => s.where === 'sqs request').length).toBeGreaterThan(50);
    expect(audit.seen.filter((s) => s.where === 'events/decide state').length).toBeGreaterThan(10);
    expect(leaksIn([...answers, ...audit.seen, ...fileTexts(logDir)], clear)).toEqual([]);
  });
});
