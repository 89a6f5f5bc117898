/**
 * events/decide.ts: DecideEvent — loads a member event's snapshot, decides it as
 * the engine does, and commits the decision in the same invocation; an event
 * applied before comes back with its prior result and nothing written; a conflict
 * at the commit goes back to this step, which loads and decides again.
 */
import { decide, MemoryState, replay, type SingleStepEvent } from '@medins/engine';
import { ConflictError } from '@medins/store/errors';
import { describe, expect, it } from 'vitest';
import { create } from '../../src/events/decide.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, overTheWire, settle, stateOf } from '../support/scenarios.ts';
import { memberEventWorkflow } from '../support/workflows.ts';

const ENROLLMENT = '04-enrollment-personal-account';

describe('DecideEvent', () => {
  it('decides an enrollment paid from the payer’s account as the engine does on the whole state, and commits it once', async () => {
    // Prepare
    const f = fixture(exampleDoc(ENROLLMENT));
    const deps = testDeps(f.store);
    const expected = overTheWire(decide(f.event('e-sp') as SingleStepEvent, new MemoryState(f.scenario.world)));

    // Act
    const state = await create(deps)(stateOf(f.doc('e-sp')));

    // Assess
    expect(state.outcome).toMatchObject({ applied: true, result: expected.result });
    expect(expected.result).toMatchObject({ status: 'enrolled' });
    expect(expected.changes.map((c) => c.kind).sort()).toEqual(['account', 'policy']);
    expect(await f.store.readPolicies('sp' as never)).not.toBeNull();
    expect(f.store.commits).toBe(1);
    expect(state).not.toHaveProperty('loaded');
    expect(state).not.toHaveProperty('decision');
    expect(deps.telemetry.metric('EventApplied')).toBe(1);
  });

  it('records a rejected binding with no changes and the replay’s reasons', async () => {
    const f = fixture(exampleDoc('03-family-mutual-aid'));
    const expected = replay(f.scenario.world, [f.event('b3')]).results[0];

    const state = await create(testDeps(f.store))(stateOf(f.doc('b3')));

    expect(state.outcome).toMatchObject({ applied: true, result: expected, notifications: [] });
    expect(f.store.commits).toBe(1);
  });

  it('returns an event applied before with its prior result, writing nothing (WasAlreadyApplied? skips to NotifyMembers)', async () => {
    const f = fixture(exampleDoc(ENROLLMENT));
    const first = await settle(f.store, f.event('e-self'));
    const commits = f.store.commits;

    const state = await create(testDeps(f.store))(stateOf(f.doc('e-self')));

    expect(state.loaded?.prior).toEqual(first);
    expect(state).not.toHaveProperty('outcome');
    expect(f.store.commits).toBe(commits);
  });

  it('throws ConflictError when the payer’s account changed between its load and its commit, then commits once when run again', async () => {
    // Prepare: e-fa (same payer) commits while e-sp is between its load and its commit.
    const f = fixture(exampleDoc(ENROLLMENT));
    const deps = testDeps(f.store);
    const other = memberEventWorkflow(testDeps(f.store));
    const commit = f.store.commit.bind(f.store);
    let raced = false;
    f.store.commit = async (input, loaded) => {
      if (!raced) {
        raced = true;
        await other.run(f.doc('e-fa'));
      }
      return commit(input, loaded);
    };

    // Act / Assess
    await expect(create(deps)(stateOf(f.doc('e-sp')))).rejects.toThrow(ConflictError);
    expect(await f.store.readResult('e-sp')).toBeNull();
    // CountConflict keeps the event and the next attempt: DecideEvent loads, decides and commits again.
    const retried = await create(deps)({ event: f.doc('e-sp'), attempt: 1 });
    expect(retried.outcome).toMatchObject({ applied: true, result: { status: 'enrolled' } });
    expect(retried.attempt).toBe(1);
    expect(f.store.commits).toBe(2);
  });

  it('refuses a claim (the claim workflow’s) with WorkflowInputError, reading nothing', async () => {
    const f = fixture(exampleDoc(ENROLLMENT));

    await expect(create(testDeps(f.store))(stateOf(f.doc('c-in')))).rejects.toMatchObject({ name: 'WorkflowInputError' });
    expect(f.store.commits).toBe(0);
  });
});
