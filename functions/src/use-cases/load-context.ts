/** Use case: the first step of both workflows — validate the event and load its snapshot. */
import type { Store } from '@medins/store';
import { parseStepEvent } from '../shared/parse.ts';
import { withLoaded, type WorkflowState } from '../shared/workflow-state.ts';

export async function loadContext(store: Store, state: WorkflowState, types: readonly Parameters<typeof parseStepEvent>[1][number][]): Promise<WorkflowState> {
  const event = parseStepEvent(state.event, types);
  if (event.type === 'renewalCampaign') throw new Error('a campaign is not a single-step event');
  return withLoaded({ ...state, attempt: state.attempt ?? 0 }, await store.load(event));
}
