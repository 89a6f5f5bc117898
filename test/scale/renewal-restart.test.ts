/**
 * A renewal campaign restarted halfway, on the embedded stack with the real
 * RenewalWorkflow in pages of 7 policies. Three copies of one world, side by side
 * in the same tables (their ids differ only by a prefix):
 * - `u`: the campaign run once, uninterrupted — the reference;
 * - ``: the campaign crashes in the middle of its ninth page (three of the page's
 *   policies renewed, then the execution fails), and is started again;
 * - `h`: only the first two pages run (their page handlers called by hand), then
 *   the whole campaign is started.
 * Each restarted campaign renews nobody twice and ends equal to the uninterrupted
 * one — the same outcome per policy, the same debits, ledger entries, policies,
 * reminders, balances and report — and equal to the engine's serial replay. A
 * further run of a finished campaign changes nothing.
 */

import { POLICIES_PER_FAMILY, renewalScenario, renewalWorld } from '@medins/bench';
import { parseScenario } from '@medins/contract';
import {
  type Embedded,
  PipelineError,
  readAccounts,
  readEventItems,
  readLedger,
  runCampaignWorkflow,
  startEmbedded,
} from '@medins/embedded';
import { type RenewalResult, replay } from '@medins/engine';
import type { LocalHandler } from '@medins/local-stack';
import type { EventItem, LedgerItem } from '@medins/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FAMILIES = 24;
const PAGE = 7;
const YEAR = 2026;
const world = (prefix: string) => ({
  doc: renewalScenario({ families: FAMILIES, year: YEAR, prefix }),
  ...renewalWorld({ families: FAMILIES, year: YEAR, prefix }),
});
const crashed = world('');
const reference = world('u');
const handRun = world('h');

/** Crashes RenewPolicyPage at one page of one campaign, after renewing the first `keep` policies of it. */
const crash = { campaignId: '', atPage: -1, keep: 0, pages: 0 };

interface CampaignState {
  readonly event: { id: string };
  readonly page?: { policies: unknown[]; cursor?: string };
}

function observe(key: string, handler: LocalHandler): LocalHandler {
  if (key !== 'renewal/renew-policy-page') return handler;
  return async (state, context) => {
    const s = state as CampaignState;
    if (s.event.id !== crash.campaignId) return handler(state, context);
    if (crash.pages++ !== crash.atPage) return handler(state, context);
    await handler({ ...s, page: { ...s.page, policies: s.page!.policies.slice(0, crash.keep) } }, context);
    throw Object.assign(new Error('the process died in the middle of a page'), { name: 'SimulatedCrash' });
  };
}

let embedded: Embedded;

beforeAll(async () => {
  // Small pages, so the campaign has many.
  embedded = await startEmbedded({ wrapHandler: observe, policyPageSize: PAGE });
  for (const w of [crashed, reference, handRun]) {
    await embedded.seed(w.catalog, parseScenario(w.doc).world);
  }
});

afterAll(async () => {
  await embedded?.stop();
});

/** Everything a campaign left in the tables, with the world's prefix taken off the ids. */
async function footprint(w: ReturnType<typeof world>, prefix: string) {
  const strip = (v: unknown) =>
    JSON.parse(JSON.stringify(v).replace(new RegExp(`(?<=^|[^A-Za-z0-9-])${prefix}(?=(?:[pscdg]-\\d|hqb-|renewal-))`, 'g'), '')) as unknown;
  const ownId = (id: string) => id.startsWith(`${w.campaign.id}/`);
  const items = (await readEventItems(embedded.store)) as EventItem[];
  const perPolicy = items.filter((i) => ownId(i.eventId)).map((i) => [i.eventId, i.status, JSON.parse(i.result).reasons] as const);
  const report = items.find((i) => i.eventId === w.campaign.id);
  const ledger = ((await readLedger(embedded.store)) as LedgerItem[])
    .filter((l) => ownId(l.eventId))
    .map((l) => [l.eventId, l.memberId, l.currentFen, l.historicalFen, l.purpose, l.balanceAfterFen]);
  const policies = (await embedded.store.scanAll<{ productId: string; insuredId: string; payerId: string; payment: string }>('policies'))
    .filter((p) => p.productId === w.toProductId)
    .map((p) => [p.insuredId, p.payerId, p.payment]);
  const outbox = items
    .flatMap((i) => i.notifications ?? [])
    .filter((o) => ownId(o.eventId))
    .map((o) => [o.notificationId, o.amountFen]);
  const members = new Set(w.doc.members.map((m) => m.id));
  const balances = Object.entries(await readAccounts(embedded.store)).filter(([id]) => members.has(id));
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(strip(r))).sort();
  return {
    perPolicy: sorted(perPolicy),
    ledger: sorted(ledger),
    policies: sorted(policies),
    outbox: sorted(outbox),
    balances: sorted(balances),
    report: strip(report ? { ...JSON.parse(report.result), id: null } : null),
  };
}

describe('a renewal campaign restarted halfway', () => {
  let expected: Awaited<ReturnType<typeof footprint>>;
  const policies = FAMILIES * POLICIES_PER_FAMILY;

  beforeAll(async () => {
    await runCampaignWorkflow(embedded, reference.campaign);
    expected = await footprint(reference, 'u');
  });

  it('the reference walked every policy of the source product in pages, as the engine would', async () => {
    expect(expected.perPolicy).toHaveLength(policies);
    const engine = parseScenario(reference.doc);
    const { results, balances } = replay(engine.world, engine.events);
    expect(expected.report).toEqual({ ...(results[0] as RenewalResult), id: null });
    const report = results[0] as RenewalResult;
    // The world exercises every outcome: renewed, failed (balance, relative limit), reminded, skipped.
    expect(report.renewed).toBeGreaterThan(0);
    expect(report.skipped).toBeGreaterThan(0);
    expect(Object.keys(report.failedByReason).sort()).toEqual(['INSUFFICIENT_BALANCE', 'TOO_MANY_RELATIVES']);
    expect(expected.ledger).toHaveLength(report.renewed);
    const own = new Set(reference.doc.members.map((m) => m.id));
    expect(Object.fromEntries(Object.entries(await readAccounts(embedded.store)).filter(([id]) => own.has(id)))).toEqual({ ...balances });
  });

  it('crashed in the middle of a page, then started again: nobody renewed twice, the same end as the uninterrupted run', async () => {
    Object.assign(crash, { campaignId: crashed.campaign.id, atPage: 8, keep: 3, pages: 0 });
    await expect(runCampaignWorkflow(embedded, crashed.campaign)).rejects.toThrow(PipelineError);
    const halfway = await footprint(crashed, '');
    // The first eight pages and three policies of the ninth were handled; no report yet.
    expect(halfway.perPolicy).toHaveLength(8 * PAGE + 3);
    expect(halfway.report).toBeNull();

    crash.atPage = -1;
    await runCampaignWorkflow(embedded, crashed.campaign);
    expect(await footprint(crashed, '')).toEqual(expected);
  });

  it('only its first two pages run by hand, then the whole campaign: the same end', async () => {
    const [start, list, renew] = ['start-campaign', 'list-policy-page', 'renew-policy-page'].map((k) => embedded.handlers[`renewal/${k}`]!);
    let state = await start!({ event: handRun.campaign, attempt: 0 }, undefined as never);
    for (let page = 0; page < 2; page++) state = await renew!(await list!(state, undefined as never), undefined as never);
    expect((state as { walked: number }).walked).toBe(2 * PAGE);
    expect((await footprint(handRun, 'h')).perPolicy).toHaveLength(2 * PAGE);

    await runCampaignWorkflow(embedded, handRun.campaign);
    expect(await footprint(handRun, 'h')).toEqual(expected);
  });

  it('run once more after it finished: nothing changes, the first report stands', async () => {
    const before = await footprint(crashed, '');
    await runCampaignWorkflow(embedded, crashed.campaign);
    expect(await footprint(crashed, '')).toEqual(before);
  });
});
