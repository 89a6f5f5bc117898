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
function once1<A extends string>(build: (a: A) => string): (a: A) => string {
  const names = new Map<A, string>();
  return (a) => {
    const known = names.get(a);
    if (known !== undefined) return known;
    const name = build(a);
    names.set(a, name);
    return name;
  };
}

function once2<A extends string, B extends string>(build: (a: A, b: B) => string): (a: A, b: B) => string {
  const names = new Map<A, (b: B) => string>();
  return (a, b) => {
    let of = names.get(a);
    if (of === undefined) {
      of = once1((b: B) => build(a, b));
      names.set(a, of);
    }
    return of(b);
  };
}

export const counter = {
  /** Yearly deductible consumed, for visit types whose deductible is per year. */
  basicDeductible: once2((plan: PlanId, visit: VisitType) => `basic:${plan}:${visit}:deductible`),
  /** What the basic tier paid for one visit type this year (the visit type's yearly cap). */
  basicVisitTypePaid: once2((plan: PlanId, visit: VisitType) => `basic:${plan}:${visit}:paid`),
  /** What the basic tier paid for all visit types this year (the plan's yearly cap). */
  basicPlanPaid: once1((plan: PlanId) => `basic:${plan}:paid`),
  /** Yearly in-policy self-pay accumulated for critical illness. */
  criticalSelfPay: once1((plan: PlanId) => `ci:${plan}:selfPay`),
  criticalPaid: once1((plan: PlanId) => `ci:${plan}:paid`),
  assistanceDeductible: once1((plan: PlanId) => `aid:${plan}:deductible`),
  assistancePaid: once1((plan: PlanId) => `aid:${plan}:paid`),
  responsibilityDeductible: once2((product: PlanId, r: ResponsibilityId) => `supp:${product}:${r}:deductible`),
  responsibilityPaid: once2((product: PlanId, r: ResponsibilityId) => `supp:${product}:${r}:paid`),
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
