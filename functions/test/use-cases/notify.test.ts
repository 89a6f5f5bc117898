/**
 * use-cases/notify.ts: each outbox notification sent once — claimed before it is
 * sent, given back if the send fails — with the recipient masked.
 */
import { processDigester } from '@medins/contract';
import { type MemberId, type RenewalCampaignEvent, sealName } from '@medins/engine';
import type { OutboxItem, OutboxStore } from '@medins/store/ports';
import { describe, expect, it } from 'vitest';
import { sendNotifications, sendOne } from '../../src/use-cases/notify.ts';
import { renewPolicy } from '../../src/use-cases/renew-policy.ts';
import { fixedClock, NOW, recordingNotifier } from '../support/deps.ts';
import { exampleDoc, fixture, settle } from '../support/scenarios.ts';

async function settledClaim() {
  const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
  await settle(f.store, f.event('c1'));
  const ids = f.store.outbox().map((o) => o.notificationId);
  return { f, ids, deps: { store: f.store, notifier: recordingNotifier(), clock: fixedClock() } };
}

describe('sendNotifications', () => {
  it('sends a notification once even when called twice', async () => {
    const { ids, deps } = await settledClaim();

    const first = await sendNotifications(deps, ids);
    const second = await sendNotifications(deps, ids);

    expect([first, second]).toEqual([2, 0]);
    expect(deps.notifier.sent.map((m) => m.id)).toEqual(ids);
    expect((await deps.store.readOutbox(ids)).map((o) => o.status)).toEqual(['sent', 'sent']);
  });

  it('gives the claim back when the notifier fails, so a retry sends it', async () => {
    // Prepare
    const { ids, deps } = await settledClaim();
    deps.notifier.failNext();

    // Act
    const failed = sendNotifications(deps, ids);

    // Assess
    await expect(failed).rejects.toThrow('the SMS provider is unavailable');
    expect((await deps.store.readOutbox(ids)).map((o) => o.status)).toEqual(['pending', 'pending']);
    expect(await sendNotifications(deps, ids)).toBe(2);
    expect(deps.notifier.sent.map((m) => m.id)).toEqual(ids);
  });

  it('claims with the clock’s time and skips ids with no outbox item', async () => {
    const { ids, deps } = await settledClaim();
    const claimed: [string, number][] = [];
    const store: OutboxStore = {
      readOutbox: (wanted) => deps.store.readOutbox(wanted),
      member: (id) => deps.store.member(id),
      releaseNotification: (id) => deps.store.releaseNotification(id),
      claimNotification: (id, at) => {
        claimed.push([id, at]);
        return deps.store.claimNotification(id, at);
      },
    };

    expect(await sendNotifications({ ...deps, store }, ['unknown|m1|claimSettled', ids[0]!])).toBe(1);
    expect(claimed).toEqual([[ids[0], NOW]]);
  });
});

describe('the words of each kind', () => {
  it('words the messages of renewals, reminders, enrollments, reversals and family refunds with their amounts in yuan', async () => {
    // Prepare: the renewal example's campaign and the reversal example's events, applied.
    const renewals = fixture(exampleDoc('06-special-drugs-assistance-renewal'));
    for (const e of renewals.scenario.events) if (e.type !== 'renewalCampaign') await settle(renewals.store, e);
    const campaign = renewals.event('rc1') as RenewalCampaignEvent;
    for (const policy of renewals.scenario.world.policies) await renewPolicy(renewals.store, campaign, policy);
    const reversals = fixture(exampleDoc('07-quote-reversal-viewers'));
    for (const e of reversals.scenario.events) await settle(reversals.store, e);
    const enrollments = fixture(exampleDoc('04-enrollment-personal-account'));
    for (const e of enrollments.scenario.events) await settle(enrollments.store, e);
    const notifier = recordingNotifier();

    // Act
    for (const { store } of [renewals, reversals, enrollments]) {
      await sendNotifications(
        { store, notifier, clock: fixedClock() },
        store.outbox().map((o) => o.notificationId),
      );
    }

    // Assess: one wording per kind, every one naming an amount in yuan.
    const byKind = new Map(notifier.sent.map((m) => [m.kind, m.text]));
    expect([...byKind.keys()].sort()).toEqual([
      'claimReversed',
      'claimSettled',
      'enrolled',
      'familyAccountRefunded',
      'familyAccountUsed',
      'renewalReminder',
      'renewed',
    ]);
    expect(byKind.get('renewed')).toMatch(/^惠民保已自动续保，个人账户支付 \d+\.\d{2} 元。$/);
    expect(byKind.get('renewalReminder')).toMatch(/^惠民保续保提醒：保费 \d+\.\d{2} 元，请及时续保。$/);
    expect(byKind.get('claimReversed')).toMatch(/^您的医保结算已撤销，\d+\.\d{2} 元已退回个人账户。$/);
    expect(byKind.get('enrolled')).toMatch(/^惠民保投保成功，个人账户支付 \d+\.\d{2} 元。$/);
    expect(byKind.get('familyAccountRefunded')).toMatch(/^家人的医保结算已撤销，\d+\.\d{2} 元已退回您的账户。$/);
  });
});

describe('sendOne', () => {
  const item = (overrides: Partial<OutboxItem> = {}): OutboxItem => ({
    notificationId: 'e1|m9|renewalReminder',
    eventId: 'e1',
    to: 'm9',
    kind: 'renewalReminder',
    aboutId: null,
    amountFen: 12_345,
    status: 'pending',
    createdAt: 1,
    ...overrides,
  });
  const store = (claimable: boolean, member: unknown = null) => ({
    readOutbox: async () => [],
    claimNotification: async () => claimable,
    releaseNotification: async () => {},
    member: async () => member as never,
  });

  it('masks a recipient it cannot find, and words each kind in Chinese with yuan', async () => {
    const notifier = recordingNotifier();

    expect(await sendOne({ store: store(true), notifier, clock: fixedClock() }, item())).toBe(true);

    expect(notifier.sent).toEqual([
      {
        id: 'e1|m9|renewalReminder',
        to: 'm9',
        maskedRecipient: '*',
        maskedPhone: null,
        kind: 'renewalReminder',
        text: '惠民保续保提醒：保费 123.45 元，请及时续保。',
      },
    ]);
  });

  it('sends an unknown kind as the bare amount, and a member without a phone with no phone', async () => {
    const notifier = recordingNotifier();
    const member = { id: 'm9' as MemberId, name: sealName('王小明', processDigester()), phone: null };

    await sendOne({ store: store(true, member), notifier, clock: fixedClock() }, item({ kind: 'somethingNew' }));

    expect(notifier.sent[0]).toMatchObject({ maskedRecipient: '王**', maskedPhone: null, text: '123.45' });
  });

  it('sends nothing for an item already sent, or one another sender claimed first', async () => {
    const notifier = recordingNotifier();

    expect(await sendOne({ store: store(true), notifier, clock: fixedClock() }, item({ status: 'sent' }))).toBe(false);
    expect(await sendOne({ store: store(false), notifier, clock: fixedClock() }, item())).toBe(false);
    expect(notifier.sent).toEqual([]);
  });
});
