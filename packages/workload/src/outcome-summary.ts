/**
 * What a replay of a workload produced (caller → summarizeOutcome): claims settled
 * and rejected with their reasons, what each tier and payment source paid,
 * enrollments, renewals, reversals and bindings — each event id counted once.
 */
import type { EventResult } from '@medins/engine';

export interface OutcomeSummary {
  readonly claims: {
    /** Claims settled, by rules alone or by a reviewer's approval (under the decision's figures). */
    readonly settled: number;
    /** Rejected by rules, or by a reviewer (`REVIEW_REJECTED`). */
    readonly rejected: number;
    /** Held for a reviewer when they arrived (decided or not). */
    readonly held: number;
    readonly reasons: Record<string, number>;
    readonly notes: Record<string, number>;
    readonly totalFen: number;
    /** Fen paid by each tier and payment source over the settled claims. */
    readonly paidFen: {
      readonly basic: number;
      readonly criticalIllness: number;
      readonly assistance: number;
      readonly supplementary: number;
      readonly ownAccount: number;
      readonly familyAccount: number;
      readonly cash: number;
    };
    /** Settled claims where each tier or source paid something. */
    readonly paying: {
      readonly criticalIllness: number;
      readonly assistance: number;
      readonly supplementary: number;
      readonly familyAccount: number;
    };
  };
  readonly quotes: { readonly quoted: number; readonly rejected: number };
  readonly enrollments: {
    readonly enrolled: number;
    readonly rejected: number;
    readonly reasons: Record<string, number>;
    readonly accountPaidFen: number;
  };
  readonly renewals: { readonly renewed: number; readonly failed: number; readonly reminded: number; readonly skipped: number };
  readonly reversals: { readonly reversed: number; readonly rejected: number; readonly reasons: Record<string, number> };
  readonly bindings: Record<string, Record<string, number>>;
}

const bump = (record: Record<string, number>, key: string, by = 1) => {
  record[key] = (record[key] ?? 0) + by;
};

/**
 * @example summarizeOutcome(replay(world, events).results).claims.settled
 */
export function summarizeOutcome(results: readonly EventResult[]): OutcomeSummary {
  const claims = {
    settled: 0,
    rejected: 0,
    held: 0,
    reasons: {} as Record<string, number>,
    notes: {} as Record<string, number>,
    totalFen: 0,
    paidFen: { basic: 0, criticalIllness: 0, assistance: 0, supplementary: 0, ownAccount: 0, familyAccount: 0, cash: 0 },
    paying: { criticalIllness: 0, assistance: 0, supplementary: 0, familyAccount: 0 },
  };
  const quotes = { quoted: 0, rejected: 0 };
  const enrollments = { enrolled: 0, rejected: 0, reasons: {} as Record<string, number>, accountPaidFen: 0 };
  const renewals = { renewed: 0, failed: 0, reminded: 0, skipped: 0 };
  const reversals = { reversed: 0, rejected: 0, reasons: {} as Record<string, number> };
  const bindings: Record<string, Record<string, number>> = {};
  const seen = new Set<string>();
  for (const r of results) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    switch (r.type) {
      case 'quote':
        if (r.status === 'quoted') quotes.quoted++;
        else quotes.rejected++;
        break;
      case 'claim':
      case 'reviewDecision': {
        // A held claim is counted by its decision; a decision for a claim that is not held decides nothing.
        if (r.status === 'held') {
          claims.held++;
          break;
        }
        if (r.type === 'reviewDecision' && r.reasons.some((x) => x.code === 'NOT_HELD')) break;
        if (r.status !== 'settled') {
          claims.rejected++;
          for (const reason of r.reasons) bump(claims.reasons, reason.code);
          break;
        }
        claims.settled++;
        claims.totalFen += r.totalFen;
        for (const note of r.notes) bump(claims.notes, note.code);
        claims.paidFen.basic += r.basic?.paidFen ?? 0;
        claims.paidFen.criticalIllness += r.criticalIllness?.paidFen ?? 0;
        claims.paidFen.assistance += r.assistance?.paidFen ?? 0;
        claims.paidFen.supplementary += r.supplementary?.paidFen ?? 0;
        claims.paidFen.ownAccount += r.payments.ownAccountFen;
        claims.paidFen.familyAccount += r.payments.familyAccountFen;
        claims.paidFen.cash += r.payments.cashFen;
        if ((r.criticalIllness?.paidFen ?? 0) > 0) claims.paying.criticalIllness++;
        if ((r.assistance?.paidFen ?? 0) > 0) claims.paying.assistance++;
        if ((r.supplementary?.paidFen ?? 0) > 0) claims.paying.supplementary++;
        if (r.payments.familyAccountFen > 0) claims.paying.familyAccount++;
        break;
      }
      case 'enroll':
        if (r.status === 'enrolled') {
          enrollments.enrolled++;
          enrollments.accountPaidFen += r.accountPaidFen;
        } else {
          enrollments.rejected++;
          for (const reason of r.reasons) bump(enrollments.reasons, reason.code);
        }
        break;
      case 'renewalCampaign':
        renewals.renewed += r.renewed;
        renewals.failed += r.failed;
        renewals.reminded += r.reminded;
        renewals.skipped += r.skipped;
        break;
      case 'reverseClaim':
        if (r.status === 'reversed') reversals.reversed++;
        else {
          reversals.rejected++;
          for (const reason of r.reasons) bump(reversals.reasons, reason.code);
        }
        break;
      case 'bindFamily':
      case 'bindViewer':
      case 'unbindFamily': {
        const byStatus = bindings[r.type] ?? {};
        bindings[r.type] = byStatus;
        bump(byStatus, r.status);
        for (const reason of r.reasons) bump(byStatus, reason.code);
        break;
      }
    }
  }
  return { claims, quotes, enrollments, renewals, reversals, bindings };
}
