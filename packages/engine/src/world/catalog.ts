/**
 * The catalog: regions, plans and providers with the lookups settlement needs.
 * Built once from configuration (the scenario's world, or the plans table) and
 * cached per process; every lookup is independent of the order plans were listed
 * (the contract allows one basic plan per scheme, region and year, one assistance
 * plan per region and year, and one critical-illness plan per scheme among them).
 */
import type { MemberId, PlanId, ProviderId, RegionCode } from '../core/ids.ts';
import type { LocalDate } from '../core/time.ts';
import type { Member } from './people.ts';
import type {
  AssistancePlan,
  BasicPlan,
  CriticalIllnessPlan,
  Plan,
  Provider,
  Region,
  ReviewRules,
  Scheme,
  SupplementaryProduct,
} from './types.ts';

/**
 * Plans by region, then year: lookups run for every claim, and a key joined afresh
 * each time would be hashed whole at every lookup.
 */
class ByRegionYear<T> {
  readonly #plans = new Map<RegionCode, Map<number, T[]>>();

  add(region: RegionCode, year: number, plan: T): void {
    let years = this.#plans.get(region);
    if (!years) {
      years = new Map();
      this.#plans.set(region, years);
    }
    years.set(year, [...(years.get(year) ?? []), plan]);
  }

  get(region: RegionCode, year: number): readonly T[] {
    return this.#plans.get(region)?.get(year) ?? [];
  }
}

export class Catalog {
  readonly regions: ReadonlyMap<RegionCode, Region>;
  readonly plans: ReadonlyMap<PlanId, Plan>;
  readonly providers: ReadonlyMap<ProviderId, Provider>;
  /** The world's review rules (人工审核); null: no claim is ever held. */
  readonly review: ReviewRules | null;
  readonly #basic = new ByRegionYear<BasicPlan>();
  readonly #critical = new ByRegionYear<CriticalIllnessPlan>();
  readonly #assistance = new ByRegionYear<AssistancePlan>();
  /** Supplementary products in id order. */
  readonly #products: readonly SupplementaryProduct[];

  constructor(regions: readonly Region[], plans: readonly Plan[], providers: readonly Provider[], review: ReviewRules | null = null) {
    this.review = review;
    this.regions = new Map(regions.map((r) => [r.code, r]));
    this.plans = new Map(plans.map((p) => [p.id, p]));
    this.providers = new Map(providers.map((p) => [p.id, p]));
    const products: SupplementaryProduct[] = [];
    for (const plan of plans) {
      if (plan.tier === 'basic') this.#basic.add(plan.region, plan.year, plan);
      if (plan.tier === 'assistance') this.#assistance.add(plan.region, plan.year, plan);
      if (plan.tier === 'criticalIllness') this.#critical.add(plan.region, plan.year, plan);
      if (plan.tier === 'supplementary') products.push(plan);
    }
    this.#products = products.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The basic plan is the member's: scheme, home region, year of the service date. */
  basicPlan(scheme: Scheme, region: RegionCode, year: number): BasicPlan | undefined {
    return this.#basic.get(region, year).find((p) => p.scheme === scheme);
  }

  criticalIllnessPlan(scheme: Scheme, region: RegionCode, year: number): CriticalIllnessPlan | undefined {
    return this.#critical.get(region, year).find((p) => p.schemes.includes(scheme));
  }

  assistancePlan(region: RegionCode, year: number): AssistancePlan | undefined {
    return this.#assistance.get(region, year)[0];
  }

  product(id: PlanId): SupplementaryProduct | undefined {
    const plan = this.plans.get(id);
    return plan?.tier === 'supplementary' ? plan : undefined;
  }

  provider(id: ProviderId): Provider | undefined {
    return this.providers.get(id);
  }

  /** Contract: the region's `province`, or else its first two digits followed by `0000`. */
  provinceOf(region: RegionCode): RegionCode {
    return this.regions.get(region)?.province ?? (`${region.slice(0, 2)}0000` as RegionCode);
  }

  /**
   * Whether a region lies inside a product's region: the same city for a city
   * product, the same province for a province product.
   */
  inProductRegion(product: SupplementaryProduct, region: RegionCode): boolean {
    if (product.regionScope === 'city') return region === product.region;
    return this.provinceOf(region) === this.provinceOf(product.region);
  }

  /** The family-aid rules of a holder's region; null when the region has none. */
  familyAidOf(holder: Member): Region['familyAid'] {
    return this.regions.get(holder.region)?.familyAid ?? null;
  }

  /** Products whose coverage contains the date, in id order (deterministic). */
  productsCovering(date: LocalDate): SupplementaryProduct[] {
    return this.#products.filter((p) => p.coverage.from <= date && date <= p.coverage.to);
  }
}

export type { MemberId };
