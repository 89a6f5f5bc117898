/** events/load-context.ts: LoadEventContext — the snapshot a member event (enrollment, binding, reversal) is decided on. */
import { describe, expect, it } from 'vitest';
import { create } from '../../src/events/load-context.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, settle, stateOf } from '../support/scenarios.ts';

describe('LoadEventContext', () => {
  it('loads the payer’s and the insured’s items of an enrollment', async () => {
    const f = fixture(exampleDoc('04-enrollment-personal-account'));

    const state = await create(testDeps(f.store))(stateOf(f.doc('e-sp')));

    expect(Object.keys(state.loaded!.snapshot.members).sort()).toEqual(['p', 'sp']);
    expect(Object.keys(state.loaded!.snapshot.states).sort()).toEqual(['p', 'sp']);
    expect(state.loaded).not.toHaveProperty('prior');
  });

  it('loads a reversal’s claim record, then the accounts it debited', async () => {
    const f = fixture(exampleDoc('07-quote-reversal-viewers'));
    await settle(f.store, f.event('c1'));

    const state = await create(testDeps(f.store))(stateOf(f.doc('x1')));

    const record = state.loaded!.snapshot.claims.c1!;
    expect(record.claimId).toBe('c1');
    expect(Object.keys(state.loaded!.snapshot.accumulators)).toEqual([`${record.memberId}|${record.year}`]);
    for (const debit of record.debits) expect(state.loaded!.snapshot.states).toHaveProperty(debit.memberId);
  });

  it('carries the prior result of an enrollment applied before', async () => {
    const f = fixture(exampleDoc('04-enrollment-personal-account'));
    const first = await settle(f.store, f.event('e-self'));

    const state = await create(testDeps(f.store))(stateOf(f.doc('e-self')));

    expect(state.loaded?.prior).toEqual(first);
  });

  it('refuses a claim (the claim workflow’s) with WorkflowInputError', async () => {
    const f = fixture(exampleDoc('04-enrollment-personal-account'));

    await expect(create(testDeps(f.store))(stateOf(f.doc('c-in')))).rejects.toMatchObject({ name: 'WorkflowInputError' });
  });
});
