/**
 * infra → nag: the findings of the nag packs we accept rather than fix. Each is
 * acknowledged on the construct it concerns (never on the stack or the app), by
 * its exact rule id — for IAM5, the exact finding — with the reason below. The
 * constructs call `acknowledge` next to the code that causes the finding.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Why each accepted finding is acceptable here. */
const REASONS = {
  xrayWildcard:
    'X-Ray PutTraceSegments/PutTelemetryRecords (Tracing.ACTIVE) support no resource-level permissions; ' +
    'the stream consumer adds dynamodb:ListStreams, which has none either. infra/test/iam.test.ts pins every * statement.',
  xrayConfiguration:
    'xray:PutEncryptionConfig (the account and region X-Ray encryption setting) supports no resource-level permissions; ' +
    'the statement allows that one action, and the key statements of the same policy name the stack key.',
  deploymentOnly:
    'The custom resource provider runs only when CloudFormation creates, updates or deletes the X-Ray encryption setting; ' +
    'a failure fails the deployment and rolls it back, reported in the stack events: no message to dead-letter, no load to ' +
    'bound or trace.',
  inlinePolicy:
    'CDK grants go to the role DefaultPolicy: attached to exactly one role, dedicated to one function or state machine, ' +
    'created and deleted with it. A customer-managed policy would add an object with the same lifetime and no reuse.',
  syncInvocation:
    'Invoked synchronously only (Step Functions, API Gateway, event source mappings): a Lambda DLQ applies to ' +
    'asynchronous invocations. Failures surface to the caller: workflow Catch → dead-letter queue, SQS redrive, stream on-failure queue.',
  noVpc:
    'The function reaches only AWS APIs (DynamoDB, SQS, SNS, Step Functions, X-Ray) over TLS with SigV4 and has no private ' +
    'network resource to reach; a VPC would add NAT or eight interface endpoints per AZ and no protection for this traffic.',
  boundedUpstream:
    'Concurrency is bounded upstream: workflow steps by the queue consumers (reserved concurrency × batch size) and the ' +
    'Express timeout, the API by stage throttling, renewal by one campaign at a time. Reserving per step would split the ' +
    'account pool into a dozen fixed slices and throttle claims during month-end bursts.',
  sqsNoDestination:
    'SQS event source mappings take no on-failure destination; a message that keeps failing moves to the queue own ' +
    'dead-letter queue after maxReceiveCount (5) receives.',
  isDeadLetterQueue:
    'This queue is itself a dead-letter queue (a redrive target or the stream on-failure destination); giving it a ' +
    'dead-letter queue would only move failed messages one step further from the alarm that watches this one.',
  stateMachineLogs:
    'Execution inputs and outputs carry personal health and financial data: logs are kept at ERROR level without ' +
    'execution data; X-Ray traces and the Step Functions metrics cover the rest.',
  stateMachineWildcard:
    'CloudWatch Logs vended delivery (logs:*LogDelivery, PutResourcePolicy, Describe*) and X-Ray take no resource-level ' +
    'permissions; both are required for state machine logging and tracing.',
  lambdaVersions:
    'LambdaInvoke grants the function ARN and its qualified ARNs (versions, aliases) as `<arn>:*`: the function is one ' +
    'named function of this stack.',
  sqsTaskKey:
    'SqsSendMessage grants kms:GenerateDataKey* on the one stack key of the KMS-encrypted dead-letter queue: ' +
    'the wildcard covers GenerateDataKey and GenerateDataKeyWithoutPlaintext of that key only.',
  devNoBackup:
    'dev tables hold synthetic data only; point-in-time recovery (35 days) is their recovery. prod tables are in a daily AWS Backup plan.',
  digestKeyRotation:
    'The digest key cannot rotate on a schedule: every stored digest (members, events) is under it, so a new key means ' +
    're-sealing the members table from the source registry. Rotation is that planned migration (docs/decisions.md), not a Lambda rotator.',
  backupServiceRole:
    'AWSBackupServiceRolePolicyForBackup is the AWS-managed policy AWS Backup documents for its service role; it follows ' +
    'new resource types without our maintenance and is attached to the backup role only.',
} as const;

export type Reason = keyof typeof REASONS;

/**
 * Acknowledges findings on one construct (and its children).
 *
 * @example
 * acknowledge(queue, ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'], 'isDeadLetterQueue');
 */
export function acknowledge(scope: IConstruct, ruleIds: readonly string[], reason: Reason): void {
  for (const id of ruleIds) Validations.of(scope).acknowledge({ id, reason: REASONS[reason] });
}
