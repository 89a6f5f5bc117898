/**
 * The OpenAPI document's example requests work: every example request body in
 * docs/openapi.json (one per submission route, one per event type on
 * `/bindings`) passes its route's request schema, and sent over HTTP to `npm run
 * api` on the example world (docs/examples/api-world.scenario.json, the server's
 * clock where the examples say) with the caller and the credentials the route
 * documents (the e-voucher of a claim or quote, the owner's face verification of
 * a viewer binding, a member's token), answers the status the document gives for success — 202 for queued
 * work, 200 for a quote and the national gateway (infcode 0) — and each queued
 * example is then applied, not rejected (the claim settles, the reversal
 * reverses it, the enrollment enrolls, the bindings bind and unbind).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_WORLD, VOUCHER_PLACEHOLDER } from '@medins/functions/api/examples';
import { checkRequest } from '@medins/functions/api/request';
import { API_ROUTES, type ApiRoute, routeKeyOf } from '@medins/functions/api/routes';
import { EnvelopeSchema } from '@medins/functions/hsa/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFromScenarioText, registerPrincipals } from '../../packages/cli/src/api/demo.ts';
import { type LocalApi, startLocalApi } from '../../packages/cli/src/api/local-api.ts';

const ROOT = join(import.meta.dirname, '../..');
const HOSPITAL = EXAMPLE_WORLD.hospitalArn;
const REVIEWERS = EXAMPLE_WORLD.reviewerArn;
/** The service caller a route's example is sent as: the reviewers decide, the hospital submits. */
const callerOf = (route: ApiRoute) => (route.action === 'reviewDecision' ? REVIEWERS : HOSPITAL);

interface Operation {
  requestBody?: { content: Record<string, { examples?: Record<string, { value: Record<string, unknown> }> }> };
  responses: Record<string, unknown>;
}
const document = JSON.parse(readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};

/** Every example of the published document, in the order they are sent (a reversal needs its claim settled). */
const examples = (API_ROUTES as readonly ApiRoute[]).flatMap((route) => {
  const op = document.paths[route.path]?.[route.method.toLowerCase()];
  const found = op?.requestBody?.content['application/json']?.examples ?? {};
  return Object.entries(found).map(([name, { value }]) => ({ route, name, value, responses: Object.keys(op?.responses ?? {}) }));
});

let api: LocalApi;

beforeAll(async () => {
  const world = demoFromScenarioText(readFileSync(join(ROOT, EXAMPLE_WORLD.file), 'utf8'), EXAMPLE_WORLD.file);
  api = await startLocalApi({ world, port: 0, concurrency: 1, startAt: Date.parse(EXAMPLE_WORLD.now) });
  await registerPrincipals(api.embedded.store, [
    { id: HOSPITAL, role: 'provider', providerIds: [EXAMPLE_WORLD.hospital] },
    { id: REVIEWERS, role: 'reviewer', regions: ['330800'] },
  ]);
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

/** The member a member route's example acts as: its payer, holder or owner. */
const actorOf = (body: Record<string, unknown>) => String(body.payerId ?? body.holderId ?? body.ownerId);

async function send(
  route: ApiRoute,
  body: Record<string, unknown>,
): Promise<{ status: number; json: Record<string, unknown>; location: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (route.auth === 'member') headers.authorization = `Bearer ${await api.credential('member', actorOf(body))}`;
  else headers['x-medins-principal'] = callerOf(route);
  if (body.type === 'claim' || body.type === 'quote')
    headers['x-medins-credential'] = await api.credential('voucher', String(body.memberId));
  // An adult viewer needs a face verification of the owner (the header the route documents).
  if (body.type === 'bindViewer') headers['x-medins-face-verification'] = await api.credential('face', actorOf(body));
  let text = JSON.stringify(body);
  if (route.gateway === 'hsa') text = text.replace(VOUCHER_PLACEHOLDER, await api.credential('voucher', EXAMPLE_WORLD.patient.id));
  const r = await fetch(`${api.url}${route.path}`, { method: route.method, headers, body: text });
  return { status: r.status, json: (await r.json()) as Record<string, unknown>, location: r.headers.get('location') };
}

/** The outcome of a queued example, polled at its Location as the document's polling contract says. */
async function outcome(route: ApiRoute, location: string, actor: string): Promise<Record<string, unknown>> {
  const headers: Record<string, string> =
    route.auth === 'member'
      ? { authorization: `Bearer ${await api.credential('member', actor)}` }
      : { 'x-medins-principal': callerOf(route) };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await fetch(`${api.url}${location}`, { headers });
    if (r.status === 200) return (await r.json()) as Record<string, unknown>;
    expect(r.status).toBe(202);
    if (Date.now() > deadline) throw new Error(`${location} still queued after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the OpenAPI document’s example requests', () => {
  it('gives every submission route an example, one per event type', () => {
    const expected = (API_ROUTES as readonly ApiRoute[]).filter((r) => r.types || r.gateway).map(routeKeyOf);
    expect([...new Set(examples.map((e) => routeKeyOf(e.route)))].sort()).toEqual(expected.sort());
    expect(examples.filter((e) => e.route.path === '/bindings').map((e) => e.value.type)).toEqual([
      'bindFamily',
      'bindViewer',
      'unbindFamily',
    ]);
  });

  it('each passes its route’s request schema', () => {
    for (const { route, name, value } of examples) {
      if (route.gateway === 'hsa') expect(EnvelopeSchema.safeParse(value).success, name).toBe(true);
      else expect(checkRequest(value, route.types ?? []), `${routeKeyOf(route)} ${name}`).toHaveProperty('body');
    }
  });

  it('each answers its documented status on npm run api, and is then applied', async () => {
    const applied: string[] = [];
    for (const { route, name, value, responses } of examples) {
      const key = `${routeKeyOf(route)} ${name}`;
      const { status, json, location } = await send(route, value);
      const queued = route.types !== undefined && route.action !== 'quote';
      expect([status, json], key).toEqual([queued ? 202 : 200, expect.anything()]);
      expect(responses, key).toContain(String(status));
      if (route.gateway === 'hsa') expect([json.infcode, json.err_msg], key).toEqual([0, null]);
      if (route.types?.includes('quote')) expect(json.status, key).toBe('quoted');
      if (!queued) continue;
      expect(location, key).toBe(json.outcome);
      const result = await outcome(route, String(location), actorOf(value));
      applied.push(`${value.type} ${String(result.status)}`);
    }
    expect(applied).toEqual([
      'claim settled',
      'reverseClaim reversed',
      'reviewDecision rejected',
      'enroll enrolled',
      'bindFamily bound',
      'bindViewer bound',
      'unbindFamily unbound',
    ]);
  }, 120_000);
});
