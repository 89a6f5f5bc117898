/**
 * Notifications go out through a Notifier: on AWS an SNS topic that the SMS
 * provider subscribes to; locally a JSON-lines file. What reaches either is
 * already masked: a notification never carries a clear name, ID number or phone.
 */
import { appendFileSync } from 'node:fs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';

export interface OutgoingMessage {
  /** The outbox id: the provider deduplicates on it. */
  readonly id: string;
  readonly to: string;
  readonly maskedRecipient: string;
  readonly maskedPhone: string | null;
  readonly kind: string;
  readonly text: string;
}

export interface Notifier {
  send(message: OutgoingMessage): Promise<void>;
}

export function snsNotifier(topicArn: string, client = new SNSClient({})): Notifier {
  return {
    async send(message) {
      await client.send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: JSON.stringify(message),
          MessageAttributes: { kind: { DataType: 'String', StringValue: message.kind } },
        }),
      );
    },
  };
}

/** Appends each message as one JSON line (the embedded stack's notifications.jsonl). */
export function fileNotifier(path: string): Notifier {
  return {
    async send(message) {
      appendFileSync(path, `${JSON.stringify(message)}\n`);
    },
  };
}
