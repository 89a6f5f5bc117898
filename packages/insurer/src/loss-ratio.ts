/**
 * insurer → loss ratio (赔付率) per product year. An actuary prices a 惠民保 product
 * year on its own claims and its own premiums, so neither part may mix years:
 *
 * - **paid**: the supplementary tier's payout on settled claims, counted under the
 *   product that paid it (`supplementary.planId`). The engine pays a claim only from
 *   a policy whose product covers the claim's service date, so these are exactly
 *   the claims whose service date falls in that product's coverage;
 * - **net of reversals**: a claim later reversed (撤销结算) gives its payout back;
 * - **premiums**: every policy of that product, whatever the payment (personal
 *   account or cash): held when the run started, enrolled during it, renewed into
 *   it by a campaign. Premiums are earned by policy count × the product's premium
 *   (an enrollment's own `premiumFen` when its result names one).
 */
import type { PlanId, SupplementaryProduct } from '@medins/engine';
import { eventsById, firstResults, type InsurerRun, reversalsOf } from './run.ts';

export interface ProductLossRatio {
  readonly productId: PlanId;
  readonly name: string;
  readonly year: number;
  readonly coverage: { readonly from: string; readonly to: string };
  /** Supplementary paid on settled claims of this product's coverage, reversals not yet taken off. */
  readonly paidFen: number;
  /** What reversed claims of this product had paid. */
  readonly reversedFen: number;
  /** paid − reversed: the numerator. */
  readonly netPaidFen: number;
  readonly claimsPaid: number;
  readonly policies: { readonly held: number; readonly enrolled: number; readonly renewed: number };
  /** Σ premiums of this product's policies: the denominator. */
  readonly premiumsFen: number;
  /** netPaid / premiums to four decimals; null without premiums. */
  readonly ratio: number | null;
}

/** The ratio to four decimals (0.6203 = 62.03 %), or null when nothing was earned. */
export const ratioOf = (paidFen: number, premiumsFen: number): number | null =>
  premiumsFen > 0 ? Math.round((paidFen / premiumsFen) * 10_000) / 10_000 : null;

/** What the loss ratio counts, in one sentence for screens and reports. */
export const LOSS_RATIO_DEFINITION =
  "loss ratio = supplementary paid on claims whose service date falls in the product's coverage, net of reversals, " +
  "over the premiums of that product's policies (held at the start, enrolled, renewed; account or cash)";

/**
 * One loss ratio per supplementary product of the world, in product id order.
 *
 * @example
 * lossRatios(run).map((p) => `${p.productId} ${p.netPaidFen}/${p.premiumsFen}`)
 */
export function lossRatios(run: InsurerRun): ProductLossRatio[] {
  const products = [...run.world.catalog.plans.values()]
    .filter((p): p is SupplementaryProduct => p.tier === 'supplementary')
    .sort((a, b) => a.id.localeCompare(b.id));
  const events = eventsById(run.events);
  const reversed = reversalsOf(run.results);
  const acc = new Map(
    products.map((p) => [
      p.id as string,
      {
        paidFen: 0,
        reversedFen: 0,
        claimsPaid: 0,
        held: run.world.policies.filter((x) => x.productId === p.id).length,
        enrolled: 0,
        renewed: 0,
        enrolledPremiumsFen: 0,
      },
    ]),
  );
  for (const r of firstResults(run.results)) {
    // A held claim pays when a reviewer approves it: the decision's result carries the figures, under the claim's id.
    if ((r.type === 'claim' || r.type === 'reviewDecision') && r.status === 'settled' && r.supplementary) {
      const a = acc.get(r.supplementary.planId);
      if (!a) continue;
      a.paidFen += r.supplementary.paidFen;
      if (r.supplementary.paidFen > 0) a.claimsPaid++;
      if (reversed.has(r.type === 'reviewDecision' ? r.claimId : r.id)) a.reversedFen += r.supplementary.paidFen;
    } else if (r.type === 'enroll' && r.status === 'enrolled') {
      const e = events.get(r.id);
      const a = e?.type === 'enroll' ? acc.get(e.productId) : undefined;
      if (!a) continue;
      a.enrolled++;
      a.enrolledPremiumsFen += r.premiumFen ?? 0;
    } else if (r.type === 'renewalCampaign') {
      const e = events.get(r.id);
      const a = e?.type === 'renewalCampaign' ? acc.get(e.toProductId) : undefined;
      if (a) a.renewed += r.renewed;
    }
  }
  return products.map((p) => {
    const a = acc.get(p.id)!;
    const premiumsFen = (a.held + a.renewed) * p.premiumFen + a.enrolledPremiumsFen;
    const netPaidFen = a.paidFen - a.reversedFen;
    return {
      productId: p.id,
      name: p.name,
      year: p.year,
      coverage: { from: p.coverage.from, to: p.coverage.to },
      paidFen: a.paidFen,
      reversedFen: a.reversedFen,
      netPaidFen,
      claimsPaid: a.claimsPaid,
      policies: { held: a.held, enrolled: a.enrolled, renewed: a.renewed },
      premiumsFen,
      ratio: ratioOf(netPaidFen, premiumsFen),
    };
  });
}
