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
} from '@medins/embedded';
import { redriveDeadLetters } from '@medins/functions/ops/redrive-dead-letters';
import { createRng, DEFAULT_YEAR, generateWorkload } from '@medins/workload';

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
  readonly lost: number;
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

export async function runChaos(options: ChaosOptions): Promise<{ report: ChaosReport; run: CityRunResult }> {
  const doc = generateWorkload({
    members: Math.max(200, options.claims),
    claims: options.claims,
    seed: options.seed,
    year: DEFAULT_YEAR,
    reserveFen: RESERVE_FEN,
  }) as unknown as Record<string, unknown> & { events: Record<string, unknown>[] };
  const hot = addHotFamily(doc, { claims: HOT_CLAIMS, reserveFen: RESERVE_FEN, aboveReserveFen: ABOVE_RESERVE_FEN, year: DEFAULT_YEAR });
  const hotIds = new Set(hot.claimIds);
  const rng = createRng(options.seed, 'chaos');
  const faults = new FaultInjector(options.faults, () => rng.next());
  const embedded = await startEmbedded({
    concurrency: options.concurrency,
    wrapHandler: faults.wrap,
    wrapNotifier: faults.wrapNotifier,
    notificationsFile: options.notificationsFile,
    ...(options.witness ? { witness: options.witness } : {}),
    retryBackoffMs: 50,
  });
  try {
    const v = embedded.stack.versions;
    options.onStarted?.(doc.events.length, `${v.dynamodb}, ${v.sqs}, ${v.stepFunctions}`);
    let redriven = 0;
    const copies = new Map<string, number>();
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
      settle: async () => {
        for (let pass = 0; pass < MAX_REDRIVES; pass++) {
          if (pass === FAULTY_REDRIVES) faults.disable();
          await waitForEmptyQueues(embedded);
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
    const found = audit({
      events: doc.events as never,
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
      lost: found.lost,
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
