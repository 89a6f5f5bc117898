/**
 * `NotifyMembers`: handler → publishNotifications — what the commit (or, for a
 * redelivered event, ReturnPriorResult) put in `$.outcome.notifications`: the
 * patient, and any holder whose money was used. Reads nothing from the store.
 */
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import type { WorkflowState } from '../shared/workflow-state.ts';
import { publishNotifications } from '../use-cases/notify.ts';

export const create = (deps: Pick<HandlerDeps, 'telemetry' | 'notifier'>) =>
  deps.telemetry.wrap(async (state: WorkflowState): Promise<WorkflowState> => {
    const notified = await publishNotifications(deps.notifier, state.outcome?.notifications ?? []);
    return { ...state, notified };
  });

export const handler = onAws(create);
