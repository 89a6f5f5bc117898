import { describe, expect, it } from 'vitest';
import { byLogicalId, type CfnTemplate, type LocalTemplate, readTemplate, TemplateError } from '../src/index.ts';
import { claimStackTemplate, HANDLER_KEYS } from './fixtures/claim-stack.ts';

const SQS = 'http://127.0.0.1:4599';

describe('readTemplate on a synthesized CDK stack', () => {
  // Prepare: one synth for the file (aws-cdk-lib takes seconds to load).
  const template = claimStackTemplate();
  const local: LocalTemplate = readTemplate(template, { sqsEndpoint: SQS, prefix: 'it-' });
  const table = byLogicalId(local.tables, 'Claims');

  it('names each table after its logical id, with the prefix', () => {
    // Assess
    expect(local.tableNames).toEqual({ [table.logicalId]: `it-${table.logicalId}` });
    expect(table.logicalId).toMatch(/^Claims[0-9A-F]{8}$/);
  });

  it('keeps keys, attribute types, the GSI, the billing mode and the TTL attribute', () => {
    expect(table.createTable).toEqual({
      TableName: `it-${table.logicalId}`,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'memberId', AttributeType: 'S' },
        { AttributeName: 'submittedAt', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byMember',
          KeySchema: [
            { AttributeName: 'memberId', KeyType: 'HASH' },
            { AttributeName: 'submittedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
    expect(table.timeToLiveAttribute).toBe('expiresAt');
  });

  it('drops KMS encryption, PITR, deletion protection and replicas', () => {
    const text = JSON.stringify(table.createTable);
    for (const dropped of ['SSESpecification', 'KMS', 'PointInTime', 'DeletionProtection', 'Replicas', 'Tags'])
      expect(text).not.toContain(dropped);
  });

  it('orders the dead-letter queue first and points the redrive policy at its local ARN', () => {
    const [dlq, main] = local.queues;
    expect(dlq?.logicalId).toMatch(/^NotificationsDlq/);
    expect(main?.deadLetterQueue).toBe(dlq?.logicalId);
    expect(main?.createQueue.Attributes).toEqual({
      VisibilityTimeout: '45',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:it-${dlq?.logicalId}`, maxReceiveCount: 2 }),
    });
    // The DLQ keeps its retention and loses its KMS key.
    expect(dlq?.createQueue.Attributes).toEqual({ MessageRetentionPeriod: '1209600' });
    expect(local.queueUrls[main?.logicalId ?? '']).toBe(`${SQS}/000000000000/it-${main?.logicalId}`);
  });

  it('lists each function with its medins:handler key and a local environment', () => {
    const check = byLogicalId(local.functions, 'CheckEligibilityFn');
    expect(check.handlerKey).toBe(HANDLER_KEYS.check);
    expect(check.arn).toBe(`arn:aws:lambda:local:000000000000:function:${check.logicalId}`);
    expect(check.timeoutSeconds).toBe(10);
    expect(check.environment).toEqual({
      MEDINS_TABLE_CLAIMS: table.tableName,
      NOTIFY_QUEUE_URL: byLogicalId(local.queueUrls, 'Notifications8'),
    });
    expect(byLogicalId(local.functions, 'SettleTiersFn').handlerKey).toBe(HANDLER_KEYS.settle);
  });

  it('renders the state machine to plain ASL with local names and placeholder Lambda ARNs', () => {
    const flow = byLogicalId(local.stateMachines, 'ClaimFlow');
    const states = flow.definition.States as unknown as Record<string, Record<string, unknown>>;
    const text = JSON.stringify(flow.definition);
    // No CloudFormation token survives rendering, and the China partition became the local one.
    expect(text).not.toMatch(/Fn::|"Ref"|aws-cn|\$\{Token/);
    expect(states.CheckEligibility?.Resource).toBe('arn:aws:states:::lambda:invoke');
    expect(states.CheckEligibility?.Parameters).toEqual({
      FunctionName: byLogicalId(local.functions, 'CheckEligibilityFn').arn,
      'Payload.$': '$',
    });
    expect(states.SettleTiers?.Resource).toBe(byLogicalId(local.functions, 'SettleTiersFn').arn);
    expect(states.RecordClaim?.Parameters).toMatchObject({ TableName: table.tableName });
    expect(states.NotifyMember?.Parameters).toMatchObject({ QueueUrl: local.queues[1]!.queueUrl });
    expect(flow.name).toBe(`it-${flow.logicalId}`);
  });
});

describe('readTemplate on hand-written templates', () => {
  it('rejects something that is not a template', () => {
    expect(() => readTemplate({} as CfnTemplate, { sqsEndpoint: SQS })).toThrow(TemplateError);
  });

  it('accepts the JSON text and honours explicit names and FIFO queues', () => {
    // Prepare
    const template = {
      Resources: {
        Named: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: 'medins-ledger',
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 },
          },
        },
        Ordered: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true, ContentBasedDeduplication: true } },
      },
    };
    // Act
    const local = readTemplate(JSON.stringify(template), { sqsEndpoint: SQS, prefix: 'p-' });
    // Assess
    expect(local.tableNames.Named).toBe('p-medins-ledger');
    expect(local.tables.Named?.createTable.BillingMode).toBe('PROVISIONED');
    expect(local.tables.Named?.createTable.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 3, WriteCapacityUnits: 4 });
    expect(local.queues[0]?.createQueue).toEqual({
      QueueName: 'p-Ordered.fifo',
      Attributes: { ContentBasedDeduplication: 'true', FifoQueue: 'true' },
    });
  });

  it('refuses a redrive policy that leaves the template', () => {
    const template = {
      Resources: {
        Work: {
          Type: 'AWS::SQS::Queue',
          Properties: { RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:cn-north-1:1:elsewhere', maxReceiveCount: 3 } },
        },
      },
    };
    expect(() => readTemplate(template, { sqsEndpoint: SQS })).toThrow(/not a queue of this template/);
  });

  it('skips resources whose Condition is false', () => {
    const template = {
      Parameters: { Env: { Type: 'String', Default: 'prod' } },
      Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } },
      Resources: { DevOnly: { Type: 'AWS::SQS::Queue', Condition: 'IsDev' }, Always: { Type: 'AWS::SQS::Queue' } },
    };
    expect(readTemplate(template, { sqsEndpoint: SQS }).queues.map((q) => q.logicalId)).toEqual(['Always']);
    expect(readTemplate(template, { sqsEndpoint: SQS, parameters: { Env: 'dev' } }).queues).toHaveLength(2);
  });
});
