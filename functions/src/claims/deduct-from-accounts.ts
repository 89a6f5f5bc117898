/**
 * ClaimWorkflow `DeductFromAccounts`: handler → engine payment of what the tiers
 * left (own account, then the family holder's within the reserve, then cash).
 */
import { claimDecision, settleRemainder, SnapshotView } from '@medins/engine';
import { getStore } from '../shared/store.ts';
import { withObservability } from '../shared/observability.ts';
import { CLAIM_TYPES, parseStepEvent } from '../shared/parse.ts';
import { loadedOf, type WorkflowState } from '../shared/workflow-state.ts';

export const handler = withObservability(async (state: WorkflowState): Promise<WorkflowState> => {
  const event = parseStepEvent(state.event, CLAIM_TYPES);
  if (!state.tiers) throw new Error('DeductFromAccounts needs the tiers settled first');
  const view = new SnapshotView(await getStore().catalog(), loadedOf(state).snapshot);
  return { ...state, decision: claimDecision(settleRemainder(event, state.tiers, view), event.type) };
});
