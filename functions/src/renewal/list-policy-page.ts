/** RenewalWorkflow `ListPolicyPage`: the next page of the source product's policies, in creation order. */
import { getStore } from '../shared/store.ts';
import { withObservability } from '../shared/observability.ts';
import { parseStepEvent } from '../shared/parse.ts';
import { POLICY_PAGE_SIZE } from '../use-cases/run-campaign.ts';
import type { CampaignState } from './campaign-state.ts';

export const handler = withObservability(async (state: CampaignState): Promise<CampaignState> => {
  const campaign = parseStepEvent(state.event, ['renewalCampaign']);
  const page = await getStore().listPolicyPage(campaign.fromProductId, state.page?.cursor ?? null, Number(process.env.POLICY_PAGE_SIZE ?? POLICY_PAGE_SIZE));
  return { ...state, page: page.cursor ? { policies: page.policies, cursor: page.cursor } : { policies: page.policies } };
});
