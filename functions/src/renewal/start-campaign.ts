/** RenewalWorkflow `StartCampaign`: validates the campaign event and starts an empty report. */
import { emptyRenewalReport } from '@medins/engine';
import { withObservability } from '../shared/observability.ts';
import { parseStepEvent } from '../shared/parse.ts';
import type { CampaignState } from './campaign-state.ts';

export const handler = withObservability(async (input: { event: unknown }): Promise<CampaignState> => {
  const campaign = parseStepEvent(input.event, ['renewalCampaign']);
  return { event: input.event as CampaignState['event'], report: emptyRenewalReport(campaign), walked: 0 };
});
