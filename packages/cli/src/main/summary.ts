/**
 * The main job's summary (summary.json): counted from what the tables hold after
 * the run — results read back, the reconciliation — never from the run's own
 * bookkeeping.
 */
import type { CityRunResult } from '@medins/embedded';
import { type InsurerRun, LOSS_RATIO_DEFINITION, lossRatios, type ProductLossRatio } from '@medins/insurer';
import type { LocalStackVersions } from '@medins/local-stack';
import { type ReviewSummary, summarizeOutcome, summarizeReviews } from '@medins/workload';

type Doc = { id: string; type: string; at?: string; productId?: string };

export interface MainSummary {
  readonly stack: { readonly dynamodb: string; readonly queue: string; readonly workflow: string };
  readonly claims: { submitted: number; settled: number; rejected: number; failed: number; rejectedByReason: Record<string, number> };
  /**
   * Held claims and their reviewers: the auto-adjudication rate, held claims by flag,
   * decisions, waits; and `escalated`: reviews that timed out and went to a supervisor
   * (read from the review tasks; on the compressed review clock, so it varies from run to run).
   */
  readonly reviews: ReviewSummary & { readonly escalated: number };
  readonly quotes: { submitted: number; quoted: number; rejected: number; failed: number };
  readonly reversals: { submitted: number; reversed: number; rejected: number; failed: number };
  readonly enrollments: {
    submitted: number;
    enrolled: number;
    rejected: number;
    failed: number;
    rejectedByReason: Record<string, number>;
    accountPaidFen: number;
  };
  readonly renewals: { renewed: number; failed: number; reminded: number; skipped: number };
  readonly bindings: Record<string, Record<string, number>>;
  readonly paidFen: {
    basic: number;
    criticalIllness: number;
    assistance: number;
    supplementary: number;
    ownAccount: number;
    familyAccount: number;
    cash: number;
  };
  /** One loss ratio per product year, numerator and denominator beside it (see `lossRatioDefinition`). */
  readonly lossRatios: readonly ProductLossRatio[];
  /** What the loss ratio counts, in words. */
  readonly lossRatioDefinition: string;
  readonly notificationsSent: number;
  readonly seconds: number;
  readonly claimsPerSecond: number;
  readonly reconciled: boolean;
  readonly reconciliation: {
    replayEqualsOutcome: boolean;
    claimsAddUp: boolean;
    ledgerMatchesBalances: boolean;
    problems: readonly string[];
  };
}

const distinct = (events: readonly Doc[], types: readonly string[]) =>
  new Set(events.filter((e) => types.includes(e.type)).map((e) => e.id)).size;

export function summarize(
  input: { events: readonly Doc[] },
  run: CityRunResult,
  versions: LocalStackVersions,
  notificationsSent: number,
  /** The same run as the insurer reads it (scenario.json and outcome.json): the loss ratios come from it. */
  insurer: InsurerRun,
  /** Held claims whose review escalated at least once (read from the review tasks). */
  escalated = 0,
): MainSummary {
  const s = summarizeOutcome(run.outcome.results);
  const claimsSubmitted = distinct(input.events, ['claim']);
  const quotesSubmitted = distinct(input.events, ['quote']);
  const reversalsSubmitted = distinct(input.events, ['reverseClaim']);
  const enrollmentsSubmitted = distinct(input.events, ['enroll']);

  const decidedClaims = s.claims.settled + s.claims.rejected;
  return {
    stack: { dynamodb: versions.dynamodb, queue: versions.sqs, workflow: versions.stepFunctions },
    claims: {
      submitted: claimsSubmitted,
      settled: s.claims.settled,
      rejected: s.claims.rejected,
      failed: claimsSubmitted - decidedClaims,
      rejectedByReason: s.claims.reasons,
    },
    reviews: { ...summarizeReviews(run.scenario.events as Doc[], run.outcome.results), escalated },
    quotes: {
      submitted: quotesSubmitted,
      quoted: s.quotes.quoted,
      rejected: s.quotes.rejected,
      failed: quotesSubmitted - s.quotes.quoted - s.quotes.rejected,
    },
    reversals: {
      submitted: reversalsSubmitted,
      reversed: s.reversals.reversed,
      rejected: s.reversals.rejected,
      failed: reversalsSubmitted - s.reversals.reversed - s.reversals.rejected,
    },
    enrollments: {
      submitted: enrollmentsSubmitted,
      enrolled: s.enrollments.enrolled,
      rejected: s.enrollments.rejected,
      failed: enrollmentsSubmitted - s.enrollments.enrolled - s.enrollments.rejected,
      rejectedByReason: s.enrollments.reasons,
      accountPaidFen: s.enrollments.accountPaidFen,
    },
    renewals: s.renewals,
    bindings: s.bindings,
    paidFen: s.claims.paidFen,
    lossRatios: lossRatios(insurer),
    lossRatioDefinition: LOSS_RATIO_DEFINITION,
    notificationsSent,
    seconds: Math.round(run.run.seconds * 100) / 100,
    claimsPerSecond: Math.round((decidedClaims / Math.max(run.run.seconds, 1e-3)) * 10) / 10,
    reconciled: run.reconciliation.reconciled,
    reconciliation: {
      replayEqualsOutcome: run.reconciliation.replayEqualsOutcome,
      claimsAddUp: run.reconciliation.claimsAddUp,
      ledgerMatchesBalances: run.reconciliation.ledgerMatchesBalances,
      problems: run.reconciliation.problems,
    },
  };
}
