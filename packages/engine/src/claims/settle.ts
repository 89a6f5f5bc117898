/**
 * One-stop settlement of a visit (一站式结算) in three stages, each usable alone so
 * that a workflow can run them as separate steps on the same snapshot:
 *   1. eligibility (eligibility.ts);
 *   2. the tiers in order, each on what the previous left: basic → critical
 *      illness → assistance → supplementary (`settleTiers`);
 *   3. payment of what is left from the accounts, then cash (`settleRemainder`).
 * Pure: it returns the explanation of benefits and what the claim would change.
 */

import { NOTE, type Note } from '../core/codes.ts';
import { InvariantError } from '../core/errors.ts';
import type { EventId, MemberId } from '../core/ids.ts';
import { add, type Fen, sub, sum, ZERO } from '../core/money.ts';
import { type Instant, yearOf } from '../core/time.ts';
import type { AccountMove, InpatientStay, StateView, VisitRef } from '../state/view.ts';
import type { Visit } from '../world/events.ts';
import type { Policy } from '../world/people.ts';
import type {
  AssistanceOutcome,
  BasicOutcome,
  ClaimResult,
  CriticalIllnessOutcome,
  Payments,
  SupplementaryOutcome,
} from '../world/results.ts';
import { NO_PAYMENTS } from '../world/results.ts';
import type { SupplementaryProduct } from '../world/types.ts';
import { settleAssistance } from './assistance.ts';
import { settleBasic } from './basic.ts';
import { Tally } from './counters.ts';
import { settleCriticalIllness } from './critical-illness.ts';
import type { VisitParties } from './eligibility.ts';
import { splitLines } from './lines.ts';
import { planPayment } from './payment.ts';
import { settleSupplementary } from './supplementary.ts';

/** A claim or a quote: a visit with its event identity. */
export type VisitEvent = Visit & { readonly id: EventId; readonly at: Instant; readonly type: 'claim' | 'quote' };

/** Stage 2's answer: what every tier pays, and the accumulators it consumed. JSON-serializable. */
export interface TierSettlement {
  readonly memberId: MemberId;
  readonly year: number;
  readonly totalFen: Fen;
  readonly nonMedicalFen: Fen;
  readonly basic: BasicOutcome;
  readonly criticalIllness: CriticalIllnessOutcome | null;
  readonly assistance: AssistanceOutcome | null;
  readonly supplementary: SupplementaryOutcome | null;
  readonly notes: readonly Note[];
  readonly accumulatorDeltas: Readonly<Record<string, Fen>>;
}

/** A settled visit: its EOB and the effects a commit must apply atomically. */
export interface Settlement {
  readonly result: ClaimResult;
  readonly memberId: MemberId;
  readonly year: number;
  readonly accumulatorDeltas: Readonly<Record<string, Fen>>;
  readonly moves: readonly AccountMove[];
  readonly holderReserveFen: Fen;
  /** The visit a settled claim holds until reversed (null: the provider named none). */
  readonly visit: VisitRef | null;
  /** The inpatient stay a settled inpatient claim records (the re-admission rule); null for other visit types. */
  readonly stay: InpatientStay | null;
}

/** The policy that covers the patient on the service date, if any. */
export function coveringPolicy(visit: Visit, view: StateView): { product: SupplementaryProduct; policy: Policy } | undefined {
  const held = view.policiesOf(visit.memberId);
  for (const product of view.catalog.productsCovering(visit.serviceDate)) {
    const policy = held.find((p) => p.productId === product.id);
    if (policy) return { product, policy };
  }
  return undefined;
}

/** The contract's answer for a claim rejected at eligibility: nothing paid, nothing debited. */
export function rejectedClaim(event: VisitEvent, reasons: ClaimResult['reasons']): ClaimResult {
  return {
    id: event.id,
    type: event.type,
    status: 'rejected',
    reasons,
    notes: [],
    totalFen: splitLines(event.lines).totalFen,
    basic: null,
    criticalIllness: null,
    assistance: null,
    supplementary: null,
    payments: NO_PAYMENTS,
  };
}

/** Stage 2: the tiers, for a visit stage 1 found eligible (its parties: `checkEligibility`'s, or `partiesOf`). */
export function settleTiers(event: VisitEvent, parties: VisitParties, view: StateView): TierSettlement {
  const { member, provider, plan } = parties;
  const split = splitLines(event.lines);
  const year = yearOf(event.serviceDate);
  const tally = new Tally(view.accumulators(member.id, year));
  const notes: Note[] = [];

  const basic = settleBasic(plan, event.visitType, member, provider, split, tally);
  if (basic.note) notes.push(basic.note);
  const ips = basic.outcome.inPolicySelfPayFen;

  const ciPlan = view.catalog.criticalIllnessPlan(member.scheme, member.region, year);
  const critical = ciPlan?.visitTypes.includes(event.visitType) ? settleCriticalIllness(ciPlan, ips, tally) : null;
  const leftAfterCritical = sub(ips, critical?.paidFen ?? ZERO);

  const category = member.assistanceCategory;
  const aidPlan = category ? view.catalog.assistancePlan(member.region, year) : undefined;
  const assistance = aidPlan && category ? settleAssistance(aidPlan, category, leftAfterCritical, tally) : null;

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
          assistancePaidFen: assistance?.paidFen ?? ZERO,
        },
        view.catalog,
        tally,
      )
    : null;
  if (!cover) notes.push({ code: NOTE.SUPPLEMENTARY_NOT_ENROLLED, message: 'no policy covers the service date' });

  return {
    memberId: member.id,
    year,
    totalFen: split.totalFen,
    nonMedicalFen: split.nonMedicalFen,
    basic: basic.outcome,
    criticalIllness: critical,
    assistance,
    supplementary,
    notes,
    accumulatorDeltas: tally.deltas(),
  };
}

/** Stage 3: what the tiers left, from the patient's account, the family holder's, then cash. */
export function settleRemainder(event: VisitEvent, tiers: TierSettlement, view: StateView): Settlement {
  const patient = view.member(tiers.memberId);
  if (!patient) throw new InvariantError(`settleRemainder: patient ${tiers.memberId} vanished`, { entity: tiers.memberId });
  const tiersPaid = add(
    tiers.basic.paidFen,
    tiers.criticalIllness?.paidFen ?? ZERO,
    tiers.assistance?.paidFen ?? ZERO,
    tiers.supplementary?.paidFen ?? ZERO,
  );
  const payment = planPayment(
    {
      patient,
      at: event.at,
      useAccount: event.useAccount,
      personalBorneFen: sub(tiers.totalFen, tiersPaid),
      nonMedicalFen: tiers.nonMedicalFen,
    },
    view,
  );
  const result: ClaimResult = {
    id: event.id,
    type: event.type,
    status: event.type === 'quote' ? 'quoted' : 'settled',
    reasons: [],
    notes: [...tiers.notes, ...payment.notes],
    totalFen: tiers.totalFen,
    basic: tiers.basic,
    criticalIllness: tiers.criticalIllness,
    assistance: tiers.assistance,
    supplementary: tiers.supplementary,
    payments: payment.payments,
  };
  assertBalanced(result);
  return {
    result,
    memberId: tiers.memberId,
    year: tiers.year,
    accumulatorDeltas: tiers.accumulatorDeltas,
    moves: payment.moves,
    holderReserveFen: payment.holderReserveFen,
    visit: event.visitId === null ? null : { providerId: event.providerId, visitId: event.visitId },
    stay: event.visitType === 'inpatient' ? { providerId: event.providerId, serviceDate: event.serviceDate } : null,
  };
}

/** total = basic + criticalIllness + assistance + supplementary + ownAccount + familyAccount + cash. */
export function claimParts(result: ClaimResult): Fen[] {
  const p: Payments = result.payments;
  return [
    result.basic?.paidFen ?? ZERO,
    result.criticalIllness?.paidFen ?? ZERO,
    result.assistance?.paidFen ?? ZERO,
    result.supplementary?.paidFen ?? ZERO,
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
    throw new InvariantError(`claim ${result.id} does not balance: parts ${parts.join('+')} ≠ total ${result.totalFen}`, {
      entity: result.id,
    });
  }
}
