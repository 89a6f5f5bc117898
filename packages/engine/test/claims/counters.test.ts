/**
 * claims/counters.ts: the Tally reads what earlier claims left plus this claim's
 * additions, and refuses to take anything back within a claim.
 */

import { counter, type Fen, InvariantError, type PlanId, type ResponsibilityId, Tally } from '@medins/engine';
import { describe, expect, it } from 'vitest';

const f = (n: number) => n as Fen;

describe('Tally', () => {
  it('adds to what earlier claims left and reports only this claim’s contributions', () => {
    const tally = new Tally({ 'basic:p:paid': f(500) });
    tally.add('basic:p:paid', f(200));
    tally.add('ci:p:selfPay', f(0));
    expect(tally.get('basic:p:paid')).toBe(700);
    expect(tally.deltas()).toEqual({ 'basic:p:paid': 200 });
  });

  it('reads only the counters the item holds, never what its prototype has', () => {
    const tally = new Tally({});
    expect(tally.get('toString')).toBe(0);
    expect(tally.get('constructor')).toBe(0);
  });

  it('refuses a decrease as a broken invariant naming the accumulator', () => {
    const tally = new Tally({});
    let thrown: unknown;
    try {
      tally.add('basic:p:paid', f(-1));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvariantError);
    expect(thrown).toMatchObject({ code: 'INVARIANT_BROKEN', entity: 'basic:p:paid' });
  });
});

describe('counter names', () => {
  const plan = (id: string) => id as PlanId;
  const r = (id: string) => id as ResponsibilityId;

  it('name each counter by its plan and part, the same name each time it is asked', () => {
    expect(counter.basicDeductible(plan('b1'), 'inpatient')).toBe('basic:b1:inpatient:deductible');
    expect(counter.basicVisitTypePaid(plan('b1'), 'outpatient')).toBe('basic:b1:outpatient:paid');
    expect(counter.basicPlanPaid(plan('b1'))).toBe('basic:b1:paid');
    expect(counter.criticalSelfPay(plan('c1'))).toBe('ci:c1:selfPay');
    expect(counter.criticalPaid(plan('c1'))).toBe('ci:c1:paid');
    expect(counter.assistanceDeductible(plan('a1'))).toBe('aid:a1:deductible');
    expect(counter.assistancePaid(plan('a1'))).toBe('aid:a1:paid');
    expect(counter.responsibilityDeductible(plan('s1'), r('r1'))).toBe('supp:s1:r1:deductible');
    expect(counter.responsibilityPaid(plan('s1'), r('r1'))).toBe('supp:s1:r1:paid');
  });

  it('never hand one plan’s or part’s name to another, whatever was asked before', () => {
    const asked = [
      counter.basicDeductible(plan('b1'), 'inpatient'),
      counter.basicDeductible(plan('b1'), 'outpatient'),
      counter.basicDeductible(plan('b2'), 'inpatient'),
      counter.responsibilityPaid(plan('s1'), r('r1')),
      counter.responsibilityPaid(plan('s1'), r('r2')),
      counter.responsibilityPaid(plan('s2'), r('r1')),
    ];
    expect(counter.basicDeductible(plan('b2'), 'outpatient')).toBe('basic:b2:outpatient:deductible');
    expect(counter.responsibilityPaid(plan('s2'), r('r2'))).toBe('supp:s2:r2:paid');
    expect(new Set(asked).size).toBe(asked.length);
    expect(counter.basicDeductible(plan('b1'), 'outpatient')).toBe(asked[1]);
  });
});
