/** MemberEventWorkflow `LoadEventContext`: handler → loadContext → store. */
import { getStore } from '../shared/store.ts';
import { withObservability } from '../shared/observability.ts';
import { MEMBER_EVENT_TYPES } from '../shared/parse.ts';
import type { WorkflowState } from '../shared/workflow-state.ts';
import { loadContext } from '../use-cases/load-context.ts';

export const handler = withObservability((state: WorkflowState) => loadContext(getStore(), state, MEMBER_EVENT_TYPES));
