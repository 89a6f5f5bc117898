/**
 * The synthesized state machines run with the real handlers on the embedded
 * stack: each path visits the states the CDK app defines, in order, and leaves
 * in the tables exactly what the engine decides (results, balances, ledger).
 * - ClaimWorkflow: a settled claim, a quote, an eligibility rejection, and an
 *   event applied before (the prior result, nothing changes);
 * - MemberEventWorkflow: an enrollment paid from the personal account, a
 *   rejected one, and a repeat;
 * - RenewalWorkflow: a campaign in one page and in many, and a re-run that
 *   renews nobody twice.
 */
import { join } from 'node:path';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { parseScenario, type ScenarioInput, sealEventDoc } from '@medins/contract';
import { type EventResult, replay } from '@medins/engine';
import type { ExecutionResult } from '@medins/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Embedded, readAccounts, readLedger, startEmbedded } from '../src/index.ts';
import { EXAMPLES_DIR, emptyTables, readText } from './support/stack.ts';

let embedded: Embedded;

beforeAll(async () => {
  embedded = await startEmbedded();
});

afterAll(async () => {
  await embedded?.stop();
});

const example = (name: string): ScenarioInput => JSON.parse(readText(join(EXAMPLES_DIR, `${name}.scenario.json`))) as ScenarioInput;
type AnyEvent = ScenarioInput['events'][number];
const eventOf = (doc: ScenarioInput, id: string): AnyEvent => {
  const e = doc.events.find((x) => x.id === id);
  if (!e) throw new Error(`no event ${id}`);
  return e;
};

/** An event as the queue delivers it to a workflow: personal data sealed (as the API seals it). */
const sealed = (e: AnyEvent) => sealEventDoc(e, embedded.digest);

/** Fresh tables holding the document's world (and none of its events). */
async function seedWorld(doc: ScenarioInput): Promise<void> {
  await emptyTables(embedded);
  await embedded.seed({ regions: doc.regions ?? [], plans: doc.plans, providers: doc.providers }, parseScenario(doc).world);
}

/** The engine's results and balances for these events of the document, from its world. */
function engine(doc: ScenarioInput, events: readonly AnyEvent[]) {
  const s = parseScenario({ ...doc, events });
  return replay(s.world, s.events);
}

const names = (run: ExecutionResult) => run.states.map((s) => s.name);

interface Output {
  readonly outcome?: {
    readonly applied: boolean;
    readonly result: EventResult;
    readonly notifications: readonly { readonly notificationId: string }[];
  };
  readonly loaded?: { readonly prior?: EventResult };
  readonly result?: EventResult;
  readonly report?: EventResult;
}

function succeeded(run: ExecutionResult): Output {
  if (run.status !== 'SUCCEEDED') throw new Error(`execution ended ${run.status}: ${'error' in run ? `${run.error} ${run.cause}` : ''}`);
  return run.output as Output;
}

// CheckEligibility loads the snapshot first; DeductFromAccounts commits: two Lambda invocations fewer than a load and a commit step.
const SETTLED_PATH = [
  'CheckEligibility',
  'WasAlreadyApplied?',
  'IsEligible?',
  'SettleTiers',
  'DeductFromAccounts',
  'IsHeld?',
  'NotifyMembers',
  'ClaimDone',
];
const REJECTED_PATH = ['CheckEligibility', 'WasAlreadyApplied?', 'IsEligible?', 'RecordRejection', 'ClaimDone'];
// A redelivery, not held: no review to open; it publishes what the first commit owed again (same ids).
const CLAIM_PRIOR_PATH = ['CheckEligibility', 'WasAlreadyApplied?', 'ReturnPriorResult', 'WasHeld?', 'NotifyMembers', 'ClaimDone'];
// DecideEvent loads, decides and commits.
const EVENT_PATH = ['DecideEvent', 'WasAlreadyApplied?', 'NotifyMembers', 'EventDone'];
const EVENT_PRIOR_PATH = ['DecideEvent', 'WasAlreadyApplied?', 'ReturnPriorResult', 'NotifyMembers', 'EventDone'];

describe('ClaimWorkflow with the real handlers', () => {
  const doc = example('05-rejected-claims');
  const settled = eventOf(doc, 'x6'); // member a, paid partly from a's personal account
  const inactive = eventOf(doc, 'x3'); // member b is suspended: MEMBER_NOT_ACTIVE
  const quote = { ...settled, type: 'quote', id: 'q-x6' } as AnyEvent;

  beforeAll(async () => {
    await seedWorld(doc);
  });

  it('settles an eligible claim: eligibility, tiers, accounts, one commit, notifications', async () => {
    const before = await readAccounts(embedded.store);
    const run = await embedded.workflows.claim.run({ event: settled, attempt: 0 });
    const output = succeeded(run);
    expect(names(run)).toEqual(SETTLED_PATH);
    expect(run.transitions).toBe(SETTLED_PATH.length); // no retry, no conflict

    const expected = engine(doc, [settled]);
    expect(output.outcome?.applied).toBe(true);
    expect(output.outcome?.result).toEqual(expected.results[0]);
    expect(expected.results[0]).toMatchObject({ status: 'settled', payments: { ownAccountFen: 2000 } });
    expect(await embedded.store.readResult(settled.id)).toEqual(expected.results[0]);
    expect(await readAccounts(embedded.store)).toEqual(expected.balances);
    expect(before).not.toEqual(expected.balances);

    const entries = (await readLedger(embedded.store)).filter((e) => e.eventId === settled.id);
    expect(entries.map((e) => [e.memberId, e.currentFen + e.historicalFen])).toEqual([['a', -2000]]);
  });

  it('returns the prior result of a claim applied before, changing nothing', async () => {
    const balances = await readAccounts(embedded.store);
    const ledger = await readLedger(embedded.store);
    const first = await embedded.store.readResult(settled.id);
    const run = await embedded.workflows.claim.run({ event: settled, attempt: 0 });
    const output = succeeded(run);
    expect(names(run)).toEqual(CLAIM_PRIOR_PATH);
    expect(output.outcome?.applied).toBe(false);
    expect(output.outcome?.notifications.map((n) => n.notificationId)).toEqual([`${settled.id}|a|claimSettled`]);
    expect(output.outcome?.result).toEqual(first);
    expect(await readAccounts(embedded.store)).toEqual(balances);
    expect(await readLedger(embedded.store)).toEqual(ledger);
  });

  it('records an eligibility rejection once, moving no money', async () => {
    const balances = await readAccounts(embedded.store);
    const ledger = await readLedger(embedded.store);
    const run = await embedded.workflows.claim.run({ event: inactive, attempt: 0 });
    const output = succeeded(run);
    expect(names(run)).toEqual(REJECTED_PATH);

    const expected = engine(doc, [settled, inactive]).results[1]!;
    expect(expected).toMatchObject({ status: 'rejected', reasons: [{ code: 'MEMBER_NOT_ACTIVE' }] });
    expect(output.outcome?.applied).toBe(true);
    expect(output.outcome?.result).toEqual(expected);
    expect(await embedded.store.readResult(inactive.id)).toEqual(expected);
    expect(await readAccounts(embedded.store)).toEqual(balances);
    expect(await readLedger(embedded.store)).toEqual(ledger);

    const again = await embedded.workflows.claim.run({ event: inactive, attempt: 0 });
    expect(names(again)).toEqual(CLAIM_PRIOR_PATH);
    expect(succeeded(again).outcome?.result).toEqual(expected);
  });

  it('quotes through the settlement path without moving money', async () => {
    const balances = await readAccounts(embedded.store);
    const ledger = await readLedger(embedded.store);
    const run = await embedded.workflows.claim.run({ event: quote, attempt: 0 });
    const output = succeeded(run);
    expect(names(run)).toEqual(SETTLED_PATH);
    const expected = engine(doc, [settled, inactive, quote]).results[2]!;
    expect(expected.status).toBe('quoted');
    expect(output.outcome?.result).toEqual(expected);
    expect(await readAccounts(embedded.store)).toEqual(balances);
    expect(await readLedger(embedded.store)).toEqual(ledger);
  });

  it('sends an event the handlers cannot decide to RecordFailure and the dead-letter queue', async () => {
    const run = await embedded.workflows.claim.run({ event: { ...settled, id: 'broken', lines: 'not lines' }, attempt: 0 });
    expect(run.status).toBe('FAILED');
    expect(names(run)).toEqual(['CheckEligibility', 'RecordFailure', 'ClaimFailed']);
    expect(await embedded.store.readResult('broken')).toBeNull();
    const received = await embedded.stack.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: embedded.queueUrls['claims-dlq'], MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    const bodies = (received.Messages ?? []).map(
      (m) => JSON.parse(m.Body ?? '{}') as { workflow?: string; event?: { id?: string }; error?: { Error?: string } },
    );
    expect(bodies).toEqual([
      expect.objectContaining({
        workflow: 'ClaimWorkflow',
        event: expect.objectContaining({ id: 'broken' }),
        error: expect.objectContaining({ Error: expect.any(String) }),
      }),
    ]);
  });
});

describe('MemberEventWorkflow with the real handlers', () => {
  const doc = example('04-enrollment-personal-account');
  const enrolled = eventOf(doc, 'e-self'); // p pays 12,900 fen from the personal account
  const closed = eventOf(doc, 'e-mo-late'); // after the window: ENROLLMENT_CLOSED

  beforeAll(async () => {
    await seedWorld(doc);
  });

  it('enrolls, paying the premium from the personal account, in one commit', async () => {
    const run = await embedded.workflows.memberEvent.run({ event: sealed(enrolled), attempt: 0 });
    const output = succeeded(run);
    expect(names(run)).toEqual(EVENT_PATH);
    expect(run.transitions).toBe(EVENT_PATH.length);

    const expected = engine(doc, [enrolled]);
    expect(expected.results[0]).toMatchObject({ status: 'enrolled', accountPaidFen: 12_900 });
    expect(output.outcome?.applied).toBe(true);
    expect(output.outcome?.result).toEqual(expected.results[0]);
    expect(await embedded.store.readResult(enrolled.id)).toEqual(expected.results[0]);
    expect(await readAccounts(embedded.store)).toEqual(expected.balances);
    const entries = (await readLedger(embedded.store)).filter((e) => e.eventId === enrolled.id);
    expect(entries.map((e) => [e.memberId, e.currentFen + e.historicalFen])).toEqual([['p', -12_900]]);
    const policies = await embedded.store.scanAll<{ productId: string; sk: string }>('policies');
    expect(policies.filter((p) => p.sk === 'insured|p').map((p) => p.productId)).toEqual(['jiangsu-yihuibao-2024']);
  });

  it('records a rejected enrollment through the same path, changing nothing', async () => {
    const balances = await readAccounts(embedded.store);
    const run = await embedded.workflows.memberEvent.run({ event: sealed(closed), attempt: 0 });
    const output = succeeded(run);
    expect(names(run)).toEqual(EVENT_PATH);
    expect(output.outcome?.result).toEqual(engine(doc, [enrolled, closed]).results[1]);
    expect(output.outcome?.result).toMatchObject({ status: 'rejected', reasons: [{ code: 'ENROLLMENT_CLOSED' }] });
    expect(await readAccounts(embedded.store)).toEqual(balances);
  });

  it('returns the prior result of an enrollment applied before', async () => {
    const balances = await readAccounts(embedded.store);
    const ledger = await readLedger(embedded.store);
    const run = await embedded.workflows.memberEvent.run({
      event: sealed({ ...enrolled, at: '2023-11-20T10:00:05+08:00' } as AnyEvent),
      attempt: 0,
    });
    const output = succeeded(run);
    expect(names(run)).toEqual(EVENT_PRIOR_PATH);
    expect(output.outcome?.applied).toBe(false);
    expect(output.outcome?.result).toEqual(engine(doc, [enrolled]).results[0]);
    expect(await readAccounts(embedded.store)).toEqual(balances);
    expect(await readLedger(embedded.store)).toEqual(ledger);
  });
});

describe('RenewalWorkflow with the real handlers', () => {
  const doc = example('06-special-drugs-assistance-renewal');
  const rc1 = eventOf(doc, 'rc1');
  const rc2 = eventOf(doc, 'rc2');

  beforeAll(async () => {
    await seedWorld(doc);
  });

  afterAll(() => {
    embedded.setPolicyPageSize(100);
  });

  it('renews a product year in one page and records the campaign report', async () => {
    const run = await embedded.workflows.renewal.run({ event: rc1, attempt: 0 });
    const output = succeeded(run);
    expect(names(run)).toEqual(['StartCampaign', 'ListPolicyPage', 'RenewPolicyPage', 'MorePages?', 'FinishCampaign', 'CampaignDone']);

    const expected = engine(doc, [rc1]);
    expect(expected.results[0]).toMatchObject({ renewed: 2, failed: 1, reminded: 2 });
    expect(output.result).toEqual(expected.results[0]);
    expect(await embedded.store.readResult(rc1.id)).toEqual(expected.results[0]);
    expect(await readAccounts(embedded.store)).toEqual(expected.balances);
  });

  it('re-running the campaign renews nobody twice and returns the first report', async () => {
    const balances = await readAccounts(embedded.store);
    const ledger = await readLedger(embedded.store);
    const policies = await embedded.store.scanAll('policies');
    const run = await embedded.workflows.renewal.run({ event: rc1, attempt: 0 });
    expect(succeeded(run).result).toEqual(engine(doc, [rc1]).results[0]);
    expect(await readAccounts(embedded.store)).toEqual(balances);
    expect(await readLedger(embedded.store)).toEqual(ledger);
    expect(await embedded.store.scanAll('policies')).toHaveLength(policies.length);
  });

  it('walks the policies page by page in creation order, as the engine does', async () => {
    embedded.setPolicyPageSize(1);
    const run = await embedded.workflows.renewal.run({ event: rc2, attempt: 0 });
    const output = succeeded(run);
    const listed = names(run).filter((n) => n === 'ListPolicyPage').length;
    expect(listed).toBeGreaterThanOrEqual(4); // four policies of huiqubao-2021, one a page
    expect(names(run).filter((n) => n === 'MorePages?').length).toBe(listed);
    expect(names(run).at(-1)).toBe('CampaignDone');

    const expected = engine(doc, [rc1, rc2]);
    expect(output.result).toEqual(expected.results[1]);
    expect(await readAccounts(embedded.store)).toEqual(expected.balances);
  });
});
