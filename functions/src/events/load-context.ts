/** MemberEventWorkflow `LoadEventContext`: handler → loadContext → EventStore. */
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { MEMBER_EVENT_TYPES } from '../shared/parse.ts';
import type { WorkflowState } from '../shared/workflow-state.ts';
import { loadContext } from '../use-cases/load-context.ts';

export const create = ({ store, telemetry }: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  telemetry.wrap((state: WorkflowState) => loadContext(store, state, MEMBER_EVENT_TYPES));

export const handler = onAws(create);
