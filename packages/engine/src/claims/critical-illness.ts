/**
 * The critical-illness tier (大病保险): the member's in-policy self-pay accumulates
 * over the year; the part above the yearly threshold is paid in bands whose bounds
 * lie on the amount above the threshold, each band at its own ratio (rounded per
 * band), up to the yearly cap. A claim that crosses the threshold pays only on its
 * part above it.
 */
import { type Fen, min, mulBps, over, sub, ZERO } from '../core/money.ts';
import type { CriticalIllnessOutcome } from '../world/results.ts';
import type { CriticalIllnessPlan } from '../world/types.ts';
import { counter, type Tally } from './counters.ts';

export function settleCriticalIllness(plan: CriticalIllnessPlan, inPolicySelfPay: Fen, tally: Tally): CriticalIllnessOutcome {
  const accumulated = counter.criticalSelfPay(plan.id);
  const before = tally.get(accumulated);
  const aboveBefore = over(before, plan.thresholdFen);
  const aboveAfter = over((before + inPolicySelfPay) as Fen, plan.thresholdFen);
  tally.add(accumulated, inPolicySelfPay);

  let paid = ZERO;
  let lower = 0;
  for (const band of plan.bands) {
    const upper = band.uptoFen ?? Number.POSITIVE_INFINITY;
    const overlap = Math.max(0, Math.min(upper, aboveAfter) - Math.max(lower, aboveBefore));
    paid = (paid + mulBps(overlap as Fen, band.ratioBps)) as Fen;
    lower = upper;
  }
  const paidName = counter.criticalPaid(plan.id);
  if (plan.annualCapFen !== null) paid = min(paid, over(plan.annualCapFen, tally.get(paidName)));
  tally.add(paidName, paid);
  return { planId: plan.id, aboveThresholdFen: sub(aboveAfter, aboveBefore), paidFen: paid };
}
