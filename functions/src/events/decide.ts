/**
 * MemberEventWorkflow and ReviewWorkflow `DecideEvent`: handler → loadContext →
 * engine decision (enrollment, bindings, reversal, a reviewer's decision) on the
 * snapshot → commitDecision (one TransactWriteItems), in one invocation: the
 * load, the decision and the commit of a one-step event, as a renewal does them
 * (docs/decisions.md "Load and commit merged into their neighbouring steps").
 * An event applied before is returned with `loaded.prior`, nothing decided or
 * written (`WasAlreadyApplied?` follows); otherwise the state comes back with the
 * outcome and without the spent snapshot. A ConflictError goes back to this step.
 */
import { decide, SnapshotView } from '@medins/engine';
import { onAws } from '../adapters/aws.ts';
import { commitAndCount } from '../shared/commit-step.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { MEMBER_EVENT_TYPES, parseStepEvent } from '../shared/parse.ts';
import { loadedOf, type WorkflowState } from '../shared/workflow-state.ts';
import { loadContext } from '../use-cases/load-context.ts';

export const create = (deps: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  deps.telemetry.wrap(async (input: WorkflowState): Promise<WorkflowState> => {
    const event = parseStepEvent(input.event, MEMBER_EVENT_TYPES);
    const state = await loadContext(deps.store, input, event);
    if (state.loaded?.prior) return state;
    const loaded = loadedOf(state);
    const decision = decide(event, new SnapshotView(await deps.store.catalog(loaded.catalogVersion), loaded.snapshot));
    return commitAndCount(deps, state, decision);
  });

export const handler = onAws(create);
