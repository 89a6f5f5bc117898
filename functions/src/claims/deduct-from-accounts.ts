/**
 * ClaimWorkflow `DeductFromAccounts`: handler → engine payment of what the tiers
 * left (own account, then the family holder's within the reserve, then cash) →
 * commitDecision: the claim's one TransactWriteItems, in the same invocation
 * (docs/decisions.md "Load and commit merged into their neighbouring steps").
 * A held claim comes here straight from CheckEligibility with its hold as the
 * decision: nothing is deducted, the hold is committed. Returns the outcome (the
 * spent snapshot and decision dropped); a ConflictError goes back to
 * CheckEligibility, which loads and decides again.
 */
import { claimDecision, type Decision, SnapshotView, settleRemainder } from '@medins/engine';
import { onAws } from '../adapters/aws.ts';
import { commitAndCount } from '../shared/commit-step.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { CLAIM_TYPES, parseStepEvent, WorkflowInputError } from '../shared/parse.ts';
import { loadedOf, type WorkflowState } from '../shared/workflow-state.ts';

export const create = (deps: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  deps.telemetry.wrap(async (state: WorkflowState): Promise<WorkflowState> => commitAndCount(deps, state, await decided(deps, state)));

/** The hold CheckEligibility decided, or the payment of what the tiers left. */
async function decided({ store }: Pick<HandlerDeps, 'store'>, state: WorkflowState): Promise<Decision> {
  const event = parseStepEvent(state.event, CLAIM_TYPES);
  if (state.eligibility?.flags) {
    if (!state.decision)
      throw new WorkflowInputError('a held claim reaches DeductFromAccounts with its hold decided', { entity: 'decision' });
    return state.decision;
  }
  if (!state.tiers) throw new WorkflowInputError('DeductFromAccounts needs the tiers settled first', { entity: 'tiers' });
  const loaded = loadedOf(state);
  const view = new SnapshotView(await store.catalog(loaded.catalogVersion), loaded.snapshot);
  return claimDecision(settleRemainder(event, state.tiers, view), event.type);
}

export const handler = onAws(create);
