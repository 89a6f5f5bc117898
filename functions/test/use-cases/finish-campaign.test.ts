/** use-cases/finish-campaign.ts: a campaign's report recorded under its own id once; a re-run gets the first report. */
import type { RenewalCampaignEvent, RenewalResult } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { finishCampaign } from '../../src/use-cases/finish-campaign.ts';
import { exampleDoc, fixture } from '../support/scenarios.ts';

const report = (renewed: number): RenewalResult =>
  ({
    id: 'rc1',
    type: 'renewalCampaign',
    status: 'done',
    renewed,
    failed: 1,
    failedByReason: {},
    reminded: 2,
    skipped: 0,
  }) as RenewalResult;

describe('finishCampaign', () => {
  it('records the report with the campaign event and changes nothing else', async () => {
    const f = fixture(exampleDoc('06-special-drugs-assistance-renewal'));
    const campaign = f.event('rc1') as RenewalCampaignEvent;

    const result = await finishCampaign(f.store, campaign, report(2), f.doc('rc1'));

    expect(result).toEqual(report(2));
    expect(await f.store.readApplied('rc1')).toEqual({ result: report(2), event: f.doc('rc1') });
    expect(f.store.notifications()).toEqual([]);
  });

  it('answers a second finish with the first report, without committing', async () => {
    const f = fixture(exampleDoc('06-special-drugs-assistance-renewal'));
    const campaign = f.event('rc1') as RenewalCampaignEvent;
    await finishCampaign(f.store, campaign, report(2), f.doc('rc1'));

    const again = await finishCampaign(f.store, campaign, report(9), f.doc('rc1'));

    expect(again).toEqual(report(2));
    expect(f.store.commits).toBe(1);
  });
});
