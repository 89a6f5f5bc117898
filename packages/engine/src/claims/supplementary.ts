/**
 * The supplementary tier (惠民保): only for a patient holding a policy of a product
 * whose coverage contains the service date, and only after the basic tier ran.
 * Each responsibility has a yearly deductible, a ratio and a yearly cap. In-policy
 * responsibilities share the in-policy self-pay left after critical illness and
 * assistance (each takes what earlier ones left unpaid); `outOfCatalog` and
 * `specialDrug` look only at OOC lines, and a line counts for the first
 * responsibility in product order whose conditions it meets.
 */
import { add, type Fen, min, mulBps, over, sub, ZERO } from '../core/money.ts';
import type { Catalog } from '../world/catalog.ts';
import type { CostLine, Visit } from '../world/events.ts';
import type { Policy } from '../world/people.ts';
import type { CriticalIllnessOutcome, ResponsibilityOutcome, SupplementaryOutcome } from '../world/results.ts';
import type { Provider, Responsibility, SupplementaryProduct } from '../world/types.ts';
import { counter, type Tally } from './counters.ts';

export interface SupplementaryInput {
  readonly product: SupplementaryProduct;
  readonly policy: Policy;
  readonly visit: Visit;
  readonly provider: Provider;
  readonly inPolicySelfPayFen: Fen;
  /** Null when no critical-illness tier applied to the claim: the threshold is then 0. */
  readonly criticalIllness: CriticalIllnessOutcome | null;
  readonly assistancePaidFen: Fen;
}

export function settleSupplementary(input: SupplementaryInput, catalog: Catalog, tally: Tally): SupplementaryOutcome {
  const { product, visit } = input;
  const criticalPaid = input.criticalIllness?.paidFen ?? ZERO;
  let pool = over(input.inPolicySelfPayFen, add(criticalPaid, input.assistancePaidFen));
  const taken = new Set<CostLine>();
  const responsibilities: ResponsibilityOutcome[] = [];
  let total = ZERO;

  for (const r of product.responsibilities) {
    let base = ZERO;
    if (r.visitTypes.includes(visit.visitType)) {
      switch (r.kind) {
        case 'inPolicySelfPay':
          base = pool;
          break;
        case 'inPolicyAboveCriticalThreshold': {
          // 不含大病起付线以下费用: the claim's part above the threshold, less what
          // critical illness paid on it; without a critical-illness tier, threshold 0.
          const above = input.criticalIllness ? over(input.criticalIllness.aboveThresholdFen, criticalPaid) : input.inPolicySelfPayFen;
          base = min(above, pool);
          break;
        }
        case 'outOfCatalog':
        case 'specialDrug':
          base = takeLines(r, input, catalog, taken);
          break;
      }
    }
    const outcome = payResponsibility(product, r, base, tally);
    if (r.kind === 'inPolicySelfPay' || r.kind === 'inPolicyAboveCriticalThreshold') pool = sub(pool, outcome.paidFen);
    total = add(total, outcome.paidFen);
    responsibilities.push(outcome);
  }
  return { planId: product.id, policyId: input.policy.id, paidFen: total, responsibilities };
}

/** The OOC lines this responsibility covers (weighted per line), marking them taken. */
function takeLines(
  r: Extract<Responsibility, { kind: 'outOfCatalog' | 'specialDrug' }>,
  input: SupplementaryInput,
  catalog: Catalog,
  taken: Set<CostLine>,
): Fen {
  const inRegion = catalog.inProductRegion(input.product, input.provider.region);
  let base = ZERO;
  for (const line of input.visit.lines) {
    if (line.category !== 'OOC' || taken.has(line)) continue;
    if (r.kind === 'outOfCatalog') {
      if (r.requireOnLabel && line.onLabel !== true) continue;
      base = add(base, inRegion ? line.amountFen : mulBps(line.amountFen, r.outOfRegionWeightBps));
    } else {
      if (!specialDrugCounts(r, line, input.provider, inRegion)) continue;
      base = add(base, line.amountFen);
    }
    taken.add(line);
  }
  return base;
}

/**
 * Whether a specialDrug responsibility counts an OOC line (双通道 / 特药): a listed
 * drug, bought at a pharmacy designated for special drugs inside the product's
 * region. The review rule SPECIAL_DRUG asks the very same question.
 */
export function specialDrugCounts(
  r: Extract<Responsibility, { kind: 'specialDrug' }>,
  line: CostLine,
  provider: Provider,
  inProductRegion: boolean,
): boolean {
  return line.category === 'OOC' && r.drugs.has(line.code) && provider.specialDrugs && inProductRegion;
}

function payResponsibility(product: SupplementaryProduct, r: Responsibility, base: Fen, tally: Tally): ResponsibilityOutcome {
  const deductibleName = counter.responsibilityDeductible(product.id, r.id);
  const deductible = min(over(r.deductibleFen, tally.get(deductibleName)), base);
  tally.add(deductibleName, deductible);
  let paid = mulBps(sub(base, deductible), r.ratioBps);
  const paidName = counter.responsibilityPaid(product.id, r.id);
  if (r.capFen !== null) paid = min(paid, over(r.capFen, tally.get(paidName)));
  tally.add(paidName, paid);
  return { id: r.id, baseFen: base, deductibleFen: deductible, paidFen: paid };
}
