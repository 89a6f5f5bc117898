/**
 * The main job's summary (summary.json): counted from what the tables hold after
 * the run — results read back, the reconciliation — never from the run's own
 * bookkeeping.
 */
import type { CityRunResult } from '@medins/embedded';
import type { LocalStackVersions } from '@medins/local-stack';
import { summarizeOutcome } from '@medins/workload';

type Doc = { id: string; type: string; at?: string; productId?: string };
type PlanDoc = { tier: string; id: string; premiumFen?: number; coverage?: { from: string; to: string } };

export interface MainSummary {
  readonly stack: { readonly dynamodb: string; readonly queue: string; readonly workflow: string };
  readonly claims: { submitted: number; settled: number; rejected: number; failed: number; rejectedByReason: Record<string, number> };
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
  /** Supplementary benefits paid over the premiums of the products in service during the claims. */
  readonly lossRatio: number | null;
  readonly premiumsFen: number;
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

/** Local date of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
const shanghaiDate = (at: string) => new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 10);

export function summarize(
  input: { events: readonly Doc[]; plans: readonly PlanDoc[]; policies: readonly { productId: string }[] },
  run: CityRunResult,
  versions: LocalStackVersions,
  notificationsSent: number,
): MainSummary {
  const s = summarizeOutcome(run.outcome.results);
  const byId = new Map(run.scenario.events.map((e) => [(e as Doc).id, e as Doc]));
  const claimsSubmitted = distinct(input.events, ['claim']);
  const quotesSubmitted = distinct(input.events, ['quote']);
  const reversalsSubmitted = distinct(input.events, ['reverseClaim']);
  const enrollmentsSubmitted = distinct(input.events, ['enroll']);

  // Premiums of the supplementary products in service on the dates of the settled claims.
  const claimDates = run.outcome.results
    .filter((r) => r.type === 'claim' && r.status === 'settled')
    .map((r) => byId.get(r.id)?.at)
    .filter((at): at is string => typeof at === 'string')
    .map(shanghaiDate);
  const inService = input.plans.filter(
    (p) => p.tier === 'supplementary' && p.coverage && claimDates.some((d) => d >= p.coverage!.from && d <= p.coverage!.to),
  );
  let premiumsFen = 0;
  for (const product of inService) {
    const enrolled = run.outcome.results.filter(
      (r) => r.type === 'enroll' && r.status === 'enrolled' && byId.get(r.id)?.productId === product.id,
    ).length;
    const held = input.policies.filter((p) => p.productId === product.id).length;
    premiumsFen += (product.premiumFen ?? 0) * (held + enrolled);
  }
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
    lossRatio: premiumsFen > 0 ? Math.round((s.claims.paidFen.supplementary / premiumsFen) * 10_000) / 10_000 : null,
    premiumsFen,
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
