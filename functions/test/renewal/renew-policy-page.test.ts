/**
 * renewal/renew-policy-page.ts: RenewPolicyPage — each policy of the page renewed
 * (or reminded, failed, skipped) once, one after another; the page is emptied and
 * its cursor kept for MorePages?.
 */
import type { MemberId, RenewalResult } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { create } from '../../src/renewal/renew-policy-page.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, settle } from '../support/scenarios.ts';
import { renewalWorkflow } from '../support/workflows.ts';

async function campaignFixture(pageSize: number) {
  const f = fixture(exampleDoc('06-special-drugs-assistance-renewal'));
  for (const e of f.scenario.events) if (e.type !== 'renewalCampaign') await settle(f.store, e);
  const deps = testDeps(f.store, { policyPageSize: pageSize });
  return { f, deps, workflow: renewalWorkflow(deps) };
}

describe('RenewPolicyPage', () => {
  it('renews a page’s policies in order, tallies them and keeps only the cursor', async () => {
    // Prepare
    const { f, deps, workflow } = await campaignFixture(3);
    const listed = await workflow.steps.list(await workflow.steps.start({ event: f.doc('rc1') }));

    // Act
    const state = await create(deps)(listed);

    // Assess: d pays for itself and for e from one account; f pays cash (a reminder).
    expect(state.page).toEqual({ policies: [], cursor: listed.page!.cursor });
    expect(state.walked).toBe(3);
    expect(state.report).toMatchObject({ renewed: 2, reminded: 1, failed: 0, skipped: 0 });
    expect(await f.store.readResult('rc1/pol-d')).toMatchObject({ type: 'policyRenewal', status: 'renewed', policyId: 'pol-d' });
    expect((await f.store.listPolicyPage('huiqubao-2022', null, 10)).policies.map((p) => p.insuredId)).toEqual(['d', 'e']);
  });

  it('renews nobody twice when a page is run again (a redrive from the failed step)', async () => {
    const { f, deps, workflow } = await campaignFixture(10);
    const listed = await workflow.steps.list(await workflow.steps.start({ event: f.doc('rc1') }));
    const renew = create(deps);
    const once = await renew(listed);
    const balance = await f.store.readBalances('d' as MemberId);
    const commits = f.store.commits;

    const twice = await renew(listed);

    expect(twice.report).toEqual(once.report);
    expect(twice.page).toEqual({ policies: [] });
    expect(f.store.commits).toBe(commits);
    expect(await f.store.readBalances('d' as MemberId)).toEqual(balance);
  });

  it('walks nothing on an empty page', async () => {
    const { f, deps } = await campaignFixture(10);
    const report = {
      id: 'rc1',
      type: 'renewalCampaign',
      status: 'done',
      renewed: 0,
      failed: 0,
      failedByReason: {},
      reminded: 0,
      skipped: 0,
    } as unknown as RenewalResult;

    const state = await create(deps)({ event: f.doc('rc1'), report, walked: 4 });

    expect(state).toMatchObject({ report, walked: 4, page: { policies: [] } });
    expect(state.page).not.toHaveProperty('cursor');
  });
});
