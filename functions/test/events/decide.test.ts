/** events/decide.ts: DecideEvent — the engine's decision for a member event on its snapshot, nothing written. */
import { decide, MemoryState, replay, type SingleStepEvent } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { create } from '../../src/events/decide.ts';
import * as loadContext from '../../src/events/load-context.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture, overTheWire, stateOf } from '../support/scenarios.ts';

describe('DecideEvent', () => {
  it('decides an enrollment paid from the payer’s account as the engine does on the whole state', async () => {
    // Prepare
    const f = fixture(exampleDoc('04-enrollment-personal-account'));
    const deps = testDeps(f.store);
    const loaded = overTheWire(await loadContext.create(deps)(stateOf(f.doc('e-sp'))));

    // Act
    const state = await create(deps)(loaded);

    // Assess
    expect(state.decision).toEqual(overTheWire(decide(f.event('e-sp') as SingleStepEvent, new MemoryState(f.scenario.world))));
    expect(state.decision?.result).toMatchObject({ status: 'enrolled' });
    expect(state.decision?.changes.map((c) => c.kind).sort()).toEqual(['account', 'policy']);
    expect(f.store.commits).toBe(0);
  });

  it('decides a rejected binding with no changes and the replay’s reasons', async () => {
    const f = fixture(exampleDoc('03-family-mutual-aid'));
    const deps = testDeps(f.store);
    const expected = replay(f.scenario.world, [f.event('b3')]).results[0];

    const state = await create(deps)(await loadContext.create(deps)(stateOf(f.doc('b3'))));

    expect(state.decision).toEqual({ result: expected, changes: [], notifications: [] });
  });

  it('refuses a state without a loaded snapshot, and a claim', async () => {
    const f = fixture(exampleDoc('04-enrollment-personal-account'));

    await expect(create(testDeps(f.store))(stateOf(f.doc('e-sp')))).rejects.toMatchObject({ name: 'WorkflowInputError', entity: 'loaded' });
    await expect(create(testDeps(f.store))(stateOf(f.doc('c-in')))).rejects.toMatchObject({ name: 'WorkflowInputError' });
  });
});
