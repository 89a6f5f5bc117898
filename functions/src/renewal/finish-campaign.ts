/** RenewalWorkflow `FinishCampaign`: records the campaign's report under its event id, once. */
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { parseStepEvent } from '../shared/parse.ts';
import { finishCampaign } from '../use-cases/finish-campaign.ts';
import type { CampaignState } from './campaign-state.ts';

export const create = ({ store, telemetry }: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  telemetry.wrap(async (state: CampaignState): Promise<CampaignState> => {
    const campaign = parseStepEvent(state.event, ['renewalCampaign']);
    const result = await finishCampaign(store, campaign, state.report, state.event);
    telemetry.metrics.addMetric('PoliciesRenewed', 'Count', result.renewed);
    telemetry.metrics.addMetric('RenewalsFailed', 'Count', result.failed);
    telemetry.logger.info('renewal campaign finished', {
      campaignId: campaign.id,
      renewed: result.renewed,
      failed: result.failed,
      reminded: result.reminded,
      skipped: result.skipped,
    });
    const { page: _page, ...rest } = state;
    return { ...rest, result };
  });

export const handler = onAws(create);
