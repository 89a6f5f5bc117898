/** renewal/list-policy-page.ts: ListPolicyPage — the next page of the source product's policies, the cursor only while more follow. */
import { describe, expect, it } from 'vitest';
import * as finish from '../../src/renewal/finish-campaign.ts';
import { create } from '../../src/renewal/list-policy-page.ts';
import * as start from '../../src/renewal/start-campaign.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture } from '../support/scenarios.ts';

describe('ListPolicyPage', () => {
  it('walks the product’s policies in creation order, a page of policyPageSize at a time', async () => {
    // Prepare
    const f = fixture(exampleDoc('06-special-drugs-assistance-renewal'));
    const deps = testDeps(f.store, { policyPageSize: 3 });
    const list = create(deps);
    const started = await start.create(deps)({ event: f.doc('rc1') });

    // Act
    const first = await list(started);
    const second = await list(first);

    // Assess
    expect(first.page?.policies.map((p) => p.id)).toEqual(['pol-d', 'pol-e', 'pol-f']);
    expect(first.page?.cursor).toEqual(expect.any(String));
    expect(second.page).toEqual({ policies: [expect.objectContaining({ id: 'pol-q', productId: 'huiqubao-2021' })] });
    expect(second.report).toEqual(started.report);
  });

  it('gives an empty last page for a product with no policies', async () => {
    const f = fixture(exampleDoc('06-special-drugs-assistance-renewal'));
    const deps = testDeps(f.store);
    const event = { ...f.doc('rc1'), fromProductId: 'huiqubao-2022' };

    const state = await create(deps)(await start.create(deps)({ event }));

    expect(state.page).toEqual({ policies: [] });
  });

  it('walks nothing for a campaign whose report is recorded, so nothing enrolled since is renewed under it', async () => {
    // Prepare: the campaign ran to its report once.
    const f = fixture(exampleDoc('06-special-drugs-assistance-renewal'));
    const deps = testDeps(f.store, { policyPageSize: 3 });
    const started = await start.create(deps)({ event: f.doc('rc1') });
    await finish.create(deps)({ ...started, page: { policies: [] } });

    // Act: the same event delivered again.
    const again = await create(deps)(await start.create(deps)({ event: f.doc('rc1') }));

    // Assess
    expect(again.page).toEqual({ policies: [] });
  });
});
