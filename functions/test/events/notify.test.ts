/** events/notify.ts: NotifyMembers — publishes what the commit returned, masked, at least once under the same ids. */
import { describe, expect, it } from 'vitest';
import { create } from '../../src/events/notify.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture } from '../support/scenarios.ts';
import { claimWorkflow } from '../support/workflows.ts';

describe('NotifyMembers', () => {
  it('publishes the patient’s and the holder’s messages, masked, and counts them; reads nothing from the store', async () => {
    // Prepare
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const deps = testDeps(f.store);
    const { steps } = claimWorkflow(deps);
    const committed = await steps.deduct(await steps.settle(await steps.check({ event: f.doc('c1'), attempt: 0 })));

    // Act: on an empty notifier with a store that answers nothing, as the step is given it.
    const state = await create({ telemetry: deps.telemetry, notifier: deps.notifier })(committed);

    // Assess
    expect(state.notified).toBe(2);
    expect(deps.notifier.sent).toEqual([
      {
        id: 'c1|m2|claimSettled',
        to: 'm2',
        maskedRecipient: '李*',
        maskedPhone: expect.stringMatching(/^139\*+0000$/),
        kind: 'claimSettled',
        text: expect.stringContaining('元'),
      },
      {
        id: 'c1|m1|familyAccountUsed',
        to: 'm1',
        maskedRecipient: '张*',
        maskedPhone: expect.any(String),
        kind: 'familyAccountUsed',
        text: '您的家庭共济账户为家人支付了 6000.00 元。',
      },
    ]);
    expect(JSON.stringify(deps.notifier.sent)).not.toMatch(/李娜|张伟|13900000000/);
  });

  it('a claim delivered again after its commit publishes the same messages again, under the same ids', async () => {
    // Prepare: the first delivery dies after its commit, before NotifyMembers.
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const deps = testDeps(f.store);
    const workflow = claimWorkflow(deps);
    const { steps } = workflow;
    await steps.deduct(await steps.settle(await steps.check({ event: f.doc('c1'), attempt: 0 })));
    expect(deps.notifier.sent).toEqual([]);

    // Act: the redelivery (WasAlreadyApplied? → ReturnPriorResult → NotifyMembers), twice.
    const again = await workflow.run(f.doc('c1'));
    await workflow.run(f.doc('c1'));

    // Assess: nothing applied twice; every message published, each repeat under its first id.
    expect(again.outcome?.applied).toBe(false);
    expect(again.notified).toBe(2);
    expect(f.store.commits).toBe(1);
    expect(deps.notifier.sent.map((m) => m.id)).toEqual([
      'c1|m2|claimSettled',
      'c1|m1|familyAccountUsed',
      'c1|m2|claimSettled',
      'c1|m1|familyAccountUsed',
    ]);
  });

  it('publishes nothing for an outcome owing nothing', async () => {
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const deps = testDeps(f.store);
    const notify = create(deps);
    const event = f.doc('c1');

    const nothingOwed = await notify({
      event,
      attempt: 0,
      outcome: { applied: true, result: {} as never, committedAt: 1, notifications: [] },
    });
    const none = await notify({ event, attempt: 0 });

    expect(nothingOwed.notified).toBe(0);
    expect(none.notified).toBe(0);
    expect(deps.notifier.sent).toEqual([]);
  });
});
