/**
 * Reconciliation (src/reconcile.ts), on what a run could read back: a run that
 * reconciles says so, and a run that does NOT reconcile must say which check
 * failed and where — a replay that differs (at an event, or only in the final
 * balances), a claim whose parts do not add up, a ledger that does not explain a
 * balance. No stack: the outcome and the ledger are built from the engine's replay.
 */
import { join } from 'node:path';
import { parseScenario } from '@medins/contract';
import { type Account, type EventResult, fen, type Outcome, type PaidClaimResult, replay } from '@medins/engine';
import type { LedgerItem } from '@medins/store';
import { describe, expect, it } from 'vitest';
import { claimAddsUp, reconcile } from '../src/reconcile.ts';
import { EXAMPLES_DIR, readText } from './support/stack.ts';

// Example 03: relatives' claims drawn on a holder's account, so balances and the ledger move.
const doc = JSON.parse(readText(join(EXAMPLES_DIR, '03-family-mutual-aid.scenario.json'))) as { events: unknown[] };
const scenario = parseScenario(doc);
const initial = replay(scenario.world, []).balances;
const outcome = replay(scenario.world, scenario.events);

/** One ledger entry per member whose balance moved: exactly the change. */
function ledgerOf(before: Readonly<Record<string, Account>>, after: Readonly<Record<string, Account>>): LedgerItem[] {
  return Object.entries(after).flatMap(([memberId, a]) => {
    const b = before[memberId] ?? { currentFen: 0, historicalFen: 0 };
    const currentFen = a.currentFen - b.currentFen;
    const historicalFen = a.historicalFen - b.historicalFen;
    if (currentFen === 0 && historicalFen === 0) return [];
    return [
      {
        memberId,
        entryId: `1|e|${memberId}`,
        eventId: 'e',
        purpose: 'claim',
        currentFen,
        historicalFen,
        balanceAfterFen: a.currentFen + a.historicalFen,
      },
    ];
  });
}
const ledger = ledgerOf(initial, outcome.balances);

type SettledClaim = PaidClaimResult;
const settledIndex = outcome.results.findIndex((r) => r.type === 'claim' && r.status === 'settled');

describe('reconcile', () => {
  it('a run equal to the serial replay, its claims adding up and its ledger explaining every balance, reconciles', () => {
    // Prepare: the example moves money (else the ledger check would be vacuous).
    expect(ledger.length).toBeGreaterThan(0);
    // Act
    const r = reconcile(doc, outcome, initial, ledger);
    // Assess
    expect(r).toEqual({ reconciled: true, replayEqualsOutcome: true, claimsAddUp: true, ledgerMatchesBalances: true, problems: [] });
  });

  it('a result that differs from the replay does not reconcile, and names the first event that differs and its position', () => {
    // Prepare: the third result read back as something else.
    const results = outcome.results.map((r, i) => (i === 2 ? ({ ...r, status: 'bound', reasons: [] } as EventResult) : r));
    // Act
    const r = reconcile(doc, { ...outcome, results }, initial, ledger);
    // Assess
    expect(r.reconciled).toBe(false);
    expect(r.replayEqualsOutcome).toBe(false);
    expect([r.claimsAddUp, r.ledgerMatchesBalances]).toEqual([true, true]);
    expect(r.problems).toEqual([`replay differs at event ${outcome.results[2]!.id} (position 2)`]);
  });

  it('balances that differ from the replay (every result equal) do not reconcile: the replay differs in the final balances', () => {
    // Prepare: a member's balance read back one fen higher, and a ledger entry for that fen.
    const [memberId, account] = Object.entries(outcome.balances)[0]!;
    const balances = { ...outcome.balances, [memberId]: { ...account, currentFen: fen(account.currentFen + 1) } };
    const extra: LedgerItem = { ...ledger[0]!, memberId, entryId: `2|x|${memberId}`, currentFen: 1, historicalFen: 0 };
    // Act
    const r = reconcile(doc, { ...outcome, balances }, initial, [...ledger, extra]);
    // Assess
    expect(r).toMatchObject({ reconciled: false, replayEqualsOutcome: false, ledgerMatchesBalances: true });
    expect(r.problems).toEqual(['replay differs in the final balances']);
  });

  it('a settled claim whose parts do not add up to its total does not reconcile, and is named', () => {
    // Prepare: one fen more paid in cash than the total leaves.
    const claim = outcome.results[settledIndex] as SettledClaim;
    const broken = { ...claim, payments: { ...claim.payments, cashFen: fen(claim.payments.cashFen + 1) } };
    const results = outcome.results.map((r, i) => (i === settledIndex ? broken : r));
    // Act
    const r = reconcile(doc, { ...outcome, results }, initial, ledger);
    // Assess
    expect(r).toMatchObject({ reconciled: false, claimsAddUp: false, ledgerMatchesBalances: true });
    expect(r.problems).toContain(`claim ${claim.id}: parts do not add up to its total`);
  });

  it('a ledger that does not sum to a balance change does not reconcile, and names the member', () => {
    // Prepare: one entry lost, and an entry for a member the balances do not know.
    const [lost, ...kept] = ledger;
    const stray: LedgerItem = { ...lost!, memberId: 'nobody', entryId: '3|y|nobody', currentFen: -5, historicalFen: 0 };
    // Act
    const r = reconcile(doc, outcome, initial, [...kept, stray]);
    // Assess
    expect(r).toMatchObject({ reconciled: false, replayEqualsOutcome: true, claimsAddUp: true, ledgerMatchesBalances: false });
    expect(r.problems).toEqual([
      `member ${lost!.memberId}: ledger entries do not sum to the balance change`,
      'member nobody: ledger entries do not sum to the balance change',
    ]);
  });

  it('names at most five unbalanced claims and at most ten problems in all, for a human', () => {
    // Prepare: every settled claim broken, and a ledger entry for each of twelve unknown members.
    const results = outcome.results.map((r) =>
      r.type === 'claim' && r.status === 'settled' ? { ...r, totalFen: fen(r.totalFen + 1) } : r,
    ) as Outcome['results'];
    const settled = results.filter((r) => r.type === 'claim' && r.status === 'settled').length;
    const strays = Array.from({ length: 12 }, (_, i): LedgerItem => ({ ...ledger[0]!, memberId: `x${i}`, currentFen: 1 }));
    // Act
    const r = reconcile(doc, { ...outcome, results }, initial, [...ledger, ...strays]);
    // Assess
    expect(settled).toBeGreaterThan(0);
    expect(r.problems.filter((p) => p.startsWith('claim '))).toHaveLength(Math.min(5, settled));
    expect(r.problems).toHaveLength(10);
    expect(r.reconciled).toBe(false);
  });
});

describe('claimAddsUp', () => {
  it('holds for what is not a settled claim, and for a settled claim exactly when tiers and payments make its total', () => {
    // Prepare
    const claim = outcome.results[settledIndex] as SettledClaim;
    // A rejected claim pays nothing: its figures are not checked (here they would not add up).
    const rejected = { ...claim, status: 'rejected', totalFen: claim.totalFen - 1 } as unknown as EventResult;
    const binding = outcome.results.find((r) => r.type === 'bindFamily')!;
    // Act / Assess
    expect(claimAddsUp(claim)).toBe(true);
    expect(claimAddsUp({ ...claim, totalFen: fen(claim.totalFen - 1) })).toBe(false);
    expect(claimAddsUp({ ...claim, basic: null, totalFen: fen(claim.totalFen - (claim.basic?.paidFen ?? 0)) })).toBe(true);
    expect(claimAddsUp(binding)).toBe(true);
    expect(claimAddsUp(rejected)).toBe(true);
  });
});
