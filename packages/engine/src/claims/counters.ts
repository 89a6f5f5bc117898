/**
 * Names of a member's year accumulators, one per deductible and cap of every tier,
 * and the Tally that reads them and collects this claim's contributions.
 */

import { dict } from '../core/dict.ts';
import { InvariantError } from '../core/errors.ts';
import type { PlanId, ResponsibilityId } from '../core/ids.ts';
import type { Fen } from '../core/money.ts';
import type { Accumulators } from '../state/view.ts';
import type { VisitType } from '../world/types.ts';

export const counter = {
  /** Yearly deductible consumed, for visit types whose deductible is per year. */
  basicDeductible: (plan: PlanId, visit: VisitType) => `basic:${plan}:${visit}:deductible`,
  /** What the basic tier paid for one visit type this year (the visit type's yearly cap). */
  basicVisitTypePaid: (plan: PlanId, visit: VisitType) => `basic:${plan}:${visit}:paid`,
  /** What the basic tier paid for all visit types this year (the plan's yearly cap). */
  basicPlanPaid: (plan: PlanId) => `basic:${plan}:paid`,
  /** Yearly in-policy self-pay accumulated for critical illness. */
  criticalSelfPay: (plan: PlanId) => `ci:${plan}:selfPay`,
  criticalPaid: (plan: PlanId) => `ci:${plan}:paid`,
  assistanceDeductible: (plan: PlanId) => `aid:${plan}:deductible`,
  assistancePaid: (plan: PlanId) => `aid:${plan}:paid`,
  responsibilityDeductible: (product: PlanId, r: ResponsibilityId) => `supp:${product}:${r}:deductible`,
  responsibilityPaid: (product: PlanId, r: ResponsibilityId) => `supp:${product}:${r}:paid`,
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
    return ((this.#base.get(name) ?? 0) + (this.#deltas.get(name) ?? 0)) as Fen;
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
