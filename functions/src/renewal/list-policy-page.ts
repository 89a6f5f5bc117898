/**
 * RenewalWorkflow `ListPolicyPage`: the next page of the source product's policies,
 * in creation order. A campaign whose report is already recorded (its event delivered
 * again, a scheduler firing twice) walks nothing: the first page is empty, so
 * FinishCampaign returns the first report and no policy enrolled since is renewed —
 * and debited — under an event applied before. A run that stopped before its report
 * walks again, and each policy's own renewal id keeps it renewed once.
 */
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { parseStepEvent } from '../shared/parse.ts';
import type { CampaignState } from './campaign-state.ts';

export const create = (deps: Pick<HandlerDeps, 'store' | 'telemetry' | 'policyPageSize'>) =>
  deps.telemetry.wrap(async (state: CampaignState): Promise<CampaignState> => {
    const campaign = parseStepEvent(state.event, ['renewalCampaign']);
    if (!state.page?.cursor && (await deps.store.readResult(campaign.id))) return { ...state, page: { policies: [] } };
    const page = await deps.store.listPolicyPage(campaign.fromProductId, state.page?.cursor ?? null, deps.policyPageSize);
    return { ...state, page: page.cursor ? { policies: page.policies, cursor: page.cursor } : { policies: page.policies } };
  });

export const handler = onAws(create);
