/**
 * The basic tier (统筹基金): deductible by provider level (per visit, or consumed
 * across the year's claims of the visit type), `round((scope − deductible) × ratio)`
 * with the retiree bonus (never above 1), then caps in order: per visit, the visit
 * type's yearly cap, the plan's yearly cap.
 */

import { NOTE, type Note } from '../core/codes.ts';
import { addBpsCapped, type Fen, min, mulBps, over, sub, ZERO } from '../core/money.ts';
import type { Member } from '../world/people.ts';
import type { BasicOutcome } from '../world/results.ts';
import type { BasicPlan, Provider, VisitType } from '../world/types.ts';
import { counter, type Tally } from './counters.ts';
import type { LineSplit } from './lines.ts';

export interface BasicSettlement {
  readonly outcome: BasicOutcome;
  readonly note: Note | null;
}

export function settleBasic(
  plan: BasicPlan,
  visitType: VisitType,
  member: Member,
  provider: Provider,
  split: LineSplit,
  tally: Tally,
): BasicSettlement {
  const scope = split.scopeFen;
  const benefit = plan.benefits[visitType];
  const ratio = benefit?.ratioBps.get(provider.level);
  const base = {
    planId: plan.id,
    scopeFen: scope,
    firstSelfPayFen: split.firstSelfPayFen,
    selfFundedFen: split.selfFundedFen,
    nonMedicalFen: split.nonMedicalFen,
  };
  if (!benefit || ratio === undefined) {
    // No benefit for this visit type (or this provider level): the fund pays nothing,
    // the in-scope cost stays with the patient and the tiers after this one.
    return {
      outcome: { ...base, deductibleFen: ZERO, paidFen: ZERO, inPolicySelfPayFen: scope },
      note: {
        code: NOTE.BASIC_VISIT_TYPE_NOT_COVERED,
        message: `plan ${plan.id} has no ${visitType} benefit at level ${provider.level}`,
      },
    };
  }

  const levelDeductible = benefit.deductibleFen.get(provider.level) ?? ZERO;
  let deductible: Fen;
  if (benefit.deductiblePer === 'visit') {
    deductible = min(levelDeductible, scope);
  } else {
    const name = counter.basicDeductible(plan.id, visitType);
    deductible = min(over(levelDeductible, tally.get(name)), scope);
    tally.add(name, deductible);
  }

  const bonus = member.retired ? benefit.retireeBonusBps : 0;
  let paid = mulBps(sub(scope, deductible), addBpsCapped(ratio, bonus as typeof ratio));
  const perVisitCap = benefit.perVisitCapFen?.get(provider.level);
  if (perVisitCap !== undefined) paid = min(paid, perVisitCap);
  const visitTypeName = counter.basicVisitTypePaid(plan.id, visitType);
  if (benefit.annualCapFen !== null) paid = min(paid, over(benefit.annualCapFen, tally.get(visitTypeName)));
  const planName = counter.basicPlanPaid(plan.id);
  if (plan.annualCapFen !== null) paid = min(paid, over(plan.annualCapFen, tally.get(planName)));
  tally.add(visitTypeName, paid);
  tally.add(planName, paid);

  return {
    outcome: { ...base, deductibleFen: deductible, paidFen: paid, inPolicySelfPayFen: sub(scope, paid) },
    note: null,
  };
}
