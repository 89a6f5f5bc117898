/** MemberEventWorkflow `DecideEvent`: handler → engine decision (enrollment, bindings, reversal) on the snapshot. */
import { decide, SnapshotView } from '@medins/engine';
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { MEMBER_EVENT_TYPES, parseStepEvent } from '../shared/parse.ts';
import { loadedOf, type WorkflowState } from '../shared/workflow-state.ts';

export const create = ({ store, telemetry }: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  telemetry.wrap(async (state: WorkflowState): Promise<WorkflowState> => {
    const event = parseStepEvent(state.event, MEMBER_EVENT_TYPES);
    const loaded = loadedOf(state);
    return { ...state, decision: decide(event, new SnapshotView(await store.catalog(loaded.catalogVersion), loaded.snapshot)) };
  });

export const handler = onAws(create);
