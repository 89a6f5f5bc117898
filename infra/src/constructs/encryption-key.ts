/**
 * infra → constructs: the one customer-managed KMS key of the stack. Tables,
 * queues, topics and log groups are all encrypted with it, so the key policy names
 * the two AWS services that use it on their own behalf: CloudWatch Logs (log
 * groups) and CloudWatch alarms (publishing to the encrypted alarm topic).
 * Functions and state machines get key permissions through IAM, never through
 * the key policy.
 */
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { StageSettings } from '../config/stage.ts';

export interface EncryptionKeyProps {
  readonly settings: StageSettings;
}

export class EncryptionKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: `medins ${props.settings.stage}: tables, queues, topics and logs`,
      enableKeyRotation: true,
      alias: `alias/medins/${props.settings.stage}`,
      removalPolicy: props.settings.removalPolicy,
      pendingWindow: Duration.days(props.settings.stage === 'prod' ? 30 : 7),
    });

    // China regions name the service `logs.<region>.amazonaws.com.cn`: the URL suffix token covers both partitions.
    const logsPrincipal = new iam.ServicePrincipal(`logs.${stack.region}.${stack.urlSuffix}`);
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
        principals: [logsPrincipal],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopics',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
  }
}
