/** ClaimWorkflow `CheckEligibility`: handler → engine eligibility on the loaded snapshot. */
import { checkEligibility, rejectedClaim, SnapshotView } from '@medins/engine';
import { getStore } from '../shared/store.ts';
import { logger, metrics, withObservability } from '../shared/observability.ts';
import { CLAIM_TYPES, parseStepEvent } from '../shared/parse.ts';
import { loadedOf, type WorkflowState } from '../shared/workflow-state.ts';

export const handler = withObservability(async (state: WorkflowState): Promise<WorkflowState> => {
  const event = parseStepEvent(state.event, CLAIM_TYPES);
  const view = new SnapshotView(await getStore().catalog(), loadedOf(state).snapshot);
  const eligibility = checkEligibility(event, view);
  if (eligibility.eligible) return { ...state, eligibility: { eligible: true } };
  // A business rejection is a normal result: recorded, not failed.
  for (const r of eligibility.reasons) metrics.addMetric(`ClaimRejected_${r.code}`, 'Count', 1);
  logger.info('claim rejected at eligibility', { eventId: event.id, reasons: eligibility.reasons.map((r) => r.code) });
  return { ...state, eligibility: { eligible: false, result: rejectedClaim(event, eligibility.reasons) } };
});
