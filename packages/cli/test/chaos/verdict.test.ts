/** The chaos run's last line: PASS only when every count is zero and the run reconciles; else FAIL naming each thing. */
import { describe, expect, it } from 'vitest';
import type { ChaosReport } from '../../src/chaos/run.ts';
import { chaosFailures, chaosPassed, chaosVerdict } from '../../src/chaos/verdict.ts';

const clean: ChaosReport = {
  delivered: 900,
  duplicatesInjected: 200,
  faultsInjected: { eligibility: 3, settlement: 2, family: 1, memberEvent: 4, notification: 5 },
  faultsAfterWrite: 2,
  publishFaults: { before: 1, after: 1 },
  redriven: 4,
  hotFamilyClaims: 60,
  hotFamilyPaidByHolder: 12,
  doubleApplied: 0,
  doublePaid: 0,
  held: 12,
  decisionsSent: 16,
  reviewFaults: { resumeBefore: 2, resumeAfter: 2, closeAfterWrite: 1, closeCrash: 1 },
  stillHeld: 0,
  heldWithoutOpenReview: 0,
  lost: 0,
  reserveBreaches: 0,
  negativeBalances: 0,
  notificationsLost: 0,
  notificationsRepeated: 2,
  notificationsUnderNewId: 0,
  reconciled: true,
  problems: [],
};

describe('chaosVerdict', () => {
  it('passes a clean run, whatever was injected', () => {
    expect(chaosVerdict(clean)).toBe('PASS');
    expect(chaosPassed(clean)).toBe(true);
  });

  it('fails on each count and names it', () => {
    const cases: [Partial<ChaosReport>, string][] = [
      [{ doubleApplied: 2 }, 'FAIL: 2 events applied twice'],
      [{ doublePaid: 1 }, 'FAIL: 1 claims paid twice'],
      [{ lost: 1 }, 'FAIL: 1 events lost'],
      [{ heldWithoutOpenReview: 2 }, 'FAIL: 2 held claims without an open review'],
      [{ reserveBreaches: 3 }, 'FAIL: 3 reserve breaches'],
      [{ negativeBalances: 1 }, 'FAIL: 1 negative balances'],
      [{ notificationsUnderNewId: 4 }, 'FAIL: 4 notifications published under a new id'],
      [{ notificationsLost: 5 }, 'FAIL: 5 notifications never published'],
    ];
    for (const [change, line] of cases) {
      expect(chaosVerdict({ ...clean, ...change })).toBe(line);
      expect(chaosPassed({ ...clean, ...change })).toBe(false);
    }
  });

  it('fails a run that does not reconcile, with its first problems, and lists every failure on the one line', () => {
    const r = { ...clean, lost: 1, reconciled: false, problems: ['a', 'b', 'c', 'd', 'e'] };
    expect(chaosFailures(r)).toEqual(['1 events lost', 'not reconciled (a; b; c and 2 more)']);
    expect(chaosVerdict(r)).toBe('FAIL: 1 events lost, not reconciled (a; b; c and 2 more)');
    expect(chaosVerdict({ ...clean, reconciled: false })).toBe('FAIL: not reconciled');
    expect(chaosVerdict(r).split('\n')).toHaveLength(1);
  });
});
