/**
 * Use case: one policy's renewal within a campaign, applied exactly once under the
 * event id `<campaignId>/<policyId>`: a campaign restarted halfway finds the
 * outcome of every policy it already handled and renews nobody twice.
 */
import { decidePolicyRenewal, renewalEventId, SnapshotView, type Policy, type RenewalCampaignEvent, type RenewalOutcome } from '@medins/engine';
import { ConflictError, type Store } from '@medins/store';
import { conflictBackoff, MAX_CONFLICT_RETRIES } from './apply-event.ts';

/** What one policy's renewal left in the events table (its `result`). */
export interface PolicyRenewalResult {
  readonly id: string;
  readonly type: 'policyRenewal';
  readonly status: RenewalOutcome;
  readonly policyId: string;
  readonly reasons: readonly { code: string; message: string }[];
}

export async function renewPolicy(store: Store, campaign: RenewalCampaignEvent, policy: Policy): Promise<PolicyRenewalResult> {
  const eventId = renewalEventId(campaign.id, policy);
  for (let attempt = 0; ; attempt++) {
    const loaded = await store.loadRenewal(campaign, policy, eventId);
    if (loaded.prior) return loaded.prior as unknown as PolicyRenewalResult;
    const renewal = decidePolicyRenewal(campaign, policy, new SnapshotView(await store.catalog(), loaded.snapshot));
    const result: PolicyRenewalResult = { id: eventId, type: 'policyRenewal', status: renewal.outcome, policyId: policy.id, reasons: renewal.reasons };
    try {
      const outcome = await store.commit(
        { eventId, type: 'policyRenewal', result: result as never, eventDoc: { campaignId: campaign.id, policyId: policy.id }, changes: renewal.changes, notifications: renewal.notifications },
        loaded,
      );
      return outcome.result as unknown as PolicyRenewalResult;
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw e;
      await conflictBackoff(attempt);
    }
  }
}
