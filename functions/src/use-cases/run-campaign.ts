/**
 * Use case: a renewal campaign, page by page, never holding all policies in
 * memory. The workflow runs the same three steps as states (list a page, renew
 * it, repeat); this function is their composition for tools and tests.
 */
import { emptyRenewalReport, tallyRenewal, type RenewalCampaignEvent, type RenewalResult } from '@medins/engine';
import type { Store } from '@medins/store';
import { renewPolicy } from './renew-policy.ts';

export const POLICY_PAGE_SIZE = 100;

/** Renews one page of policies in order; returns the report so far and the next cursor. */
export async function renewPage(
  store: Store,
  campaign: RenewalCampaignEvent,
  cursor: string | null,
  report: RenewalResult,
  pageSize = POLICY_PAGE_SIZE,
): Promise<{ report: RenewalResult; cursor: string | null; policies: number }> {
  const page = await store.listPolicyPage(campaign.fromProductId, cursor, pageSize);
  let next = report;
  // In creation order, one after another: a payer's balance is shared by the policies they pay for.
  for (const policy of page.policies) {
    const r = await renewPolicy(store, campaign, policy);
    next = tallyRenewal(next, { policyId: policy.id, outcome: r.status, reasons: r.reasons as never, changes: [], notifications: [] });
  }
  return { report: next, cursor: page.cursor, policies: page.policies.length };
}

export async function runCampaign(store: Store, campaign: RenewalCampaignEvent, pageSize = POLICY_PAGE_SIZE): Promise<RenewalResult> {
  let report = emptyRenewalReport(campaign);
  let cursor: string | null = null;
  do {
    ({ report, cursor } = await renewPage(store, campaign, cursor, report, pageSize));
  } while (cursor);
  return report;
}

/** Records the campaign's report under its own event id, once (a re-run gets the first report back). */
export async function finishCampaign(store: Store, campaign: RenewalCampaignEvent, report: RenewalResult, eventDoc: unknown): Promise<RenewalResult> {
  const prior = await store.readResult(campaign.id);
  if (prior) return prior as RenewalResult;
  const empty = { snapshot: undefined as never, versions: {}, states: {}, accumulators: {}, prior: null };
  const outcome = await store.commit({ eventId: campaign.id, type: campaign.type, result: report, eventDoc, changes: [], notifications: [] }, empty);
  return outcome.result as RenewalResult;
}
