/**
 * The tables of docs/architecture.md: keys exactly as documented (the local stack
 * creates them in DynamoDB Local from these), the role metadata, encryption with
 * the stack's key, point-in-time recovery, and what changes in prod.
 */
import { describe, expect, it } from 'vitest';
import { TABLE_ROLES } from '../src/config/tables.ts';
import { props, type Resource, refTarget, resourcesOfType, synth } from './support/synth.ts';

const dev = await synth('dev');
const prod = await synth('prod');

function tableByRole(json: typeof dev.json, role: string): Resource {
  const found = resourcesOfType(json, 'AWS::DynamoDB::Table').filter(([, t]) => t.Metadata?.['medins:table'] === role);
  expect(found, role).toHaveLength(1);
  return found[0]![1];
}

const keySchema = (t: Resource) =>
  (props(t).KeySchema as { AttributeName: string; KeyType: string }[]).map((k) => `${k.AttributeName}:${k.KeyType}`);
const attributeTypes = (t: Resource) =>
  Object.fromEntries(
    (props(t).AttributeDefinitions as { AttributeName: string; AttributeType: string }[]).map((a) => [a.AttributeName, a.AttributeType]),
  );

describe('tables', () => {
  it('has exactly one table per role, and no other table', () => {
    // Prepare / Act
    const roles = resourcesOfType(dev.json, 'AWS::DynamoDB::Table').map(([, t]) => t.Metadata?.['medins:table']);
    // Assess
    expect(roles.sort()).toEqual([...TABLE_ROLES].sort());
  });

  it.each([
    ['catalog', ['pk:HASH'], { pk: 'S' }],
    ['members', ['memberId:HASH'], { memberId: 'S' }],
    ['accounts', ['memberId:HASH'], { memberId: 'S' }],
    ['bindings', ['pk:HASH', 'sk:RANGE'], { pk: 'S', sk: 'S' }],
    ['policies', ['productId:HASH', 'sk:RANGE'], { productId: 'S', sk: 'S', createdKey: 'S' }],
    ['events', ['eventId:HASH'], { eventId: 'S' }],
  ])('%s has the documented keys', (role, keys, attributes) => {
    const table = tableByRole(dev.json, role);
    expect(keySchema(table)).toEqual(keys);
    expect(attributeTypes(table)).toEqual(attributes);
  });

  it('policies has the byCreation index (productId, createdKey), projecting everything', () => {
    const gsis = props(tableByRole(dev.json, 'policies')).GlobalSecondaryIndexes;
    expect(gsis).toEqual([
      {
        IndexName: 'byCreation',
        KeySchema: [
          { AttributeName: 'productId', KeyType: 'HASH' },
          { AttributeName: 'createdKey', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('no table streams (the notifications ride on the outcome item); none keeps Powertools idempotency records', () => {
    for (const [id, t] of resourcesOfType(dev.json, 'AWS::DynamoDB::Table')) expect(props(t).StreamSpecification, id).toBeUndefined();
    const roles = resourcesOfType(dev.json, 'AWS::DynamoDB::Table').map(([, t]) => t.Metadata?.['medins:table']);
    expect(roles).not.toContain('idempotency');
    for (const [id, t] of resourcesOfType(dev.json, 'AWS::DynamoDB::Table')) expect(props(t).TimeToLiveSpecification, id).toBeUndefined();
  });

  it.each(['dev', 'prod'] as const)(
    '%s: every table is on-demand, encrypted with the stack key, with PITR, named by CloudFormation',
    async (stage) => {
      const { json } = await synth(stage);
      const [keyId] = resourcesOfType(json, 'AWS::KMS::Key').map(([id]) => id);
      for (const [id, table] of resourcesOfType(json, 'AWS::DynamoDB::Table')) {
        const p = props(table);
        expect(p.BillingMode, id).toBe('PAY_PER_REQUEST');
        expect(p.SSESpecification, id).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
        expect(refTarget(p.SSESpecification.KMSMasterKeyId), id).toBe(keyId);
        expect(p.PointInTimeRecoverySpecification, id).toMatchObject({ PointInTimeRecoveryEnabled: true });
        expect(p.TableName, id).toBeUndefined();
      }
    },
  );

  it('prod: deletion protection and RETAIN; dev: neither', () => {
    for (const [, table] of resourcesOfType(prod.json, 'AWS::DynamoDB::Table')) {
      expect(props(table).DeletionProtectionEnabled).toBe(true);
      expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
    for (const [, table] of resourcesOfType(dev.json, 'AWS::DynamoDB::Table')) {
      expect(props(table).DeletionProtectionEnabled).toBe(false);
      expect(table).toMatchObject({ DeletionPolicy: 'Delete' });
    }
  });

  it('prod backs every table up daily to a vault encrypted with the stack key; dev has no backup plan', () => {
    const selections = resourcesOfType(prod.json, 'AWS::Backup::BackupSelection');
    expect(selections).toHaveLength(1);
    const tables = resourcesOfType(prod.json, 'AWS::DynamoDB::Table').map(([id]) => id);
    const selected = (props(selections[0]![1]).BackupSelection.Resources as unknown[]).map(refTarget);
    expect(selected.sort()).toEqual(tables.sort());
    const [keyId] = resourcesOfType(prod.json, 'AWS::KMS::Key').map(([id]) => id);
    const [vault] = resourcesOfType(prod.json, 'AWS::Backup::BackupVault');
    expect(refTarget(props(vault![1]).EncryptionKeyArn)).toBe(keyId);
    expect(resourcesOfType(dev.json, 'AWS::Backup::BackupPlan')).toHaveLength(0);
  });

  it('the key rotates, and lets CloudWatch Logs use it only for this account’s log groups', () => {
    const [[, key]] = resourcesOfType(dev.json, 'AWS::KMS::Key') as [[string, Resource]];
    expect(props(key).EnableKeyRotation).toBe(true);
    const statements = props(key).KeyPolicy.Statement as { Sid?: string; Condition?: unknown }[];
    const logs = statements.find((s) => s.Sid === 'CloudWatchLogsEncryptsThisAccountsLogGroups');
    expect(JSON.stringify(logs?.Condition)).toContain('kms:EncryptionContext:aws:logs:arn');
    expect(key).toMatchObject({ DeletionPolicy: 'Delete' });
    expect(resourcesOfType(prod.json, 'AWS::KMS::Key')[0]![1]).toMatchObject({ DeletionPolicy: 'Retain' });
  });
});
