/**
 * Reconciliation of a run, computed from what the tables hold, never from the
 * run's own bookkeeping:
 * - the engine's serial replay of the events in commit order gives exactly the
 *   results and balances read back (the concurrent run was serializable);
 * - every settled claim's parts add up to its total;
 * - each member's ledger entries sum to the change of their balance.
 */
import { parseScenario, renderOutcome } from '@medins/contract';
import { type Account, type EventResult, type Outcome, replay } from '@medins/engine';
import type { LedgerItem } from '@medins/store';

export interface Reconciliation {
  readonly reconciled: boolean;
  readonly replayEqualsOutcome: boolean;
  readonly claimsAddUp: boolean;
  readonly ledgerMatchesBalances: boolean;
  /** The first few discrepancies, for a human. */
  readonly problems: readonly string[];
}

/** Tiers + own account + family account + cash = total, for a settled claim. */
export function claimAddsUp(r: EventResult): boolean {
  if (r.type !== 'claim' || r.status !== 'settled') return true;
  const tiers =
    (r.basic?.paidFen ?? 0) + (r.criticalIllness?.paidFen ?? 0) + (r.assistance?.paidFen ?? 0) + (r.supplementary?.paidFen ?? 0);
  const paid = r.payments.ownAccountFen + r.payments.familyAccountFen + r.payments.cashFen;
  return tiers + paid === r.totalFen;
}

const accountOf = (balances: Readonly<Record<string, Account>>, id: string): Account =>
  Object.hasOwn(balances, id) ? balances[id]! : ({ currentFen: 0, historicalFen: 0 } as unknown as Account);

/**
 * @param scenarioInCommitOrder the world and the events as committed (contract JSON)
 * @param outcome results (in the same order) and balances read back from the tables
 * @param initialBalances the world's balances before the run
 * @param ledger every ledger entry the run wrote
 */
export function reconcile(
  scenarioInCommitOrder: unknown,
  outcome: Outcome,
  initialBalances: Readonly<Record<string, Account>>,
  ledger: readonly LedgerItem[],
): Reconciliation {
  const problems: string[] = [];
  const scenario = parseScenario(scenarioInCommitOrder);
  const expected = renderOutcome(replay(scenario.world, scenario.events));
  const actual = renderOutcome(outcome);
  const replayEqualsOutcome = expected === actual;
  if (!replayEqualsOutcome) {
    const e = JSON.parse(expected) as Outcome;
    const i = e.results.findIndex((r, n) => JSON.stringify(r) !== JSON.stringify(outcome.results[n]));
    problems.push(i >= 0 ? `replay differs at event ${e.results[i]!.id} (position ${i})` : 'replay differs in the final balances');
  }

  const unbalanced = outcome.results.filter((r) => !claimAddsUp(r));
  for (const r of unbalanced.slice(0, 5)) problems.push(`claim ${r.id}: parts do not add up to its total`);

  const moved = new Map<string, { currentFen: number; historicalFen: number }>();
  for (const entry of ledger) {
    const m = moved.get(entry.memberId) ?? { currentFen: 0, historicalFen: 0 };
    moved.set(entry.memberId, { currentFen: m.currentFen + entry.currentFen, historicalFen: m.historicalFen + entry.historicalFen });
  }
  let ledgerMatchesBalances = true;
  const members = new Set([...Object.keys(outcome.balances), ...Object.keys(initialBalances), ...moved.keys()]);
  for (const id of members) {
    const before = accountOf(initialBalances, id);
    const after = accountOf(outcome.balances, id);
    const m = moved.get(id) ?? { currentFen: 0, historicalFen: 0 };
    if (before.currentFen + m.currentFen !== after.currentFen || before.historicalFen + m.historicalFen !== after.historicalFen) {
      ledgerMatchesBalances = false;
      if (problems.length < 10) problems.push(`member ${id}: ledger entries do not sum to the balance change`);
    }
  }
  const claimsAddUp = unbalanced.length === 0;
  return {
    reconciled: replayEqualsOutcome && claimsAddUp && ledgerMatchesBalances,
    replayEqualsOutcome,
    claimsAddUp,
    ledgerMatchesBalances,
    problems,
  };
}
