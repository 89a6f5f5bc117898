/** `NotifyMembers`: handler → sendNotifications (the patient, and any holder whose money was used). */
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import type { WorkflowState } from '../shared/workflow-state.ts';
import { sendNotifications } from '../use-cases/notify.ts';

export const create = (deps: Pick<HandlerDeps, 'store' | 'telemetry' | 'notifier' | 'clock'>) =>
  deps.telemetry.wrap(async (state: WorkflowState): Promise<WorkflowState> => {
    const ids = state.outcome?.applied ? state.outcome.notificationIds : [];
    const notified = ids.length > 0 ? await sendNotifications(deps, ids) : 0;
    return { ...state, notified };
  });

export const handler = onAws(create);
