import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/index.ts';
import type { ResolveContext } from '../../src/template/intrinsics.ts';
import { localTable } from '../../src/template/tables.ts';

const ctx: ResolveContext = { template: {}, pseudo: {}, ref: () => undefined, getAtt: () => undefined };
const keys = {
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'g', AttributeType: 'S' },
  ],
};

describe('localTable', () => {
  it('gives a provisioned global table capacity from its auto-scaling bounds, for the table and its GSIs', () => {
    // Prepare
    const resource = {
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: {
        ...keys,
        BillingMode: 'PROVISIONED',
        WriteProvisionedThroughputSettings: { WriteCapacityAutoScalingSettings: { MinCapacity: 2, MaxCapacity: 10 } },
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byG',
            KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
            WriteProvisionedThroughputSettings: { WriteCapacityAutoScalingSettings: { MinCapacity: 1, MaxCapacity: 5 } },
          },
        ],
        Replicas: [
          {
            Region: 'cn-north-1',
            ReadProvisionedThroughputSettings: { ReadCapacityUnits: 7 },
            GlobalSecondaryIndexes: [{ IndexName: 'byG', ReadProvisionedThroughputSettings: { ReadCapacityUnits: 3 } }],
            SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } },
          },
        ],
      },
    };
    // Act
    const table = localTable('G', resource, 'g-table', ctx);
    // Assess
    expect(table.createTable.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 7, WriteCapacityUnits: 2 });
    expect(table.createTable.GlobalSecondaryIndexes?.[0]?.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 3, WriteCapacityUnits: 1 });
  });

  it('turns a CloudFormation stream view into an enabled stream and keeps LSIs', () => {
    const resource = {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        ...keys,
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        LocalSecondaryIndexes: [
          { IndexName: 'l', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
        ],
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: false },
      },
    };
    const table = localTable('T', resource, 't-table', ctx);
    expect(table.createTable.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(table.createTable.LocalSecondaryIndexes).toHaveLength(1);
    expect(table.timeToLiveAttribute).toBeUndefined();
  });

  it('needs a key schema', () => {
    expect(() => localTable('T', { Type: 'AWS::DynamoDB::Table', Properties: {} }, 't-table', ctx)).toThrow(TemplateError);
  });
});
