/** use-cases/commit-decision.ts: the decision carried by the workflow state, committed through the port. */
import type { Decision } from '@medins/engine';
import type { CommitInput, EventStore, Loaded } from '@medins/store/ports';
import { describe, expect, it } from 'vitest';
import { commitDecision } from '../../src/use-cases/commit-decision.ts';
import { exampleDoc, fixture } from '../support/scenarios.ts';

describe('commitDecision', () => {
  it('commits the event’s id, type, document, result, changes and notifications on the snapshot and catalog version it was decided on', async () => {
    // Prepare
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const event = f.doc('c2');
    const loaded = {
      snapshot: { members: {}, states: {}, accumulators: {}, claims: {}, viewers: {}, visits: {}, held: {}, stays: {} },
      versions: { 'states|m1': 1 },
    };
    const decision = { result: { id: 'c2', status: 'settled' }, changes: [], notifications: [] } as unknown as Decision;
    const owed = {
      notificationId: 'c2|m1|claimSettled',
      eventId: 'c2',
      to: 'm1',
      kind: 'claimSettled',
      aboutId: null,
      amountFen: 100,
      maskedRecipient: '张*',
      maskedPhone: null,
    };
    const calls: [CommitInput, Loaded][] = [];
    const store: Pick<EventStore, 'commit'> = {
      commit: async (input, l) => {
        calls.push([input, l]);
        return { applied: true, result: input.result, committedAt: 7, notifications: [owed] };
      },
    };

    // Act
    const state = await commitDecision(
      store,
      { event, attempt: 1, catalogVersion: 2, loaded, decision, tiers: {} as never, eligibility: { eligible: true } },
      decision,
    );

    // Assess
    expect(calls).toEqual([
      [
        { eventId: 'c2', type: 'claim', result: decision.result, eventDoc: event, changes: [], notifications: [] },
        { ...loaded, prior: null, catalogVersion: 2 },
      ],
    ]);
    expect(state).toEqual({
      event,
      attempt: 1,
      catalogVersion: 2,
      eligibility: { eligible: true },
      outcome: { applied: true, result: decision.result, committedAt: 7, notifications: [owed] },
    });
  });

  it('refuses a state without a loaded snapshot', async () => {
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));

    await expect(
      commitDecision(f.store, { event: f.doc('c2'), attempt: 0 }, { result: {} as never, changes: [], notifications: [] }),
    ).rejects.toMatchObject({
      name: 'WorkflowInputError',
      entity: 'loaded',
    });
    expect(f.store.commits).toBe(0);
  });
});
