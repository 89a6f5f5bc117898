/** `NotifyMembers`: handler → sendNotifications (the patient, and any holder whose money was used). */
import { getStore } from '../shared/store.ts';
import { getNotifier } from '../shared/notifier.ts';
import { withObservability } from '../shared/observability.ts';
import type { WorkflowState } from '../shared/workflow-state.ts';
import { sendNotifications } from '../use-cases/notify.ts';

export const handler = withObservability(async (state: WorkflowState): Promise<WorkflowState> => {
  const ids = state.outcome?.applied ? state.outcome.notificationIds : [];
  const notified = ids.length > 0 ? await sendNotifications(getStore(), getNotifier(), ids) : 0;
  return { ...state, notified };
});
