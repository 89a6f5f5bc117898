/**
 * The HTTP API settles with the same code as the scenario command: every public
 * example and hand-worked scenario, its events submitted over real HTTP (claims, quotes, reversals,
 * enrollments, bindings) by an operations caller, one after another — quotes
 * answered at once, the rest through the queue and the workflow — gives, read
 * back through GET /events/{id} and GET /members/{id}/balances, exactly the
 * engine's serial replay. (A renewal campaign is not an API call: the schedule
 * starts the renewal workflow, and so does this test.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '@medins/contract';
import { runCampaignWorkflow } from '@medins/embedded';
import { replay } from '@medins/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFromScenarioText, seedDemo } from '../../packages/cli/src/api/demo.ts';
import { type LocalApi, startLocalApi } from '../../packages/cli/src/api/local-api.ts';
import { emptyTables } from '../../packages/embedded/test/support/stack.ts';

const EXAMPLES = join(import.meta.dirname, '../../../shared/contract/examples');
const HAND_WORKED = join(import.meta.dirname, '../scenarios');
const scenarios = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.scenario.json'))
    .sort()
    .map((f) => join(dir, f));
const files = [...scenarios(EXAMPLES), ...scenarios(HAND_WORKED)];
const PATHS: Record<string, string> = {
  claim: '/claims',
  quote: '/quotes',
  reverseClaim: '/reversals',
  enroll: '/enrollments',
  bindFamily: '/bindings',
  unbindFamily: '/bindings',
  bindViewer: '/bindings',
};

let api: LocalApi;
/** An operations caller: it may submit and read anything. */
const OPERATIONS = { id: 'arn:aws:iam::000000000000:user/agreement-operations', role: 'operations' } as const;

beforeAll(async () => {
  const first = demoFromScenarioText(readFileSync(files[0]!, 'utf8'), files[0]!);
  api = await startLocalApi({ world: first, port: 0, concurrency: 1 });
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

describe.each(files.map((f) => [f.split('/').slice(-2).join('/'), f]))('%s through the HTTP API', (_name, file) => {
  it('gives the engine’s results and balances', async () => {
    const world = demoFromScenarioText(readFileSync(file, 'utf8'), file);
    await emptyTables(api.embedded);
    await seedDemo(api.embedded.store, world, [OPERATIONS]);
    const headers = { 'content-type': 'application/json', 'x-medins-principal': OPERATIONS.id };
    const get = async (path: string) => {
      const r = await fetch(`${api.url}${path}`, { headers });
      return { status: r.status, body: (await r.json()) as unknown };
    };

    const results: unknown[] = [];
    for (const event of world.doc.events as { id: string; type: string }[]) {
      if (event.type === 'renewalCampaign') {
        await runCampaignWorkflow(api.embedded, event);
        results.push(JSON.parse((await api.embedded.store.readEvent(event.id))!.result));
        continue;
      }
      const settled = event.type === 'quote' ? null : api.embedded.settlements.expect(event.id);
      const r = await fetch(`${api.url}${PATHS[event.type]}`, { method: 'POST', headers, body: JSON.stringify(event) });
      if (event.type === 'quote') {
        expect(r.status).toBe(200);
        results.push(await r.json());
        continue;
      }
      expect(r.status, `${event.id}: ${await r.clone().text()}`).toBe(202);
      expect(await settled).toBe('finished');
      const read = await get(`/events/${encodeURIComponent(event.id)}`);
      expect(read.status).toBe(200);
      results.push(read.body);
    }

    const expected = replay(parseScenario(world.doc).world, parseScenario(world.doc).events);
    expect(results).toEqual(JSON.parse(JSON.stringify(expected.results)));
    for (const [memberId, account] of Object.entries(expected.balances)) {
      expect((await get(`/members/${encodeURIComponent(memberId)}/balances`)).body).toEqual({ memberId, ...account });
    }
  }, 60_000);
});
