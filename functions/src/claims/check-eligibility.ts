/**
 * ClaimWorkflow `CheckEligibility`: handler → engine eligibility on the loaded
 * snapshot. The one place a workflow decides eligibility: SettleTiers trusts it.
 */
import { checkEligibility, rejectedClaim, SnapshotView } from '@medins/engine';
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { CLAIM_TYPES, parseStepEvent } from '../shared/parse.ts';
import { loadedOf, type WorkflowState } from '../shared/workflow-state.ts';

export const create = ({ store, telemetry }: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  telemetry.wrap(async (state: WorkflowState): Promise<WorkflowState> => {
    const event = parseStepEvent(state.event, CLAIM_TYPES);
    const loaded = loadedOf(state);
    const eligibility = checkEligibility(event, new SnapshotView(await store.catalog(loaded.catalogVersion), loaded.snapshot));
    if (eligibility.eligible) return { ...state, eligibility: { eligible: true } };
    // A business rejection is a normal result: recorded, not failed.
    for (const r of eligibility.reasons) telemetry.metrics.addMetric(`ClaimRejected_${r.code}`, 'Count', 1);
    telemetry.logger.info('claim rejected at eligibility', { eventId: event.id, reasons: eligibility.reasons.map((r) => r.code) });
    return { ...state, eligibility: { eligible: false, result: rejectedClaim(event, eligibility.reasons) } };
  });

export const handler = onAws(create);
