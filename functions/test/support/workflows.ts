/**
 * Test support: the workflows' paths (infra/src/workflows) walked with the real
 * handlers, built by their own `create`: each state goes over the wire (JSON)
 * from one step to the next as Step Functions passes it, and the Choice states
 * (WasAlreadyApplied?, IsEligible?) are taken as the definitions take them:
 * CheckEligibility and DecideEvent load, DeductFromAccounts and DecideEvent commit.
 */
import type { SealedEventDoc } from '@medins/contract';
import * as checkEligibility from '../../src/claims/check-eligibility.ts';
import * as deductFromAccounts from '../../src/claims/deduct-from-accounts.ts';
import * as settleTiers from '../../src/claims/settle-tiers.ts';
import * as decideEvent from '../../src/events/decide.ts';
import * as notify from '../../src/events/notify.ts';
import * as recordRejection from '../../src/events/record-rejection.ts';
import type { CampaignState } from '../../src/renewal/campaign-state.ts';
import * as finishCampaign from '../../src/renewal/finish-campaign.ts';
import * as listPolicyPage from '../../src/renewal/list-policy-page.ts';
import * as renewPolicyPage from '../../src/renewal/renew-policy-page.ts';
import * as startCampaign from '../../src/renewal/start-campaign.ts';
import type { WorkflowState } from '../../src/shared/workflow-state.ts';
import type { TestDeps } from './deps.ts';
import { overTheWire, stateOf } from './scenarios.ts';

const wired =
  <I, O>(handler: (state: I) => Promise<O>) =>
  async (state: I): Promise<O> =>
    overTheWire(await handler(overTheWire(state)));

/** ReturnPriorResult: the outcome of an event applied before, with what it owes (infra/src/workflows/workflow-parts.ts). */
const returnPrior = (state: WorkflowState): WorkflowState => ({
  ...state,
  outcome: {
    applied: false,
    result: state.loaded!.prior!,
    notifications: (state.loaded as unknown as { priorNotifications: [] }).priorNotifications,
  } as unknown as WorkflowState['outcome'],
});

/** The ClaimWorkflow's steps, and its path for one claim or quote. */
export function claimWorkflow(deps: TestDeps) {
  const steps = {
    check: wired(checkEligibility.create(deps)),
    settle: wired(settleTiers.create(deps)),
    deduct: wired(deductFromAccounts.create(deps)),
    reject: wired(recordRejection.create(deps)),
    notify: wired(notify.create(deps)),
  };
  return {
    steps,
    async run(event: SealedEventDoc): Promise<WorkflowState> {
      const checked = await steps.check(stateOf(event));
      if (checked.loaded?.prior) return steps.notify(returnPrior(checked));
      if (!checked.eligibility?.eligible) return steps.reject(checked);
      if (checked.eligibility.flags) return steps.deduct(checked);
      return steps.notify(await steps.deduct(await steps.settle(checked)));
    },
  };
}

/** The MemberEventWorkflow's steps, and its path for one enrollment, binding or reversal. */
export function memberEventWorkflow(deps: TestDeps) {
  const steps = {
    decide: wired(decideEvent.create(deps)),
    notify: wired(notify.create(deps)),
  };
  return {
    steps,
    async run(event: SealedEventDoc): Promise<WorkflowState> {
      const decided = await steps.decide(stateOf(event));
      return steps.notify(decided.loaded?.prior ? returnPrior(decided) : decided);
    },
  };
}

/** The RenewalWorkflow's steps, and its loop over the pages of one campaign (MorePages? tests `page.cursor`). */
export function renewalWorkflow(deps: TestDeps) {
  const steps = {
    start: wired(startCampaign.create(deps)),
    list: wired(listPolicyPage.create(deps)),
    renew: wired(renewPolicyPage.create(deps)),
    finish: wired(finishCampaign.create(deps)),
  };
  return {
    steps,
    /** Runs the campaign to its end; `pages` counts the ListPolicyPage invocations. */
    async run(event: SealedEventDoc): Promise<{ end: CampaignState; pages: number }> {
      let state = await steps.start({ event });
      let pages = 0;
      do {
        state = await steps.renew(await steps.list(state));
        pages++;
      } while (state.page?.cursor !== undefined);
      return { end: await steps.finish(state), pages };
    },
  };
}
