/**
 * functions → use case: publish the notifications an event owes, as its commit
 * returned them — at least once, each under its notification id, which the SMS
 * provider deduplicates on. Nothing is read back from the store and nothing is
 * marked: a step that fails before, between or after its publishes is run again
 * (the workflow's retry, the queue's redelivery, a redrive), and the commit of a
 * redelivered event answers with the same notifications under the same ids.
 */
import { formatFen } from '@medins/engine';
import type { OwedNotification } from '@medins/store/ports';
import type { Notifier } from '../shared/notifier.ts';

const TEXT: Readonly<Record<string, (amount: string) => string>> = {
  claimSettled: (a) => `您的医保结算已完成，个人负担 ${a} 元。`,
  familyAccountUsed: (a) => `您的家庭共济账户为家人支付了 ${a} 元。`,
  claimReversed: (a) => `您的医保结算已撤销，${a} 元已退回个人账户。`,
  familyAccountRefunded: (a) => `家人的医保结算已撤销，${a} 元已退回您的账户。`,
  enrolled: (a) => `惠民保投保成功，个人账户支付 ${a} 元。`,
  renewed: (a) => `惠民保已自动续保，个人账户支付 ${a} 元。`,
  renewalReminder: (a) => `惠民保续保提醒：保费 ${a} 元，请及时续保。`,
};

/** Publishes each notification, in order, under its id; returns how many were published. A failed publish throws. */
export async function publishNotifications(notifier: Notifier, notifications: readonly OwedNotification[]): Promise<number> {
  for (const n of notifications) {
    await notifier.send({
      id: n.notificationId,
      to: n.to,
      maskedRecipient: n.maskedRecipient,
      maskedPhone: n.maskedPhone,
      kind: n.kind,
      text: (Object.hasOwn(TEXT, n.kind) ? TEXT[n.kind]! : (a: string) => a)(formatFen(n.amountFen)),
    });
  }
  return notifications.length;
}
