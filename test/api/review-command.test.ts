/**
 * `npm run review -- decide`: a reviewer decides a held claim through the real
 * HTTP API (`POST /reviews`, the reviewer's principal), the decision goes through
 * the queue, resumes the claim's waiting review and settles it — exactly as the
 * engine settles the claim and the decision at the decision's receive time. A
 * caller the API does not know as a reviewer is refused and nothing changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, type ScenarioInput, sealEvent } from '@medins/contract';
import { sendAndWait } from '@medins/embedded';
import { replay } from '@medins/engine';
import { scopedId, scopeOf } from '@medins/functions/api/idempotency';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFromScenarioText, seedDemo } from '../../packages/cli/src/api/demo.ts';
import { type LocalApi, startLocalApi } from '../../packages/cli/src/api/local-api.ts';
import { decide, decisionBody, reviewCommand } from '../../packages/cli/src/review.ts';
import { emptyTables } from '../../packages/embedded/test/support/stack.ts';

const FILE = join(import.meta.dirname, '../scenarios/30-review-sampling-and-empty-approval.scenario.json');
const TEXT = readFileSync(FILE, 'utf8');
const doc = JSON.parse(TEXT) as ScenarioInput;
const claim = doc.events.find((e) => e.id === 'c7')!;
const REVIEWER = {
  id: 'arn:aws:iam::000000000000:role/review-command-reviewers',
  role: 'reviewer',
  regions: doc.regions!.map((r) => r.code),
} as const;
const DECIDED_AT = Date.parse('2021-05-03T02:00:00Z');

let api: LocalApi;
const now = DECIDED_AT;

beforeAll(async () => {
  const world = demoFromScenarioText(TEXT, FILE);
  api = await startLocalApi({ world, port: 0, concurrency: 1, clock: { now: () => now } });
  await emptyTables(api.embedded);
  await seedDemo(api.embedded.store, world, [REVIEWER]);
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

const values = (v: Partial<ReturnType<typeof reviewCommand.parse>['values']>) => ({
  ...reviewCommand.parse(['decide', 'c7', 'approve']).values,
  url: api.url,
  ...v,
});

async function resultOf(id: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await api.embedded.store.readResult(id);
    if (r) return r;
    if (Date.now() > deadline) throw new Error(`no result for ${id}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm run review -- decide', () => {
  it('refuses a rejection that names lines, before sending anything', () => {
    expect(() => decisionBody(['decide', 'c7', 'reject'], values({ 'reject-line': ['A1'] }))).toThrow(/--reject-line/);
    expect(() => decisionBody(['decide', 'c7', 'maybe'], values({}))).toThrow(/DECISION must be one of approve, reject/);
    expect(() => decisionBody(['settle', 'c7', 'approve'], values({}))).toThrow(/ACTION must be decide/);
  });

  it('approves a held claim through POST /reviews: settled as the engine settles it at the decision’s time', async () => {
    await sendAndWait(api.embedded, sealEvent(claim as never, api.embedded.digest) as never);
    expect(await api.embedded.store.readResult('c7')).toMatchObject({ status: 'held' });
    for (let i = 0; (await api.embedded.store.readReviewTask('c7'))?.status !== 'open'; i++) {
      if (i > 400) throw new Error('the review did not open');
      await new Promise((r) => setTimeout(r, 25));
    }

    // A caller that is not a reviewer: refused, nothing queued.
    const refused: string[] = [];
    const stranger = 'arn:aws:iam::000000000000:role/not-registered';
    expect(
      await decide(['decide', 'c7', 'approve'], values({ principal: stranger }), { fetch, stdout: { write: (s) => refused.push(s) } }),
    ).toBe(1);
    expect(refused.join('')).toMatch(/^40[13] /);

    const printed: string[] = [];
    const code = await decide(['decide', 'c7', 'approve'], values({ principal: REVIEWER.id }), {
      fetch,
      stdout: { write: (s) => printed.push(s) },
    });
    expect(printed.join('')).toMatch(/^202 /);
    expect(code).toBe(0);

    const stored = scopedId(scopeOf(REVIEWER), 'c7-review');
    const decided = await resultOf(stored);
    const s = parseScenario({
      ...doc,
      events: [claim, { type: 'reviewDecision', id: stored, at: new Date(DECIDED_AT).toISOString(), claimId: 'c7', decision: 'approve' }],
    } as never);
    const expected = replay(s.world, s.events);
    expect(decided).toEqual(expected.results[1]);
    expect(decided).toMatchObject({ status: 'settled' });
  });
});
