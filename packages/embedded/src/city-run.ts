/**
 * A whole workload on the embedded stack (the main job and the chaos run): the
 * world seeded, the timeline run concurrently through the queues and workflows,
 * then everything read back from the tables — the events in
 * the order they were committed, their results, the balances and the ledger —
 * and reconciled against the engine's serial replay. With reviewers, each claim
 * that comes back held gets its reviewer's decision, sent at the decision's
 * instant on the timeline; the decisions are events of the written scenario.
 */
import { createHash } from 'node:crypto';
import { parseScenario, sealEvent } from '@medins/contract';
import { MedinsError, type Outcome, replay } from '@medins/engine';
import type { EventItem, LedgerItem } from '@medins/store';
import type { Embedded } from './embedded.ts';
import { readAccounts, readEventItems, readLedger, resultsOf, serialEvents } from './readback.ts';
import { type Reconciliation, reconcile } from './reconcile.ts';
import { type RawEvent, type RunEventsOptions, type RunEventsReport, runEvents } from './run-events.ts';

export interface CityRunResult {
  /** The input document with its events in commit order (each applied event once). */
  readonly scenario: Record<string, unknown> & { events: unknown[] };
  /** Results in that order and the final balances, read back from the tables. */
  readonly outcome: Outcome;
  readonly ledger: readonly LedgerItem[];
  /** Every outcome item of the run (per-policy renewals included), as read once. */
  readonly items: readonly EventItem[];
  readonly run: RunEventsReport;
  /** Distinct events of the input that left no result (lost or dead-lettered). */
  readonly unapplied: readonly RawEvent[];
  readonly reconciliation: Reconciliation;
  /** Outcome items already in the tables when a resumed run started (0 for a fresh one). */
  readonly appliedBeforeStart: number;
}

/** A resumed run's data directory holds another workload's tables. */
export class WorkloadMismatchError extends MedinsError {
  override readonly name = 'WorkloadMismatchError';
  readonly code = 'WORKLOAD_MISMATCH';
}

export interface CityRunOptions extends RunEventsOptions {
  /**
   * Resume a run on tables that survived a restart (a DynamoDB Local data directory):
   * the world is loaded only if it is not there yet, and every event is sent again —
   * those applied before the restart are answered with their first result.
   */
  readonly resume?: boolean;
  /** Told how many outcomes the tables held when the run started. */
  readonly onResume?: (appliedBeforeStart: number) => void;
  /** Runs after the timeline, before the read-back (the chaos run's dead-letter redrive). */
  readonly settle?: () => Promise<void>;
  /**
   * The reviewers: the decisions on a held claim (its input document as the workload
   * wrote it), usually one; more when several reviewers took it. Asked when the
   * claim comes back held, and once more after the run for any claim still held
   * (one held by a redriven delivery, a decision lost to a fault): a held claim is
   * always decided.
   */
  readonly reviewers?: (claim: RawEvent & Record<string, unknown>) => readonly (RawEvent & Record<string, unknown>)[];
}

/** Catch-up passes after the run for claims still held (each sends their decisions again, then settles). */
const REVIEW_CATCH_UPS = 3;

export async function runCity(embedded: Embedded, doc: Record<string, unknown>, options: CityRunOptions): Promise<CityRunResult> {
  const input = parseScenario(doc, embedded.digest); // throws a ContractError for an invalid document, before anything is written
  const raw = doc as { regions: unknown[]; plans: unknown[]; providers: unknown[]; review?: unknown; events: RawEvent[] };
  // The workload's fingerprint marks tables that hold its world (a resumed run must not load it twice).
  const fingerprint = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
  const marker = 'workload|fingerprint';
  const found = options.resume ? await embedded.store.readConfig(marker) : null;
  if (found && found.fingerprint !== fingerprint)
    throw new WorkloadMismatchError('the data directory holds another workload: use a new directory');
  if (!found) {
    await embedded.seed({ regions: raw.regions, plans: raw.plans, providers: raw.providers, review: raw.review }, input.world);
    await embedded.store.writeConfig(marker, { fingerprint });
  }
  const appliedBeforeStart = found ? await embedded.store.count('events') : 0;
  options.onResume?.(appliedBeforeStart);
  embedded.startWorkers();
  const asSent = new Map(raw.events.map((e) => [e.id, e]));
  // Sealed as the API seals what it queues: no clear name, ID number or phone enters a queue or a table.
  const seal = (e: RawEvent) => sealEvent(e as never, embedded.digest) as unknown as RawEvent;
  const decisionsOf = (claim: RawEvent) => {
    const decisions = options.reviewers?.(asSent.get(claim.id) as RawEvent & Record<string, unknown>) ?? [];
    for (const d of decisions) asSent.set(d.id, d);
    return decisions;
  };
  const followUps = async (event: RawEvent): Promise<RawEvent[]> => {
    if (event.type !== 'claim' || !options.reviewers) return [];
    const held = (await embedded.store.readResult(event.id))?.status === 'held';
    return held ? decisionsOf(event).map(seal) : [];
  };
  const run = await runEvents(
    embedded,
    input.doc.events.map((e) => sealEvent(e, embedded.digest)),
    { ...options, followUps },
  );
  await options.settle?.();
  for (let pass = 0; options.reviewers && pass < REVIEW_CATCH_UPS; pass++) {
    const undecided = await stillHeld(embedded, raw.events, decisionsOf);
    if (undecided.length === 0) break;
    await runEvents(embedded, undecided.map(seal), { window: options.window });
    await options.settle?.();
  }

  const items = await readEventItems(embedded.store);
  const committed = serialEvents(items);
  const committedIds = new Set(committed.map((c) => c.eventId));
  const seen = new Set<string>();
  const unapplied = [...raw.events, ...[...asSent.values()].filter((e) => e.type === 'reviewDecision')].filter(
    (e) => !committedIds.has(e.id) && !seen.has(e.id) && seen.add(e.id),
  );
  // The tables hold each event sealed; the written scenario is the workload's own (its input), in the serial order.
  const scenario = { ...doc, events: committed.map((c) => asSent.get(c.eventId) ?? c.doc) };
  const results = resultsOf(
    items,
    committed.map((c) => c.eventId),
  );
  const outcome: Outcome = { results: results as Outcome['results'], balances: await readAccounts(embedded.store) };
  const ledger = await readLedger(embedded.store);
  const initial = replay(input.world, []).balances;
  return {
    scenario,
    outcome,
    ledger,
    items,
    run,
    unapplied,
    reconciliation: reconcile(scenario, outcome, initial, ledger),
    appliedBeforeStart,
  };
}

/** The decisions of the claims still held after the run (no decision settled or rejected them: lost, dead-lettered, never sent), read in one pass. */
async function stillHeld(
  embedded: Embedded,
  events: readonly RawEvent[],
  decisionsOf: (claim: RawEvent) => readonly RawEvent[],
): Promise<RawEvent[]> {
  const held = new Set(
    (await readEventItems(embedded.store))
      .filter((i) => i.type === 'claim' && i.status === 'held' && i.decidedBy === undefined)
      .map((i) => i.eventId),
  );
  const claims = new Map(events.filter((e) => held.has(e.id)).map((e) => [e.id, e]));
  return [...claims.values()].flatMap((claim) => decisionsOf(claim));
}
