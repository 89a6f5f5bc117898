/**
 * RenewalWorkflow `RenewPolicyPage`: renews the page's policies one after another
 * (a payer's balance is shared by the policies they pay for), each exactly once,
 * and publishes what each renewal owes (at least once: a re-run of the page
 * publishes the renewed policies' notifications again under the same ids).
 */
import { tallyRenewal } from '@medins/engine';
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { parseStepEvent } from '../shared/parse.ts';
import { publishNotifications } from '../use-cases/notify.ts';
import { renewPolicy } from '../use-cases/renew-policy.ts';
import type { CampaignState } from './campaign-state.ts';

export const create = ({ store, telemetry, notifier }: Pick<HandlerDeps, 'store' | 'telemetry' | 'notifier'>) =>
  telemetry.wrap(async (state: CampaignState): Promise<CampaignState> => {
    const campaign = parseStepEvent(state.event, ['renewalCampaign']);
    let report = state.report;
    const policies = state.page?.policies ?? [];
    for (const policy of policies) {
      const { result: r, notifications } = await renewPolicy(store, campaign, policy);
      await publishNotifications(notifier, notifications);
      report = tallyRenewal(report, {
        policyId: policy.id,
        outcome: r.status,
        reasons: r.reasons as never,
        changes: [],
        notifications: [],
      });
    }
    // Keep only the cursor: the renewed page need not travel further.
    return {
      ...state,
      report,
      walked: state.walked + policies.length,
      page: state.page?.cursor ? { policies: [], cursor: state.page.cursor } : { policies: [] },
    };
  });

export const handler = onAws(create);
