/** functions → use case: the first step of both workflows — validate the event and load its snapshot. */
import type { EventStore } from '@medins/store/ports';
import { parseStepEvent, type StepType } from '../shared/parse.ts';
import { type WorkflowState, withLoaded } from '../shared/workflow-state.ts';

export async function loadContext(
  store: Pick<EventStore, 'load'>,
  state: WorkflowState,
  types: readonly StepType[],
): Promise<WorkflowState> {
  const event = parseStepEvent(state.event, types);
  return withLoaded({ ...state, attempt: state.attempt ?? 0 }, await store.load(event));
}
