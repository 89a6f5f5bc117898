/**
 * Test support: the workflows' paths (infra/src/workflows) walked with the real
 * handlers, built by their own `create`: each state goes over the wire (JSON)
 * from one step to the next as Step Functions passes it, and the Choice states
 * (WasAlreadyApplied?, IsEligible?) are taken as the definitions take them.
 */
import type { SealedEventDoc } from '@medins/contract';
import * as checkEligibility from '../../src/claims/check-eligibility.ts';
import * as deductFromAccounts from '../../src/claims/deduct-from-accounts.ts';
import * as loadClaimContext from '../../src/claims/load-context.ts';
import * as settleTiers from '../../src/claims/settle-tiers.ts';
import * as commit from '../../src/events/commit.ts';
import * as decideEvent from '../../src/events/decide.ts';
import * as loadEventContext from '../../src/events/load-context.ts';
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
    load: wired(loadClaimContext.create(deps)),
    check: wired(checkEligibility.create(deps)),
    settle: wired(settleTiers.create(deps)),
    deduct: wired(deductFromAccounts.create(deps)),
    commit: wired(commit.create(deps)),
    reject: wired(recordRejection.create(deps)),
    notify: wired(notify.create(deps)),
  };
  return {
    steps,
    async run(event: SealedEventDoc): Promise<WorkflowState> {
      const loaded = await steps.load(stateOf(event));
      if (loaded.loaded?.prior) return steps.notify(returnPrior(loaded));
      const checked = await steps.check(loaded);
      if (!checked.eligibility?.eligible) return steps.reject(checked);
      return steps.notify(await steps.commit(await steps.deduct(await steps.settle(checked))));
    },
  };
}

/** The MemberEventWorkflow's steps, and its path for one enrollment, binding or reversal. */
export function memberEventWorkflow(deps: TestDeps) {
  const steps = {
    load: wired(loadEventContext.create(deps)),
    decide: wired(decideEvent.create(deps)),
    commit: wired(commit.create(deps)),
    notify: wired(notify.create(deps)),
  };
  return {
    steps,
    async run(event: SealedEventDoc): Promise<WorkflowState> {
      const loaded = await steps.load(stateOf(event));
      if (loaded.loaded?.prior) return steps.notify(returnPrior(loaded));
      return steps.notify(await steps.commit(await steps.decide(loaded)));
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
