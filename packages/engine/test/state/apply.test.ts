/**
 * state/apply.ts, the visits: a recorded claim holds its visit, its reversal frees
 * it, and a change that would let two claims hold one visit (or free a visit the
 * claim does not hold) is an InvariantError — the store turns it into a refused
 * commit instead of settling a visit twice.
 */
import {
  applyChanges,
  asEventId,
  asMemberId,
  asProviderId,
  asVisitId,
  type Change,
  type ClaimRecord,
  emptyItems,
  InvariantError,
  NO_PAYMENTS,
  visitKey,
} from '@medins/engine';
import { describe, expect, it } from 'vitest';

const VISIT = { providerId: asProviderId('H3'), visitId: asVisitId('ZY-1') };
const KEY = visitKey(VISIT.providerId, VISIT.visitId);

const record = (claimId: string, visit: ClaimRecord['visit'] = VISIT): Change => ({
  kind: 'claimRecord',
  record: {
    claimId: asEventId(claimId),
    memberId: asMemberId('m1'),
    visit,
    stay: null,
    year: 2021,
    accumulatorDeltas: {},
    debits: [],
    payments: NO_PAYMENTS,
    reversedBy: null,
  },
});
const reversed = (claimId: string, reversalId: string): Change => ({
  kind: 'claimReversed',
  claimId: asEventId(claimId),
  reversalId: asEventId(reversalId),
});

describe('applyChanges: visits', () => {
  it('holds the visit for the recorded claim, frees it on the reversal, and reports both as changed', () => {
    // Prepare
    const items = emptyItems();

    // Act
    const recorded = applyChanges(items, [record('c1')]);
    const held = items.visits[KEY];
    const freed = applyChanges(items, [reversed('c1', 'x1')]);

    // Assess
    expect(held).toBe('c1');
    expect([...recorded.visits]).toEqual([KEY]);
    expect(items.visits[KEY]).toBeNull();
    expect([...freed.visits]).toEqual([KEY]);
    // Free again: the corrected bill takes it.
    applyChanges(items, [record('c2')]);
    expect(items.visits[KEY]).toBe('c2');
  });

  it('never lets a second claim hold a visit that is held', () => {
    const items = emptyItems();
    applyChanges(items, [record('c1')]);
    const thrown = (() => {
      try {
        applyChanges(items, [record('c2')]);
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(InvariantError);
    expect(thrown).toMatchObject({ entity: `visits|${KEY}` });
  });

  it('refuses a reversal that would free a visit its claim does not hold (not loaded, or held by another)', () => {
    const items = emptyItems();
    items.claims.c1 = (record('c1') as Extract<Change, { kind: 'claimRecord' }>).record;
    expect(() => applyChanges(items, [reversed('c1', 'x1')])).toThrow(InvariantError);
    items.visits[KEY] = asEventId('c9');
    expect(() => applyChanges(items, [reversed('c1', 'x1')])).toThrow(/frees the visit its claim holds/);
  });

  it('touches no visit for a claim that named none', () => {
    const items = emptyItems();
    const applied = applyChanges(items, [record('c1', null), reversed('c1', 'x1')]);
    expect(applied.visits.size).toBe(0);
    expect(Object.keys(items.visits)).toEqual([]);
  });
});
