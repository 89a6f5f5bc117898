/**
 * Use case: send the notifications an applied event owes, exactly once each. The
 * outbox item is claimed (pending → sent) before sending, so a duplicate delivery
 * or a second sender (the workflow step and the outbox stream) never sends twice;
 * a failed send gives the claim back, so a retry sends it.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { formatFen, maskName, maskPhone, type MemberId } from '@medins/engine';
import type { MemberItem, OutboxItem, Store } from '@medins/store';
import { getItem } from '@medins/store';
import type { Notifier } from '../shared/notifier.ts';

const TEXT: Record<string, (amount: string) => string> = {
  claimSettled: (a) => `您的医保结算已完成，个人负担 ${a} 元。`,
  familyAccountUsed: (a) => `您的家庭共济账户为家人支付了 ${a} 元。`,
  claimReversed: (a) => `您的医保结算已撤销，${a} 元已退回个人账户。`,
  familyAccountRefunded: (a) => `家人的医保结算已撤销，${a} 元已退回您的账户。`,
  enrolled: (a) => `惠民保投保成功，个人账户支付 ${a} 元。`,
  renewed: (a) => `惠民保已自动续保，个人账户支付 ${a} 元。`,
  renewalReminder: (a) => `惠民保续保提醒：保费 ${a} 元，请及时续保。`,
};

async function giveBack(store: Store, id: string): Promise<void> {
  await store.db.send(
    new UpdateCommand({
      TableName: store.tables.outbox,
      Key: { notificationId: id },
      UpdateExpression: 'SET #s = :pending REMOVE sentAt',
      ConditionExpression: '#s = :sent',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending', ':sent': 'sent' },
    }),
  );
}

export async function sendOne(store: Store, notifier: Notifier, item: OutboxItem): Promise<boolean> {
  if (item.status !== 'pending' || !(await store.claimNotification(item.notificationId))) return false;
  try {
    const member = await getItem<MemberItem>(store.db, store.tables.members, { memberId: item.to as MemberId });
    await notifier.send({
      id: item.notificationId,
      to: item.to,
      maskedRecipient: member ? maskName(member.name) : '*',
      maskedPhone: member?.phone ? maskPhone(member.phone) : null,
      kind: item.kind,
      text: (TEXT[item.kind] ?? ((a: string) => a))(formatFen(item.amountFen)),
    });
    return true;
  } catch (e) {
    await giveBack(store, item.notificationId);
    throw e;
  }
}

/** Sends the given outbox notifications; returns how many this call sent. */
export async function sendNotifications(store: Store, notifier: Notifier, ids: readonly string[]): Promise<number> {
  let sent = 0;
  for (const item of await store.readOutbox(ids)) if (await sendOne(store, notifier, item)) sent++;
  return sent;
}
