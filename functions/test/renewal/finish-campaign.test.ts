/**
 * renewal/finish-campaign.ts: FinishCampaign — the campaign's report recorded
 * under its id once; the whole RenewalWorkflow, page by page, settles each
 * campaign as the engine's replay does.
 */
import { type MemberId, replay } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { create } from '../../src/renewal/finish-campaign.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, settle } from '../support/scenarios.ts';
import { renewalWorkflow } from '../support/workflows.ts';

async function campaignFixture(pageSize: number) {
  const f = fixture(exampleDoc('06-special-drugs-assistance-renewal'));
  for (const e of f.scenario.events) if (e.type !== 'renewalCampaign') await settle(f.store, e);
  const deps = testDeps(f.store, { policyPageSize: pageSize });
  return { f, deps, workflow: renewalWorkflow(deps) };
}

describe('FinishCampaign', () => {
  it.each([1, 3, 100])('pages of %i: both campaigns end with the replay’s reports and balances', async (pageSize) => {
    // Prepare
    const { f, workflow } = await campaignFixture(pageSize);
    const expected = replay(f.scenario.world, f.scenario.events);

    // Act
    const rc1 = await workflow.run(f.doc('rc1'));
    const rc2 = await workflow.run(f.doc('rc2'));

    // Assess
    expect([rc1.end.result, rc2.end.result]).toEqual(expected.results.slice(-2));
    expect(rc1.pages).toBe(Math.max(1, Math.ceil(4 / pageSize)));
    expect(rc1.end.walked).toBe(4);
    expect(rc1.end).not.toHaveProperty('page');
    for (const [id, account] of Object.entries(expected.balances)) expect(await f.store.readBalances(id as MemberId)).toEqual(account);
  });

  it('records the report once: a re-run gets the first report back; counts renewals and failures', async () => {
    const { f, deps, workflow } = await campaignFixture(100);
    const { end } = await workflow.run(f.doc('rc1'));
    const finish = create(deps);

    const again = await finish({ ...end, report: { ...end.report, renewed: 99 } });

    expect(again.result).toEqual(end.result);
    expect(await f.store.readResult('rc1')).toEqual(end.result);
    expect(deps.telemetry.metric('PoliciesRenewed')).toBe(2 * end.result!.renewed);
    expect(deps.telemetry.metric('RenewalsFailed')).toBe(2 * end.result!.failed);
  });
});
