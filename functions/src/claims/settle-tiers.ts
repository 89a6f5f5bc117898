/** ClaimWorkflow `SettleTiers`: handler → engine tiers (basic, critical illness, assistance, supplementary) of an eligible claim. */
import { partiesOf, SnapshotView, settleTiers } from '@medins/engine';
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { CLAIM_TYPES, parseStepEvent } from '../shared/parse.ts';
import { loadedOf, type WorkflowState } from '../shared/workflow-state.ts';

export const create = ({ store, telemetry }: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  telemetry.wrap(async (state: WorkflowState): Promise<WorkflowState> => {
    const event = parseStepEvent(state.event, CLAIM_TYPES);
    const loaded = loadedOf(state);
    const view = new SnapshotView(await store.catalog(loaded.catalogVersion), loaded.snapshot);
    return { ...state, tiers: settleTiers(event, partiesOf(event, view), view) };
  });

export const handler = onAws(create);
