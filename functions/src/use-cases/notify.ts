/**
 * functions → use case: send the notifications an applied event owes, once each.
 * The outbox item is claimed (pending → sent) before sending, so a duplicate
 * delivery or a second sender (the workflow step and the outbox stream) never
 * sends twice; a failed send gives the claim back, so a retry sends it.
 */
import { formatFen, type MemberId } from '@medins/engine';
import type { OutboxItem, OutboxStore } from '@medins/store/ports';
import type { Clock } from '../shared/clock.ts';
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

export interface NotifyDeps {
  readonly store: OutboxStore;
  readonly notifier: Notifier;
  readonly clock: Clock;
}

/** Sends one outbox notification unless it was sent already; true when this call sent it. */
export async function sendOne(deps: NotifyDeps, item: OutboxItem): Promise<boolean> {
  if (item.status !== 'pending' || !(await deps.store.claimNotification(item.notificationId, deps.clock.now()))) return false;
  try {
    const member = await deps.store.member(item.to as MemberId);
    await deps.notifier.send({
      id: item.notificationId,
      to: item.to,
      maskedRecipient: member ? member.name.masked : '*',
      maskedPhone: member?.phone ? member.phone.masked : null,
      kind: item.kind,
      text: (Object.hasOwn(TEXT, item.kind) ? TEXT[item.kind]! : (a: string) => a)(formatFen(item.amountFen)),
    });
    return true;
  } catch (e) {
    await deps.store.releaseNotification(item.notificationId);
    throw e;
  }
}

/** Sends the given outbox notifications; returns how many this call sent. */
export async function sendNotifications(deps: NotifyDeps, ids: readonly string[]): Promise<number> {
  let sent = 0;
  for (const item of await deps.store.readOutbox(ids)) if (await sendOne(deps, item)) sent++;
  return sent;
}
