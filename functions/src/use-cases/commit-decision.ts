/** functions → use case: commit the decision carried by the workflow state (the commit step of both workflows). */
import type { Decision } from '@medins/engine';
import type { EventStore } from '@medins/store/ports';
import { loadedOf, type WorkflowState } from '../shared/workflow-state.ts';

export async function commitDecision(store: Pick<EventStore, 'commit'>, state: WorkflowState, decision: Decision): Promise<WorkflowState> {
  const outcome = await store.commit(
    {
      eventId: state.event.id,
      type: state.event.type,
      result: decision.result,
      eventDoc: state.event,
      changes: decision.changes,
      notifications: decision.notifications,
    },
    loadedOf(state),
  );
  // The decision and the snapshot are spent: keep the state small for the steps after.
  const { decision: _d, tiers: _t, loaded: _l, ...rest } = state;
  return {
    ...rest,
    outcome: {
      applied: outcome.applied,
      result: outcome.result,
      committedAt: outcome.committedAt,
      notifications: outcome.notifications,
    },
  };
}
