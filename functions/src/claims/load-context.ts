/** ClaimWorkflow `LoadClaimContext`: handler → loadContext → store (snapshot of what the claim reads). */
import { getStore } from '../shared/store.ts';
import { withObservability } from '../shared/observability.ts';
import { CLAIM_TYPES } from '../shared/parse.ts';
import type { WorkflowState } from '../shared/workflow-state.ts';
import { loadContext } from '../use-cases/load-context.ts';

export const handler = withObservability((state: WorkflowState) => loadContext(getStore(), state, CLAIM_TYPES));
