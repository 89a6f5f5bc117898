/**
 * functions → use case: the first step of both workflows — load the snapshot of the
 * event the step has already parsed (the step decides on the same parsed event, so
 * it is validated once per step).
 */
import type { SingleStepEvent } from '@medins/engine';
import type { EventStore } from '@medins/store/ports';
import { type WorkflowState, withLoaded } from '../shared/workflow-state.ts';

export async function loadContext(store: Pick<EventStore, 'load'>, state: WorkflowState, event: SingleStepEvent): Promise<WorkflowState> {
  return withLoaded({ ...state, attempt: state.attempt ?? 0 }, await store.load(event));
}
