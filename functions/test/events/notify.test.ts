/** events/notify.ts: NotifyMembers — the messages an applied event owes, sent once, masked. */
import { describe, expect, it } from 'vitest';
import { create } from '../../src/events/notify.ts';
import { testDeps } from '../support/deps.ts';
import { exampleDoc, fixture } from '../support/scenarios.ts';
import { claimWorkflow } from '../support/workflows.ts';

describe('NotifyMembers', () => {
  it('sends the patient’s and the holder’s messages once, masked, and counts them', async () => {
    // Prepare
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const deps = testDeps(f.store);
    const { steps } = claimWorkflow(deps);
    const committed = await steps.commit(
      await steps.deduct(await steps.settle(await steps.check(await steps.load({ event: f.doc('c1'), attempt: 0 })))),
    );

    // Act
    const state = await create(deps)(committed);
    const redelivered = await create(deps)(committed);

    // Assess
    expect(state.notified).toBe(2);
    expect(redelivered.notified).toBe(0);
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

  it('sends nothing for an event applied before, or for an outcome owing nothing', async () => {
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    const deps = testDeps(f.store);
    const notify = create(deps);
    const event = f.doc('c1');

    const duplicate = await notify({
      event,
      attempt: 0,
      outcome: { applied: false, result: {} as never, committedAt: null, notificationIds: ['c1|m2|claimSettled'] },
    });
    const none = await notify({ event, attempt: 0 });

    expect(duplicate.notified).toBe(0);
    expect(none.notified).toBe(0);
    expect(deps.notifier.sent).toEqual([]);
  });
});
