/**
 * The chaos run: a generated workload on the embedded stack while messages are
 * delivered twice or more, every step fails now and then, and a burst of claims
 * hits one family group whose holder sits just above the reserve; then the
 * dead-letter queues are redriven as operations would, and everything is
 * counted from the tables and the ledger.
 */
import { readFileSync } from 'node:fs';
import {
  addHotFamily,
  audit,
  type CityRunResult,
  FaultInjector,
  type FaultStep,
  runCity,
  startEmbedded,
  type Witness,
  waitForEmptyQueues,
  waitForIdleReviews,
} from '@medins/embedded';
import { redriveDeadLetters } from '@medins/functions/ops/redrive-dead-letters';
import { CITY_REVIEW_RULES, createRng, DEFAULT_YEAR, generateWorkload, type ReviewDecisionInput, reviewerDecision } from '@medins/workload';

export interface ChaosOptions {
  readonly claims: number;
  readonly duplicates: number;
  readonly faults: number;
  readonly concurrency: number;
  readonly seed: number;
  readonly notificationsFile: string;
  readonly onFinished?: (event: { readonly id: string; readonly type: string }) => void;
  readonly onStarted?: (events: number, versions: string) => void;
  /** An auditor of everything the handlers send and return (the personal-data scan). */
  readonly witness?: Witness;
}

export interface ChaosReport {
  readonly delivered: number;
  readonly duplicatesInjected: number;
  readonly faultsInjected: Record<FaultStep, number>;
  readonly faultsAfterWrite: number;
  /** Publishes that failed before the message went out, and after it had. */
  readonly publishFaults: { readonly before: number; readonly after: number };
  readonly redriven: number;
  readonly hotFamilyClaims: number;
  readonly hotFamilyPaidByHolder: number;
  readonly doubleApplied: number;
  /** Claims settled, or paid, by more than one event (the claim, its decisions). */
  readonly doublePaid: number;
  readonly lost: number;
  /** Held claims and the decisions sent for them (a second reviewer's, conflicting, for some). */
  readonly held: number;
  readonly decisionsSent: number;
  /** Faults around a review's resume (SendTaskSuccess, the task's close). */
  readonly reviewFaults: {
    readonly resumeBefore: number;
    readonly resumeAfter: number;
    readonly closeAfterWrite: number;
    readonly closeCrash: number;
  };
  /** Claims no decision settled or rejected, and those of them without an open review. */
  readonly stillHeld: number;
  readonly heldWithoutOpenReview: number;
  readonly reserveBreaches: number;
  readonly negativeBalances: number;
  /** Recorded by a commit, never published. */
  readonly notificationsLost: number;
  /** Published more than once (under the same id: dropped by the provider). */
  readonly notificationsRepeated: number;
  /** Published under an id no commit recorded. */
  readonly notificationsUnderNewId: number;
  readonly reconciled: boolean;
  readonly problems: readonly string[];
}

/** The hot family: at least 50 claims at once on a holder this far above the region's reserve. */
const HOT_CLAIMS = 60;
const RESERVE_FEN = 2_000_00;
const ABOVE_RESERVE_FEN = 800_00;
/** Redrive passes with faults still on; after these, the last passes run clean so the run always ends. */
const FAULTY_REDRIVES = 3;
const MAX_REDRIVES = 10;
/** The chaos city samples more claims for review than the main job's, so that enough decisions meet the faults. */
const CHAOS_SAMPLE_PERCENT = 10;

/**
 * The chaos run's reviewers: the city's reviewer decides each held claim; for one in
 * three (by the claim's id) a second reviewer decides it too, the other way, at the
 * same instant — two reviewers who took the same task: one decides, the other finds
 * it decided (NOT_HELD).
 */
function chaosReviewers(seed: number) {
  return (claim: Record<string, unknown>): ReviewDecisionInput[] => {
    const first = reviewerDecision(claim as never, seed);
    if (
      !createRng(seed, 'second-reviewer')
        .fork(first.claimId)
        .chance(1 / 3)
    )
      return [first];
    const other = first.decision === 'approve' ? 'reject' : 'approve';
    return [first, { ...first, id: `${first.id}-2`, decision: other, rejectedLines: [] }];
  };
}

export async function runChaos(options: ChaosOptions): Promise<{ report: ChaosReport; run: CityRunResult }> {
  const doc = generateWorkload({
    members: Math.max(200, options.claims),
    claims: options.claims,
    seed: options.seed,
    year: DEFAULT_YEAR,
    reserveFen: RESERVE_FEN,
    review: true,
  }) as unknown as Record<string, unknown> & { events: Record<string, unknown>[] };
  doc.review = { ...CITY_REVIEW_RULES, samplePercent: CHAOS_SAMPLE_PERCENT };
  const hot = addHotFamily(doc, { claims: HOT_CLAIMS, reserveFen: RESERVE_FEN, aboveReserveFen: ABOVE_RESERVE_FEN, year: DEFAULT_YEAR });
  const hotIds = new Set(hot.claimIds);
  const rng = createRng(options.seed, 'chaos');
  const faults = new FaultInjector(options.faults, () => rng.next());
  const embedded = await startEmbedded({
    concurrency: options.concurrency,
    wrapHandler: faults.wrap,
    wrapNotifier: faults.wrapNotifier,
    wrapReviewDesk: faults.wrapReviewDesk,
    notificationsFile: options.notificationsFile,
    ...(options.witness ? { witness: options.witness } : {}),
    retryBackoffMs: 50,
  });
  try {
    const v = embedded.stack.versions;
    options.onStarted?.(doc.events.length, `${v.dynamodb}, ${v.sqs}, ${v.stepFunctions}`);
    let redriven = 0;
    const copies = new Map<string, number>();
    const decisions = new Map<string, ReviewDecisionInput>();
    const reviewers = chaosReviewers(options.seed);
    const run = await runCity(embedded, doc, {
      window: options.concurrency * 2,
      burst: (e) => hotIds.has(e.id),
      copies: (e) => {
        const n = rng.next() < options.duplicates ? (rng.next() < 0.2 ? 3 : 2) : 1;
        copies.set(e.id, n);
        return n;
      },
      copyWhileInFlight: () => rng.next() < 0.5,
      onFinished: options.onFinished,
      reviewers: (claim) => {
        const sent = reviewers(claim);
        for (const d of sent) decisions.set(d.id, d);
        return sent as never;
      },
      settle: async () => {
        for (let pass = 0; pass < MAX_REDRIVES; pass++) {
          if (pass === FAULTY_REDRIVES) faults.disable();
          await waitForEmptyQueues(embedded);
          await waitForIdleReviews(embedded);
          const claims = await redriveDeadLetters(embedded.stack.sqs, embedded.queueUrls['claims-dlq'], embedded.queueUrls.claims);
          const enrollments = await redriveDeadLetters(
            embedded.stack.sqs,
            embedded.queueUrls['enrollments-dlq'],
            embedded.queueUrls.enrollments,
          );
          redriven += claims.redriven + enrollments.redriven;
          if (claims.redriven + enrollments.redriven === 0) break;
        }
        await waitForEmptyQueues(embedded);
      },
    });

    // Everything below is read from the tables, the ledger and what the notifier delivered.
    const sent = readFileSync(options.notificationsFile, { encoding: 'utf8', flag: 'a+' })
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id: string }).id);
    const openReviews = new Set<string>();
    for (const item of run.items)
      if (item.type === 'claim' && item.status === 'held' && (await embedded.store.readReviewTask(item.eventId))?.status === 'open')
        openReviews.add(item.eventId);
    const found = audit({
      events: [...doc.events, ...decisions.values()] as never,
      openReviews,
      members: doc.members as never,
      regions: doc.regions as never,
      items: run.items,
      ledger: run.ledger,
      balances: run.outcome.balances,
      published: sent,
    });
    const hotResults = run.outcome.results.filter((r) => hotIds.has(r.id));
    const report: ChaosReport = {
      delivered: run.run.delivered + redriven,
      duplicatesInjected: run.run.duplicatesInjected,
      faultsInjected: { ...faults.counts },
      faultsAfterWrite: faults.afterWrite,
      publishFaults: { ...faults.publish },
      redriven,
      hotFamilyClaims: hotResults.length,
      hotFamilyPaidByHolder: hotResults.filter((r) => r.type === 'claim' && r.status === 'settled' && r.payments.familyAccountFen > 0)
        .length,
      doubleApplied: found.doubleApplied,
      doublePaid: found.doublePaid,
      lost: found.lost,
      held: run.items.filter((i) => i.type === 'claim' && i.status === 'held').length,
      decisionsSent: decisions.size,
      reviewFaults: { ...faults.review },
      stillHeld: found.stillHeld,
      heldWithoutOpenReview: found.heldWithoutOpenReview,
      reserveBreaches: found.reserveBreaches,
      negativeBalances: found.negativeBalances,
      notificationsLost: found.notificationsLost,
      notificationsRepeated: found.notificationsRepeated,
      notificationsUnderNewId: found.notificationsUnderNewId,
      reconciled: run.reconciliation.reconciled,
      problems: run.reconciliation.problems,
    };
    return { report, run };
  } finally {
    await embedded.stop();
  }
}
