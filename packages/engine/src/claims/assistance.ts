/**
 * The assistance tier (医疗救助), for members with an assistance category (低保,
 * 特困): the category's ratio of the in-policy self-pay left after critical
 * illness, after a yearly deductible, up to a yearly cap.
 */
import { type Fen, min, mulBps, over, sub } from '../core/money.ts';
import type { AssistanceOutcome } from '../world/results.ts';
import type { AssistancePlan } from '../world/types.ts';
import { counter, type Tally } from './counters.ts';

export function settleAssistance(plan: AssistancePlan, category: string, leftAfterCritical: Fen, tally: Tally): AssistanceOutcome | null {
  const ratio = plan.categories.get(category);
  if (ratio === undefined) return null;
  const deductibleName = counter.assistanceDeductible(plan.id);
  const deductible = min(over(plan.deductibleFen, tally.get(deductibleName)), leftAfterCritical);
  tally.add(deductibleName, deductible);
  let paid = mulBps(sub(leftAfterCritical, deductible), ratio);
  const paidName = counter.assistancePaid(plan.id);
  if (plan.annualCapFen !== null) paid = min(paid, over(plan.annualCapFen, tally.get(paidName)));
  tally.add(paidName, paid);
  return { planId: plan.id, category, baseFen: leftAfterCritical, deductibleFen: deductible, paidFen: paid };
}
