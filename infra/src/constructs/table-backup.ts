/**
 * infra → constructs: a daily AWS Backup of every table into a vault encrypted
 * with the stack's key. Point-in-time recovery covers the last 35 days; the
 * backup plan keeps a year of daily recovery points apart from the tables.
 */
import type { Duration } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { StageSettings } from '../config/stage.ts';
import { acknowledge } from '../nag/acknowledge.ts';

const BACKUP_POLICY_FINDING =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]';

export interface TableBackupProps {
  readonly key: kms.IKey;
  readonly settings: StageSettings;
  readonly tables: readonly dynamodb.ITable[];
  readonly retention: Duration;
}

export class TableBackup extends Construct {
  readonly plan: backup.BackupPlan;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);
    const vault = new backup.BackupVault(this, 'Vault', {
      encryptionKey: props.key,
      removalPolicy: props.settings.removalPolicy,
    });
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupVault: vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: backup.BackupPlanRule.daily().props.scheduleExpression,
          deleteAfter: props.retention,
        }),
      ],
    });
    const selection = this.plan.addSelection('Tables', {
      resources: props.tables.map((table) => backup.BackupResource.fromDynamoDbTable(table)),
    });
    acknowledge(selection, [BACKUP_POLICY_FINDING], 'backupServiceRole');
  }
}
