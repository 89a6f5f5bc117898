/** functions → use case: a renewal campaign's report, recorded under its own event id once (a re-run gets the first report back). */
import { emptySnapshot, type RenewalCampaignEvent, type RenewalResult } from '@medins/engine';
import type { RenewalStore } from '@medins/store/ports';

export async function finishCampaign(
  store: RenewalStore,
  campaign: RenewalCampaignEvent,
  report: RenewalResult,
  eventDoc: unknown,
): Promise<RenewalResult> {
  const prior = await store.readResult(campaign.id);
  if (prior) return prior as RenewalResult;
  const outcome = await store.commit(
    { eventId: campaign.id, type: campaign.type, result: report, eventDoc, changes: [], notifications: [] },
    // The report is decided on no catalog (each renewal records its own version): 0.
    { snapshot: emptySnapshot(), versions: {}, prior: null, catalogVersion: 0 },
  );
  return outcome.result as RenewalResult;
}
