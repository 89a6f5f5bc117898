/**
 * The chaos run's verdict: what its report counts against what must hold —
 * money moved exactly once and no claim paid twice, nothing lost, no held claim
 * without an open review, no reserve breached, no balance
 * negative, every notification published at least once and every repeat under
 * its first id (the provider drops it), and the tables reconcile
 * with the engine's serial replay. One line: `PASS`, or `FAIL: ` and each
 * thing that did not hold.
 */
import type { ChaosReport } from './run.ts';

/** What did not hold, in words (empty when everything did). */
export function chaosFailures(r: ChaosReport): string[] {
  const counted: [number, string][] = [
    [r.doubleApplied, 'events applied twice'],
    [r.doublePaid, 'claims paid twice'],
    [r.lost, 'events lost'],
    [r.heldWithoutOpenReview, 'held claims without an open review'],
    [r.reserveBreaches, 'reserve breaches'],
    [r.negativeBalances, 'negative balances'],
    [r.notificationsLost, 'notifications never published'],
    [r.notificationsUnderNewId, 'notifications published under a new id'],
  ];
  const failures = counted.filter(([n]) => n !== 0).map(([n, what]) => `${n} ${what}`);
  if (!r.reconciled) {
    const shown = r.problems.slice(0, 3).join('; ');
    const more = r.problems.length > 3 ? ` and ${r.problems.length - 3} more` : '';
    failures.push(`not reconciled${shown ? ` (${shown}${more})` : ''}`);
  }
  return failures;
}

/** Everything held. */
export const chaosPassed = (r: ChaosReport): boolean => chaosFailures(r).length === 0;

/** The run's last line: `PASS` or `FAIL: <what failed>`. */
export function chaosVerdict(r: ChaosReport): string {
  const failures = chaosFailures(r);
  return failures.length === 0 ? 'PASS' : `FAIL: ${failures.join(', ')}`;
}
