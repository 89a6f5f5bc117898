/** shared/notifier.ts: masked messages out through SNS (AWS) or a JSON-lines file (the embedded stack). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { fileNotifier, type OutgoingMessage, snsNotifier } from '../../src/shared/notifier.ts';

const message = (id: string): OutgoingMessage => ({
  id,
  to: 'm1',
  maskedRecipient: '张*',
  maskedPhone: '139****5678',
  kind: 'claimSettled',
  text: '您的医保结算已完成，个人负担 1.00 元。',
});

describe('snsNotifier', () => {
  it('publishes the message as JSON to the topic, its kind as an attribute', async () => {
    const sent: PublishCommand[] = [];
    const client = { send: async (c: PublishCommand) => void sent.push(c) } as unknown as SNSClient;

    await snsNotifier('arn:aws-cn:sns:cn-north-1:1:notifications', client).send(message('n1'));

    expect(sent.map((c) => c.input)).toEqual([
      {
        TopicArn: 'arn:aws-cn:sns:cn-north-1:1:notifications',
        Message: JSON.stringify(message('n1')),
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'claimSettled' } },
      },
    ]);
  });
});

describe('fileNotifier', () => {
  it('appends one JSON line per message', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'medins-notifier-')), 'notifications.jsonl');
    const notifier = fileNotifier(path);

    await notifier.send(message('n1'));
    await notifier.send(message('n2'));

    expect(
      readFileSync(path, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([message('n1'), message('n2')]);
  });
});
