import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { byLogicalId, JavaRuntimeError, type LocalStack, PortInUseError, startLocalStack } from '../src/index.ts';
import { claimStackTemplate, HANDLER_KEYS } from './fixtures/claim-stack.ts';
import { waitUntilGone } from './fixtures/processes.ts';

interface Claim {
  claimId: string;
  memberId: string;
  payableFen: number;
  lines: { code: string }[];
  eligible?: boolean;
}

class TransientError extends Error {
  override readonly name = 'TransientError';
}
class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

const claim = (claimId: string, memberId = 'm-1'): Claim => ({
  claimId,
  memberId,
  payableFen: 12_345,
  lines: [{ code: 'A01' }, { code: 'B02' }],
});
const eligible = vi.fn(async (event: Claim) => ({ ...event, eligible: event.memberId !== 'm-ineligible' }));
const settled = vi.fn(async (event: Claim) => event);

describe('startLocalStack with the fixture template', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ template: claimStackTemplate(), prefix: 'it-' });
  });
  afterAll(() => stack?.stop());

  const handlers = () => ({ [HANDLER_KEYS.check]: eligible, [HANDLER_KEYS.settle]: settled });
  const tableName = () => byLogicalId(stack.tableNames, 'Claims');
  const queueUrl = (id: string) => byLogicalId(stack.queueUrls, id);

  it('reports what runs', () => {
    expect(stack.versions.dynamodb).toMatch(/^DynamoDB Local \d{4}-\d{2}-\d{2}$/);
    expect(stack.versions.sqs).toMatch(/^fauxqs \d+\.\d+\.\d+$/);
    expect(stack.versions.stepFunctions).toMatch(/^aws-local-stepfunctions \d+\.\d+\.\d+$/);
    expect(stack.sdkEnvironment.AWS_ENDPOINT_URL_DYNAMODB).toBe(stack.endpoints.dynamodb);
  });

  it('creates the table with the template keys, GSI and TTL, and no KMS', async () => {
    // Act
    const { Table } = await stack.dynamodb.send(new DescribeTableCommand({ TableName: tableName() }));
    const ttl = await stack.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName() }));
    // Assess
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema?.map((k) => k.AttributeName)])).toEqual([
      ['byMember', ['memberId', 'submittedAt']],
    ]);
    expect(Table?.SSEDescription).toBeUndefined();
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  });

  it('creates the queue with its redrive policy, and redrives after maxReceiveCount receives', async () => {
    // Prepare
    const dlqUrl = queueUrl('NotificationsDlq');
    const { Attributes: dlq } = await stack.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }));
    const { Attributes: main } = await stack.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl('Notifications8'), AttributeNames: ['All'] }),
    );
    expect(JSON.parse(main?.RedrivePolicy ?? '{}')).toEqual({ deadLetterTargetArn: dlq?.QueueArn, maxReceiveCount: 2 });
    expect(main?.VisibilityTimeout).toBe('45');
    // Act: receive twice without deleting (visibility 0 hands it straight back), then once more.
    await stack.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl('Notifications8'), MessageBody: 'poison' }));
    for (let i = 0; i < 3; i++)
      await stack.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl('Notifications8'), VisibilityTimeout: 0 }));
    // Assess
    const { Messages } = await stack.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl }));
    expect(Messages?.map((m) => m.Body)).toEqual(['poison']);
  });

  it('runs the rendered flow with the bound handlers, writing the item and the notification', async () => {
    // Prepare
    const flow = stack.workflow('ClaimFlow', { handlers: handlers(), timeScale: 0 });
    // Act
    const result = await flow.run(claim('c-100'));
    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.states.map((s) => s.name)).toEqual([
      'CheckEligibility',
      'Eligible?',
      'SettleTiers',
      'EachLine',
      'PriceLine',
      'PriceLine',
      'RecordClaim',
      'NotifyMember',
      'Settled',
    ]);
    expect(result.status === 'SUCCEEDED' && result.output).toMatchObject({
      lineResults: [
        { code: 'A01', priced: true },
        { code: 'B02', priced: true },
      ],
    });
    const { Item } = await stack.documentClient.send(new GetCommand({ TableName: tableName(), Key: { pk: 'c-100', sk: 'CLAIM' } }));
    expect(Item).toEqual({ pk: 'c-100', sk: 'CLAIM', memberId: 'm-1', payableFen: 12_345 });
    const { Messages } = await stack.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl('Notifications8') }));
    expect(Messages?.map((m) => JSON.parse(m.Body ?? ''))).toContainEqual({ claimId: 'c-100', payableFen: 12_345 });
  });

  it('takes the Choice default to the Pass state for an ineligible claim', async () => {
    const result = await stack.workflow('ClaimFlow', { handlers: handlers(), timeScale: 0 }).run(claim('c-101', 'm-ineligible'));
    expect(result.states.map((s) => s.name)).toEqual(['CheckEligibility', 'Eligible?', 'Rejected']);
    expect(result.status === 'SUCCEEDED' && result.output).toMatchObject({ outcome: { status: 'REJECTED' } });
  });

  it('retries a TransientError as the definition says (2 retries), then catches it into the Fail state', async () => {
    // Prepare
    const failing = vi.fn(async () => {
      throw new TransientError('throttled');
    });
    // Act
    const result = await stack
      .workflow('ClaimFlow', { handlers: { ...handlers(), [HANDLER_KEYS.check]: failing }, timeScale: 0 })
      .run(claim('c-102'));
    // Assess
    expect(failing).toHaveBeenCalledTimes(3);
    expect(result.events.filter((e) => e.type === 'StateRetried')).toHaveLength(2);
    expect(result.states.map((s) => s.name)).toEqual(['CheckEligibility', 'GiveUp']);
    expect(result).toMatchObject({ status: 'FAILED', error: 'ClaimFailed' });
    expect(result.status === 'FAILED' && JSON.parse(result.cause)).toMatchObject({
      errorType: 'TransientError',
      errorMessage: 'throttled',
    });
  });

  it('recovers when a retry succeeds', async () => {
    let calls = 0;
    const flaky = async (event: Claim) => {
      if (++calls === 1) throw new TransientError('once');
      return { ...event, eligible: true };
    };
    const result = await stack
      .workflow('ClaimFlow', { handlers: { ...handlers(), [HANDLER_KEYS.check]: flaky }, timeScale: 0 })
      .run(claim('c-103'));
    expect(result.status).toBe('SUCCEEDED');
    expect(result.transitions).toBe(result.states.length + 1);
  });

  it('retries a ConflictError in the direct-ARN task once, then catches it', async () => {
    const conflicting = vi.fn(async () => {
      throw new ConflictError('balance changed');
    });
    const result = await stack
      .workflow('ClaimFlow', { handlers: { ...handlers(), [HANDLER_KEYS.settle]: conflicting }, timeScale: 0 })
      .run(claim('c-104'));
    expect(conflicting).toHaveBeenCalledTimes(2);
    expect(result).toMatchObject({ status: 'FAILED', error: 'ClaimFailed' });
  });

  it('stop() leaves no java process behind', async () => {
    await stack.stop();
    expect(await waitUntilGone(stack.dynamodbPid)).toBe(true);
  });
});

describe('startLocalStack failures', () => {
  it('fails with the Java hint when java is missing', async () => {
    const env = { PATH: join(tmpdir(), 'no-java-on-this-path') };
    await expect(startLocalStack({ template: claimStackTemplate(), dynamodb: { env } })).rejects.toThrow(JavaRuntimeError);
  });

  it('fails with the port when a requested port is taken, before starting anything', async () => {
    // Prepare
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    // Act + Assess
    await expect(startLocalStack({ template: claimStackTemplate(), sqs: { port } })).rejects.toThrow(PortInUseError);
    await expect(startLocalStack({ template: claimStackTemplate(), dynamodb: { port } })).rejects.toThrow(
      `port ${port} on 127.0.0.1 is already in use`,
    );
    await new Promise((resolve) => blocker.close(resolve));
  });
});
