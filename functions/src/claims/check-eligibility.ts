/**
 * ClaimWorkflow `CheckEligibility`: handler → loadContext (the snapshot the claim
 * reads, or its prior result) → engine eligibility on that snapshot. The first
 * step of the workflow and the one a conflict goes back to: it loads as well as
 * decides, so a claim costs one Lambda invocation less than a separate load step
 * (docs/decisions.md "Load and commit merged into their neighbouring steps").
 * A claim applied before is returned with `loaded.prior` and nothing decided:
 * `WasAlreadyApplied?` follows.
 * The one place a workflow decides eligibility: SettleTiers trusts it.
 * An eligible claim that raises review flags (the engine's `reviewFlags`) is held:
 * its decision is the engine's `holdClaim`, committed by DeductFromAccounts (which
 * deducts nothing for it), and the workflow then opens its review.
 */
import { checkEligibility, holdClaim, rejectedClaim, reviewFlags, SnapshotView } from '@medins/engine';
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import { CLAIM_TYPES, parseStepEvent } from '../shared/parse.ts';
import { loadedOf, type WorkflowState } from '../shared/workflow-state.ts';
import { loadContext } from '../use-cases/load-context.ts';

export const create = ({ store, telemetry }: Pick<HandlerDeps, 'store' | 'telemetry'>) =>
  telemetry.wrap(async (input: WorkflowState): Promise<WorkflowState> => {
    const event = parseStepEvent(input.event, CLAIM_TYPES);
    const state = await loadContext(store, input, event);
    if (state.loaded?.prior) return state;
    const loaded = loadedOf(state);
    const view = new SnapshotView(await store.catalog(loaded.catalogVersion), loaded.snapshot);
    const eligibility = checkEligibility(event, view);
    if (eligibility.eligible) {
      // As the engine's decideClaim: only a claim is held, never a quote.
      const flags = event.type === 'claim' ? reviewFlags(event, eligibility, view) : [];
      if (event.type !== 'claim' || flags.length === 0) return { ...state, eligibility: { eligible: true } };
      for (const f of flags) telemetry.metrics.addMetric(`ClaimHeld_${f}`, 'Count', 1);
      return { ...state, eligibility: { eligible: true, flags }, decision: holdClaim(event, flags) };
    }
    // A business rejection is a normal result: recorded, not failed.
    for (const r of eligibility.reasons) telemetry.metrics.addMetric(`ClaimRejected_${r.code}`, 'Count', 1);
    telemetry.logger.info('claim rejected at eligibility', { eventId: event.id, reasons: eligibility.reasons.map((r) => r.code) });
    return { ...state, eligibility: { eligible: false, result: rejectedClaim(event, eligibility.reasons) } };
  });

export const handler = onAws(create);
