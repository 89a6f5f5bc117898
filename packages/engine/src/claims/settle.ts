/**
 * One-stop settlement of a visit (一站式结算): eligibility, then the tiers in order,
 * each on what the previous left (basic → critical illness → assistance →
 * supplementary), then payment from the accounts and cash. Pure: it returns the
 * explanation of benefits and what the claim would change, and changes nothing.
 */
import { add, sub, sum, type Fen } from '../core/money.ts';
import { NOTE, type Note } from '../core/codes.ts';
import { yearOf, type Instant } from '../core/time.ts';
import type { Visit } from '../world/events.ts';
import type { Member, Policy } from '../world/people.ts';
import type { SupplementaryProduct } from '../world/types.ts';
import type { ClaimResult, Payments } from '../world/results.ts';
import { NO_PAYMENTS } from '../world/results.ts';
import type { AccountMove, StateView } from '../state/view.ts';
import type { EventId } from '../core/ids.ts';
import { checkEligibility } from './eligibility.ts';
import { splitLines } from './lines.ts';
import { Tally } from './counters.ts';
import { settleBasic } from './basic.ts';
import { settleCriticalIllness } from './critical-illness.ts';
import { settleAssistance } from './assistance.ts';
import { settleSupplementary } from './supplementary.ts';
import { planPayment } from './payment.ts';

/** A settled visit: its EOB and the effects a commit must apply atomically. */
export interface Settlement {
  readonly result: ClaimResult;
  readonly memberId: Member['id'];
  readonly year: number;
  readonly accumulatorDeltas: Record<string, Fen>;
  readonly moves: readonly AccountMove[];
  readonly holderReserveFen: Fen;
}

export type SettleOutcome =
  | { readonly settled: true; readonly settlement: Settlement }
  | { readonly settled: false; readonly result: ClaimResult };

/** The policy that covers the patient on the service date, if any. */
export function coveringPolicy(
  visit: Visit,
  view: StateView,
): { product: SupplementaryProduct; policy: Policy } | undefined {
  const held = view.policiesOf(visit.memberId);
  for (const product of view.catalog.productsCovering(visit.serviceDate)) {
    const policy = held.find((p) => p.productId === product.id);
    if (policy) return { product, policy };
  }
  return undefined;
}

export function settleVisit(
  event: Visit & { readonly id: EventId; readonly at: Instant; readonly type: 'claim' | 'quote' },
  view: StateView,
): SettleOutcome {
  const split = splitLines(event.lines);
  const eligibility = checkEligibility(event, view);
  if (!eligibility.eligible) {
    return {
      settled: false,
      result: {
        id: event.id,
        type: event.type,
        status: 'rejected',
        reasons: eligibility.reasons,
        notes: [],
        totalFen: split.totalFen,
        basic: null,
        criticalIllness: null,
        assistance: null,
        supplementary: null,
        payments: NO_PAYMENTS,
      },
    };
  }
  const { member, provider, plan } = eligibility;
  const year = yearOf(event.serviceDate);
  const tally = new Tally(view.accumulators(member.id, year));
  const notes: Note[] = [];

  const basic = settleBasic(plan, event.visitType, member, provider, split, tally);
  if (basic.note) notes.push(basic.note);
  const ips = basic.outcome.inPolicySelfPayFen;

  const ciPlan = view.catalog.criticalIllnessPlan(member.scheme, member.region, year);
  const critical =
    ciPlan && ciPlan.visitTypes.includes(event.visitType) ? settleCriticalIllness(ciPlan, ips, tally) : null;
  const leftAfterCritical = sub(ips, critical?.paidFen ?? (0 as Fen));

  const aidPlan = member.assistanceCategory ? view.catalog.assistancePlan(member.region, year) : undefined;
  const assistance =
    aidPlan && member.assistanceCategory
      ? settleAssistance(aidPlan, member.assistanceCategory, leftAfterCritical, tally)
      : null;

  const cover = coveringPolicy(event, view);
  const supplementary = cover
    ? settleSupplementary(
        {
          product: cover.product,
          policy: cover.policy,
          visit: event,
          provider,
          inPolicySelfPayFen: ips,
          criticalIllness: critical,
          assistancePaidFen: assistance?.paidFen ?? (0 as Fen),
        },
        view.catalog,
        tally,
      )
    : null;
  if (!cover) notes.push({ code: NOTE.SUPPLEMENTARY_NOT_ENROLLED, message: 'no policy covers the service date' });

  const tiersPaid = add(
    basic.outcome.paidFen,
    critical?.paidFen ?? (0 as Fen),
    assistance?.paidFen ?? (0 as Fen),
    supplementary?.paidFen ?? (0 as Fen),
  );
  const payment = planPayment(
    {
      patient: member,
      at: event.at,
      useAccount: event.useAccount,
      personalBorneFen: sub(split.totalFen, tiersPaid),
      nonMedicalFen: split.nonMedicalFen,
    },
    view,
  );
  notes.push(...payment.notes);

  const result: ClaimResult = {
    id: event.id,
    type: event.type,
    status: event.type === 'quote' ? 'quoted' : 'settled',
    reasons: [],
    notes,
    totalFen: split.totalFen,
    basic: basic.outcome,
    criticalIllness: critical,
    assistance,
    supplementary,
    payments: payment.payments,
  };
  assertBalanced(result);
  return {
    settled: true,
    settlement: {
      result,
      memberId: member.id,
      year,
      accumulatorDeltas: tally.deltas(),
      moves: payment.moves,
      holderReserveFen: payment.holderReserveFen,
    },
  };
}

/** total = basic + criticalIllness + assistance + supplementary + ownAccount + familyAccount + cash. */
export function claimParts(result: ClaimResult): Fen[] {
  const p: Payments = result.payments;
  return [
    result.basic?.paidFen ?? (0 as Fen),
    result.criticalIllness?.paidFen ?? (0 as Fen),
    result.assistance?.paidFen ?? (0 as Fen),
    result.supplementary?.paidFen ?? (0 as Fen),
    p.ownAccountFen,
    p.familyAccountFen,
    p.cashFen,
  ];
}

/** The EOB must add up exactly, and no part may be negative: checked on every claim. */
export function assertBalanced(result: ClaimResult): void {
  const parts = claimParts(result);
  const total = sum(parts, (x) => x);
  if (total !== result.totalFen || parts.some((x) => x < 0)) {
    throw new Error(`claim ${result.id} does not balance: parts ${parts.join('+')} ≠ total ${result.totalFen}`);
  }
}
