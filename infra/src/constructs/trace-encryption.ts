/**
 * infra → constructs: X-Ray encrypts this account's traces (in this region) with
 * the stack's key. Traces are personal data's most easily forgotten door: even
 * with responses and errors kept out of them (functions/src/shared/telemetry.ts),
 * segment names and annotations say which member a step ran for. CloudFormation
 * has no X-Ray encryption resource, so a custom resource calls
 * `PutEncryptionConfig` on create and update, and puts X-Ray back on its default
 * encryption on delete — a deleted stack's key must not be left as the one X-Ray
 * writes with (X-Ray stops storing traces when it cannot use its key).
 *
 * The setting is one per account and region: two stacks of this app in one
 * account and region would take it from each other (stages live in separate
 * accounts).
 */

import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { StageSettings } from '../config/stage.ts';
import { acknowledge } from '../nag/acknowledge.ts';

export interface TraceEncryptionProps {
  readonly key: kms.IKey;
  readonly settings: StageSettings;
}

/** The construct id CDK gives the stack's one AwsCustomResource provider function. */
const SINGLETON_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

export class TraceEncryption extends Construct {
  readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: TraceEncryptionProps) {
    super(scope, id);
    const useKey: cr.AwsSdkCall = {
      service: 'XRay',
      action: 'PutEncryptionConfig',
      parameters: { Type: 'KMS', KeyId: props.key.keyArn },
      physicalResourceId: cr.PhysicalResourceId.of('xray-encryption-config'),
      // The response names the key and its status only; keep it out of the provider's log all the same.
      logging: cr.Logging.withDataHidden(),
    };
    // The provider function's own log group and role, like every function of the stack: encrypted, no managed policy.
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.settings.logRetention,
      encryptionKey: props.key,
      removalPolicy: props.settings.removalPolicy,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'medins X-Ray encryption configuration (deployment only)',
    });
    logGroup.grantWrite(role);
    this.resource = new cr.AwsCustomResource(this, 'PutEncryptionConfig', {
      resourceType: 'Custom::XRayEncryptionConfig',
      role,
      logGroup,
      memorySize: 256,
      onCreate: useKey,
      onUpdate: useKey,
      onDelete: { ...useKey, parameters: { Type: 'NONE' } },
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        // X-Ray's configuration actions take no resource-level permissions.
        new iam.PolicyStatement({ actions: ['xray:PutEncryptionConfig'], resources: ['*'] }),
        // X-Ray checks the key with the caller's access and uses it through a grant it creates on the caller's behalf.
        new iam.PolicyStatement({ actions: ['kms:DescribeKey'], resources: [props.key.keyArn] }),
        new iam.PolicyStatement({
          actions: ['kms:CreateGrant'],
          resources: [props.key.keyArn],
          conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        }),
      ]),
    });

    acknowledge(role, ['HIPAA.Security-IAMNoInlinePolicy'], 'inlinePolicy');
    const policy = this.resource.node.findChild('CustomResourcePolicy');
    acknowledge(policy, ['HIPAA.Security-IAMNoInlinePolicy'], 'inlinePolicy');
    acknowledge(policy, ['AwsSolutions-IAM5[Resource::*]'], 'xrayConfiguration');
    // The provider is a singleton of the stack (one function for every AwsCustomResource).
    const provider = Stack.of(this).node.findChild(SINGLETON_PROVIDER_ID);
    acknowledge(provider, ['HIPAA.Security-LambdaDLQ', 'Serverless-LambdaDLQ', 'HIPAA.Security-LambdaConcurrency'], 'deploymentOnly');
    acknowledge(provider, ['Serverless-LambdaTracing'], 'deploymentOnly');
    acknowledge(provider, ['HIPAA.Security-LambdaInsideVPC'], 'noVpc');
  }
}
