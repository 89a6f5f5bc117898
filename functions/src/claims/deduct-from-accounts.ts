/**
 * ClaimWorkflow `DeductFromAccounts`: handler → engine payment of what the tiers
 * left (own account, then the family holder's within the reserve, then cash).
 */
import { claimDecision, SnapshotView, settleRemainder } from '@medins/engine';
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { CLAIM_TYPES, parseStepEvent, WorkflowInputError } from '../shared/parse.ts';
import { loadedOf, type WorkflowState } from '../shared/workflow-state.ts';

export const create = ({ store, telemetry }: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  telemetry.wrap(async (state: WorkflowState): Promise<WorkflowState> => {
    const event = parseStepEvent(state.event, CLAIM_TYPES);
    if (!state.tiers) throw new WorkflowInputError('DeductFromAccounts needs the tiers settled first', { entity: 'tiers' });
    const loaded = loadedOf(state);
    const view = new SnapshotView(await store.catalog(loaded.catalogVersion), loaded.snapshot);
    return { ...state, decision: claimDecision(settleRemainder(event, state.tiers, view), event.type) };
  });

export const handler = onAws(create);
