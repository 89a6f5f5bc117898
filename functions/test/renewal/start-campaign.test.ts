/** renewal/start-campaign.ts: StartCampaign — a valid campaign event and an empty report. */
import { describe, expect, it } from 'vitest';
import { create } from '../../src/renewal/start-campaign.ts';
import { WorkflowInputError } from '../../src/shared/parse.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture } from '../support/scenarios.ts';

const RENEWAL = '06-special-drugs-assistance-renewal';

describe('StartCampaign', () => {
  it('starts an empty report for the campaign, nothing walked', async () => {
    const f = fixture(exampleDoc(RENEWAL));

    const state = await create(testDeps(f.store))({ event: f.doc('rc1') });

    expect(state).toEqual({
      event: f.doc('rc1'),
      report: { id: 'rc1', type: 'renewalCampaign', status: 'done', renewed: 0, failed: 0, failedByReason: {}, reminded: 0, skipped: 0 },
      walked: 0,
    });
  });

  it('refuses anything but a renewal campaign', async () => {
    const f = fixture(exampleDoc(RENEWAL));
    const start = create(testDeps(f.store));

    await expect(start({ event: f.doc('sd1') })).rejects.toThrow(WorkflowInputError);
    await expect(start({ event: { type: 'renewalCampaign', id: 'rc' } })).rejects.toThrow(WorkflowInputError);
  });
});
