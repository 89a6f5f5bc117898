/**
 * Names of a member's year accumulators, one per deductible and cap of every tier,
 * and the Tally that reads them and collects this claim's contributions.
 */

import { dict, own } from '../core/dict.ts';
import { InvariantError } from '../core/errors.ts';
import type { PlanId, ResponsibilityId } from '../core/ids.ts';
import type { Fen } from '../core/money.ts';
import type { Accumulators } from '../state/view.ts';
import type { VisitType } from '../world/types.ts';

/**
 * Each name is built once per plan (and visit type or responsibility) and then
 * reused: settlement looks every name up several times per claim, and a freshly
 * built string must be flattened and hashed whole at each lookup (about five
 * times the cost of the lookup itself). Bounded by the catalog's size.
 */
function once1(build: (a: string) => string): (a: string) => string {
  const names = new Map<string, string>();
  return (a) => {
    const known = names.get(a);
    if (known !== undefined) return known;
    const name = build(a);
    names.set(a, name);
    return name;
  };
}

function once2(build: (a: string, b: string) => string): (a: string, b: string) => string {
  const names = new Map<string, (b: string) => string>();
  return (a, b) => {
    let of = names.get(a);
    if (of === undefined) {
      of = once1((b) => build(a, b));
      names.set(a, of);
    }
    return of(b);
  };
}

export const counter = {
  /** Yearly deductible consumed, for visit types whose deductible is per year. */
  basicDeductible: once2((plan, visit) => `basic:${plan}:${visit}:deductible`) as (plan: PlanId, visit: VisitType) => string,
  /** What the basic tier paid for one visit type this year (the visit type's yearly cap). */
  basicVisitTypePaid: once2((plan, visit) => `basic:${plan}:${visit}:paid`) as (plan: PlanId, visit: VisitType) => string,
  /** What the basic tier paid for all visit types this year (the plan's yearly cap). */
  basicPlanPaid: once1((plan) => `basic:${plan}:paid`) as (plan: PlanId) => string,
  /** Yearly in-policy self-pay accumulated for critical illness. */
  criticalSelfPay: once1((plan) => `ci:${plan}:selfPay`) as (plan: PlanId) => string,
  criticalPaid: once1((plan) => `ci:${plan}:paid`) as (plan: PlanId) => string,
  assistanceDeductible: once1((plan) => `aid:${plan}:deductible`) as (plan: PlanId) => string,
  assistancePaid: once1((plan) => `aid:${plan}:paid`) as (plan: PlanId) => string,
  responsibilityDeductible: once2((product, r) => `supp:${product}:${r}:deductible`) as (product: PlanId, r: ResponsibilityId) => string,
  responsibilityPaid: once2((product, r) => `supp:${product}:${r}:paid`) as (product: PlanId, r: ResponsibilityId) => string,
} as const;

/**
 * The year's accumulators as this claim sees them: what earlier claims left,
 * plus what this claim has added so far. Only additions are allowed.
 */
export class Tally {
  readonly #base: Accumulators;
  readonly #deltas = new Map<string, number>();

  constructor(base: Accumulators) {
    this.#base = base;
  }

  get(name: string): Fen {
    return ((own(this.#base, name) ?? 0) + (this.#deltas.get(name) ?? 0)) as Fen;
  }

  add(name: string, amount: Fen): void {
    if (amount < 0) throw new InvariantError(`accumulator ${name} cannot decrease within a claim`, { entity: name });
    if (amount === 0) return;
    this.#deltas.set(name, (this.#deltas.get(name) ?? 0) + amount);
  }

  /** This claim's contributions, in a stable order. */
  deltas(): Record<string, Fen> {
    const out = dict<Fen>();
    for (const name of [...this.#deltas.keys()].sort()) out[name] = this.#deltas.get(name)! as Fen;
    return out;
  }
}
