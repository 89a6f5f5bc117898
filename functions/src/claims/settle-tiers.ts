/** ClaimWorkflow `SettleTiers`: handler → engine tiers (basic, critical illness, assistance, supplementary). */
import { settleTiers, SnapshotView } from '@medins/engine';
import { getStore } from '../shared/store.ts';
import { withObservability } from '../shared/observability.ts';
import { CLAIM_TYPES, parseStepEvent } from '../shared/parse.ts';
import { loadedOf, type WorkflowState } from '../shared/workflow-state.ts';

export const handler = withObservability(async (state: WorkflowState): Promise<WorkflowState> => {
  const event = parseStepEvent(state.event, CLAIM_TYPES);
  const view = new SnapshotView(await getStore().catalog(), loadedOf(state).snapshot);
  return { ...state, tiers: settleTiers(event, view) };
});
