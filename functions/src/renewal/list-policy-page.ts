/** RenewalWorkflow `ListPolicyPage`: the next page of the source product's policies, in creation order. */
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { parseStepEvent } from '../shared/parse.ts';
import type { CampaignState } from './campaign-state.ts';

export const create = (deps: Pick<HandlerDeps, 'store' | 'telemetry' | 'policyPageSize'>) =>
  deps.telemetry.wrap(async (state: CampaignState): Promise<CampaignState> => {
    const campaign = parseStepEvent(state.event, ['renewalCampaign']);
    const page = await deps.store.listPolicyPage(campaign.fromProductId, state.page?.cursor ?? null, deps.policyPageSize);
    return { ...state, page: page.cursor ? { policies: page.policies, cursor: page.cursor } : { policies: page.policies } };
  });

export const handler = onAws(create);
