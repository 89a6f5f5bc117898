/**
 * insurer → renewals: each policy's fate in each renewal campaign (续保). A
 * campaign's result only counts renewed, failed, reminded and skipped; the list
 * per policy comes from the engine's own replay of the run (the reference the main
 * job reconciles against), and must count exactly what the stored results say.
 */
import { type EventId, type MemberId, type PlanId, type PolicyId, replay } from '@medins/engine';
import { InsurerInputError } from './errors.ts';
import type { InsurerRun } from './run.ts';

export interface PolicyRenewalRow {
  readonly campaignId: EventId;
  readonly fromProductId: PlanId;
  readonly toProductId: PlanId;
  readonly policyId: PolicyId;
  readonly insuredId: MemberId;
  readonly payerId: MemberId;
  readonly relationship: string;
  readonly outcome: 'renewed' | 'failed' | 'reminded' | 'skipped';
  readonly reasons: readonly string[];
  /** The target product's premium when renewed (debited from the payer's account), else 0. */
  readonly premiumFen: number;
}

/**
 * Every policy renewal of the run, in campaign and creation order.
 * Throws InsurerInputError when the replay does not count what outcome.json says.
 *
 * @example policyRenewals(run).filter((r) => r.outcome === 'failed')
 */
export function policyRenewals(run: InsurerRun): PolicyRenewalRow[] {
  const rows: PolicyRenewalRow[] = [];
  const replayed = replay(run.world, run.events, {
    onRenewal: (campaign, policy, renewal) =>
      rows.push({
        campaignId: campaign.id,
        fromProductId: campaign.fromProductId,
        toProductId: campaign.toProductId,
        policyId: policy.id,
        insuredId: policy.insuredId,
        payerId: policy.payerId,
        relationship: policy.relationship,
        outcome: renewal.outcome,
        reasons: renewal.reasons.map((r) => r.code),
        premiumFen: renewal.outcome === 'renewed' ? (run.world.catalog.product(campaign.toProductId)?.premiumFen ?? 0) : 0,
      }),
  });
  const stored = new Map(run.results.filter((r) => r.type === 'renewalCampaign').map((r) => [r.id, r]));
  for (const result of replayed.results) {
    if (result.type !== 'renewalCampaign') continue;
    const renewed = stored.get(result.id)?.renewed;
    if (renewed !== result.renewed)
      throw new InsurerInputError(
        `renewal campaign ${result.id}: outcome.json says ${renewed ?? 'nothing'} renewed, the replay of scenario.json ${result.renewed}: the files are not of the same run`,
        { entity: result.id },
      );
  }
  return rows;
}
