/**
 * functions → use case: one policy's renewal within a campaign, applied exactly
 * once under the event id `<campaignId>/<policyId>`: a campaign restarted halfway
 * finds the outcome of every policy it already handled and renews nobody twice.
 * A conflict (another event changed the payer meanwhile) loads and decides again.
 */
import {
  decidePolicyRenewal,
  type Policy,
  type RenewalCampaignEvent,
  type RenewalOutcome,
  renewalEventId,
  SnapshotView,
} from '@medins/engine';
import { ConflictError } from '@medins/store/errors';
import type { OwedNotification, RenewalStore } from '@medins/store/ports';

/** Conflicts one renewal retries before its page fails (and the workflow's redrive resumes it). */
export const MAX_CONFLICT_RETRIES = 8;

/** Full jitter backoff between conflict retries: contention on one hot account spreads out. */
export const conflictBackoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));

/** What one policy's renewal left in the events table (its `result`). */
export interface PolicyRenewalResult {
  readonly id: string;
  readonly type: 'policyRenewal';
  readonly status: RenewalOutcome;
  readonly policyId: string;
  readonly reasons: readonly { code: string; message: string }[];
}

/**
 * Renews one policy once; returns its result and the notifications it owes — the
 * first commit's again when the policy was renewed before (a page step re-run), so
 * the caller publishes them at least once under the same ids.
 */
export async function renewPolicy(
  store: RenewalStore,
  campaign: RenewalCampaignEvent,
  policy: Policy,
): Promise<{ result: PolicyRenewalResult; notifications: readonly OwedNotification[] }> {
  const eventId = renewalEventId(campaign.id, policy);
  for (let attempt = 0; ; attempt++) {
    const loaded = await store.loadRenewal(policy, eventId);
    if (loaded.prior) return { result: loaded.prior as unknown as PolicyRenewalResult, notifications: loaded.priorNotifications ?? [] };
    const renewal = decidePolicyRenewal(campaign, policy, new SnapshotView(await store.catalog(loaded.catalogVersion), loaded.snapshot));
    const result: PolicyRenewalResult = {
      id: eventId,
      type: 'policyRenewal',
      status: renewal.outcome,
      policyId: policy.id,
      reasons: renewal.reasons,
    };
    try {
      const outcome = await store.commit(
        {
          eventId,
          type: 'policyRenewal',
          result: result as never,
          eventDoc: { campaignId: campaign.id, policyId: policy.id },
          changes: renewal.changes,
          notifications: renewal.notifications,
        },
        loaded,
      );
      return { result: outcome.result as unknown as PolicyRenewalResult, notifications: outcome.notifications };
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw e;
      await conflictBackoff(attempt);
    }
  }
}
