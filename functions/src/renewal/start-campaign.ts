/** RenewalWorkflow `StartCampaign`: validates the campaign event and starts an empty report. */
import { emptyRenewalReport } from '@medins/engine';
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { parseStepEvent } from '../shared/parse.ts';
import type { CampaignState } from './campaign-state.ts';

export const create = ({ telemetry }: Pick<HandlerDeps, 'telemetry'>) =>
  telemetry.wrap(async (input: { event: unknown }): Promise<CampaignState> => {
    const campaign = parseStepEvent(input.event, ['renewalCampaign']);
    return { event: input.event as CampaignState['event'], report: emptyRenewalReport(campaign), walked: 0 };
  });

export const handler = onAws(create);
