/** RenewalWorkflow `FinishCampaign`: records the campaign's report under its event id, once. */
import { getStore } from '../shared/store.ts';
import { logger, metrics, withObservability } from '../shared/observability.ts';
import { parseStepEvent } from '../shared/parse.ts';
import { finishCampaign } from '../use-cases/run-campaign.ts';
import type { CampaignState } from './campaign-state.ts';

export const handler = withObservability(async (state: CampaignState): Promise<CampaignState> => {
  const campaign = parseStepEvent(state.event, ['renewalCampaign']);
  const result = await finishCampaign(getStore(), campaign, state.report, state.event);
  metrics.addMetric('PoliciesRenewed', 'Count', result.renewed);
  metrics.addMetric('RenewalsFailed', 'Count', result.failed);
  logger.info('renewal campaign finished', { campaignId: campaign.id, renewed: result.renewed, failed: result.failed, reminded: result.reminded, skipped: result.skipped });
  const { page: _page, ...rest } = state;
  return { ...rest, result };
});
