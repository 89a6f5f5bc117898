/**
 * Renewal campaigns (续保): for every policy of product year Y, offer product Y+1.
 * Where the payer authorised auto-renewal from the personal account, enroll and
 * debit under the enrollment rules at the campaign's time (the policy's
 * relationship, no new real-name check); otherwise, or when that fails, remind.
 * An insured who already holds the target product is skipped, so a campaign
 * re-run renews nobody twice. The engine decides one policy at a time; the caller
 * walks the policies in creation order and applies each decision before the next
 * (a payer's balance is shared by the policies they pay for).
 */

import type { Reason } from '../core/codes.ts';
import type { EventId } from '../core/ids.ts';
import { ZERO } from '../core/money.ts';
import { decideEnrollment } from '../enrollment/enroll.ts';
import type { Change, Notification } from '../state/changes.ts';
import type { StateView } from '../state/view.ts';
import type { EnrollEvent, RenewalCampaignEvent } from '../world/events.ts';
import type { Policy } from '../world/people.ts';
import type { RenewalResult } from '../world/results.ts';

export type RenewalOutcome = 'renewed' | 'failed' | 'reminded' | 'skipped';

export interface PolicyRenewal {
  readonly policyId: Policy['id'];
  readonly outcome: RenewalOutcome;
  readonly reasons: readonly Reason[];
  readonly changes: readonly Change[];
  readonly notifications: readonly Notification[];
}

/** The id under which one policy's renewal in one campaign is applied exactly once. */
export const renewalEventId = (campaignId: EventId, policy: Policy) => `${campaignId}/${policy.id}` as EventId;

export function decidePolicyRenewal(campaign: RenewalCampaignEvent, policy: Policy, view: StateView): PolicyRenewal {
  const base = { policyId: policy.id, reasons: [], changes: [], notifications: [] };
  if (view.policy(campaign.toProductId, policy.insuredId)) return { ...base, outcome: 'skipped' };
  const eventId = renewalEventId(campaign.id, policy);
  const remind = (outcome: RenewalOutcome, reasons: readonly Reason[]): PolicyRenewal => ({
    ...base,
    outcome,
    reasons,
    notifications: [
      {
        to: policy.payerId,
        kind: 'renewalReminder',
        eventId,
        aboutId: policy.insuredId === policy.payerId ? null : policy.insuredId,
        amountFen: view.catalog.product(campaign.toProductId)?.premiumFen ?? ZERO,
      },
    ],
  });
  const payer = view.member(policy.payerId);
  if (!payer?.autoRenew) return remind('reminded', []);

  const enrollment: EnrollEvent = {
    type: 'enroll',
    id: eventId,
    at: campaign.at,
    productId: campaign.toProductId,
    payerId: policy.payerId,
    insuredId: policy.insuredId,
    relationship: policy.relationship,
    payment: 'personalAccount',
    realName: null,
  };
  const decision = decideEnrollment(enrollment, view, { renewal: true });
  if (decision.result.status !== 'enrolled') return remind('failed', decision.result.reasons);
  return { ...base, outcome: 'renewed', changes: decision.changes, notifications: decision.notifications };
}

/** Adds one policy's outcome to the campaign's report. */
export function tallyRenewal(report: RenewalResult, renewal: PolicyRenewal): RenewalResult {
  const failedByReason = { ...report.failedByReason };
  if (renewal.outcome === 'failed') {
    for (const r of renewal.reasons) failedByReason[r.code] = (failedByReason[r.code] ?? 0) + 1;
  }
  return {
    ...report,
    renewed: report.renewed + (renewal.outcome === 'renewed' ? 1 : 0),
    failed: report.failed + (renewal.outcome === 'failed' ? 1 : 0),
    // Every policy not renewed in this run is reminded, failed ones included.
    reminded: report.reminded + (renewal.outcome === 'reminded' || renewal.outcome === 'failed' ? 1 : 0),
    skipped: report.skipped + (renewal.outcome === 'skipped' ? 1 : 0),
    failedByReason,
  };
}

export function emptyRenewalReport(campaign: RenewalCampaignEvent): RenewalResult {
  return { id: campaign.id, type: 'renewalCampaign', status: 'done', renewed: 0, failed: 0, reminded: 0, skipped: 0, failedByReason: {} };
}
