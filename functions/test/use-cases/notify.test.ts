/**
 * use-cases/notify.ts: what a commit returned is published as it is — each
 * message under its notification id, reading nothing back — and published again
 * under the same ids when the event is delivered again after its commit.
 */
import { processDigester } from '@medins/contract';
import { type MemberId, type RenewalCampaignEvent, sealName, sealPhone } from '@medins/engine';
import { owedNotificationOf } from '@medins/store';
import { describe, expect, it } from 'vitest';
import { publishNotifications } from '../../src/use-cases/notify.ts';
import { renewPolicy } from '../../src/use-cases/renew-policy.ts';
import { recordingNotifier } from '../support/deps.ts';
import { exampleDoc, fixture, settle } from '../support/scenarios.ts';

describe('publishNotifications', () => {
  it('publishes what a commit recorded; the commit of a duplicate answers with the same notifications, same ids', async () => {
    // Prepare: a settled claim with family aid (two messages), then its duplicate's commit.
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    await settle(f.store, f.event('c1'));
    const loaded = await f.store.load(f.event('c1') as never);
    const duplicate = await f.store.commit(
      { eventId: 'c1', type: 'claim', result: loaded.prior!, eventDoc: null, changes: [], notifications: [] },
      loaded,
    );
    const notifier = recordingNotifier();

    // Act
    const published = await publishNotifications(notifier, duplicate.notifications);

    // Assess
    expect(duplicate.applied).toBe(false);
    expect(published).toBe(2);
    expect(notifier.sent.map((m) => m.id)).toEqual(['c1|m2|claimSettled', 'c1|m1|familyAccountUsed']);
    expect(duplicate.notifications).toEqual(f.store.notifications());
  });

  it('stops at a failed publish and throws, so a retry publishes every message again', async () => {
    const f = fixture(exampleDoc('01-quzhou-inpatient-all-tiers'));
    await settle(f.store, f.event('c1'));
    const owed = f.store.notifications();
    const notifier = recordingNotifier();
    notifier.failNext();

    await expect(publishNotifications(notifier, owed)).rejects.toThrow('the SMS provider is unavailable');
    expect(notifier.sent).toEqual([]);
    expect(await publishNotifications(notifier, owed)).toBe(2);
    expect(notifier.sent.map((m) => m.id)).toEqual(owed.map((n) => n.notificationId));
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
    for (const { store } of [renewals, reversals, enrollments]) await publishNotifications(notifier, store.notifications());

    // Assess: one wording per kind, every one naming an amount in yuan; every recipient masked.
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
    expect(notifier.sent.every((m) => m.maskedRecipient.includes('*'))).toBe(true);
  });
});

describe('owedNotificationOf and the message', () => {
  const owed = { to: 'm9' as MemberId, kind: 'renewalReminder', eventId: 'e1', aboutId: null, amountFen: 12_345 } as const;

  it('masks a recipient the snapshot did not read, and words each kind in Chinese with yuan', async () => {
    const notifier = recordingNotifier();

    await publishNotifications(notifier, [owedNotificationOf(owed as never, null)]);

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

  it('sends an unknown kind as the bare amount, and the masked name and phone of a profile read', async () => {
    const notifier = recordingNotifier();
    const digest = processDigester();
    const member = { id: 'm9' as MemberId, name: sealName('王小明', digest), phone: sealPhone('13912345678', digest) };

    await publishNotifications(notifier, [owedNotificationOf({ ...owed, kind: 'somethingNew' } as never, member as never)]);

    expect(notifier.sent[0]).toMatchObject({ maskedRecipient: '王**', maskedPhone: expect.stringMatching(/^139\*+5678$/), text: '123.45' });
    expect(JSON.stringify(notifier.sent)).not.toContain('13912345678');
  });
});
