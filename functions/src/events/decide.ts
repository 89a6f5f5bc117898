/** MemberEventWorkflow `DecideEvent`: handler → engine decision (enrollment, bindings, reversal) on the snapshot. */
import { decide, SnapshotView } from '@medins/engine';
import { getStore } from '../shared/store.ts';
import { withObservability } from '../shared/observability.ts';
import { MEMBER_EVENT_TYPES, parseStepEvent } from '../shared/parse.ts';
import { loadedOf, type WorkflowState } from '../shared/workflow-state.ts';

export const handler = withObservability(async (state: WorkflowState): Promise<WorkflowState> => {
  const event = parseStepEvent(state.event, MEMBER_EVENT_TYPES);
  const view = new SnapshotView(await getStore().catalog(), loadedOf(state).snapshot);
  return { ...state, decision: decide(event, view) };
});
