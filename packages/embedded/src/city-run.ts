/**
 * A whole workload on the embedded stack (the main job and the chaos run): the
 * world seeded, the timeline run concurrently through the queues and workflows,
 * the outbox drained, then everything read back from the tables — the events in
 * the order they were committed, their results, the balances and the ledger —
 * and reconciled against the engine's serial replay.
 */
import { parseScenario } from '@medins/contract';
import { replay, type Outcome } from '@medins/engine';
import type { LedgerItem } from '@medins/store';
import type { Embedded } from './embedded.ts';
import { drainOutbox } from './outbox.ts';
import { readAccounts, readCommitOrder, readLedger, readResults } from './readback.ts';
import { reconcile, type Reconciliation } from './reconcile.ts';
import { runEvents, type RawEvent, type RunEventsOptions, type RunEventsReport } from './run-events.ts';

export interface CityRunResult {
  /** The input document with its events in commit order (each applied event once). */
  readonly scenario: Record<string, unknown> & { events: unknown[] };
  /** Results in that order and the final balances, read back from the tables. */
  readonly outcome: Outcome;
  readonly ledger: readonly LedgerItem[];
  readonly run: RunEventsReport;
  /** Distinct events of the input that left no result (lost or dead-lettered). */
  readonly unapplied: readonly RawEvent[];
  readonly reconciliation: Reconciliation;
  readonly notificationsDrained: number;
}

export interface CityRunOptions extends RunEventsOptions {
  /** Runs after the timeline, before the read-back (the chaos run's dead-letter redrive). */
  readonly settle?: () => Promise<void>;
}

export async function runCity(embedded: Embedded, doc: Record<string, unknown>, options: CityRunOptions): Promise<CityRunResult> {
  const input = parseScenario(doc); // throws a ContractError for an invalid document, before anything is written
  const raw = doc as { regions: unknown[]; plans: unknown[]; providers: unknown[]; events: RawEvent[] };
  await embedded.seed({ regions: raw.regions, plans: raw.plans, providers: raw.providers }, input.world);
  embedded.startWorkers();
  const run = await runEvents(embedded, raw.events, options);
  await options.settle?.();
  const notificationsDrained = await drainOutbox(embedded.store, embedded.outboxStream);

  const committed = await readCommitOrder(embedded.store);
  const committedIds = new Set(committed.map((c) => c.eventId));
  const seen = new Set<string>();
  const unapplied = raw.events.filter((e) => !committedIds.has(e.id) && !seen.has(e.id) && seen.add(e.id));
  const scenario = { ...doc, events: committed.map((c) => c.doc) };
  const results = await readResults(embedded.store, committed.map((c) => c.eventId));
  const outcome: Outcome = { results: results as Outcome['results'], balances: await readAccounts(embedded.store) };
  const ledger = await readLedger(embedded.store);
  const initial = replay(input.world, []).balances;
  return { scenario, outcome, ledger, run, unapplied, reconciliation: reconcile(scenario, outcome, initial, ledger), notificationsDrained };
}
