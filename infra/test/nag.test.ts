/**
 * cdk-nag: the app synthesizes under the AwsSolutions, Serverless and HIPAA
 * Security packs with no finding left — every finding is fixed or acknowledged on
 * its own construct, by exact rule id, with a reason — and the wiring really
 * fails a synthesis that breaks a rule.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { applyNagPacks, buildApp, type CfnTemplate, type Stage } from '../src/index.ts';

interface Acknowledged {
  readonly id: string;
  readonly reason: string;
}

function synthWithNag(stage: Stage) {
  const { app, stack } = buildApp({ stage, bundle: false, nag: true });
  const assembly = app.synth(); // throws with the report when a finding is left
  const artifact = assembly.getStackArtifact(stack.artifactId);
  return { app, stack, artifact, template: artifact.template as CfnTemplate };
}

const acknowledgedIn = (template: CfnTemplate): Acknowledged[] =>
  Object.values(template.Resources).flatMap(
    (r) => (r.Metadata?.cdk_nag as { rules_to_suppress?: Acknowledged[] } | undefined)?.rules_to_suppress ?? [],
  );

/** The rules we accept rather than fix, by rule (the findings of IAM5/IAM4 are exact). */
const ACCEPTED_RULES = [
  'AwsSolutions-IAM5', // X-Ray / log delivery `*`; LambdaInvoke `<arn>:*`; SqsSendMessage kms:GenerateDataKey*; xray:PutEncryptionConfig
  'AwsSolutions-SMG4', // the digest key: rotating it is re-sealing the members table, a planned migration
  'AwsSolutions-SF1', // ERROR-level state machine logs: execution data is personal data
  'HIPAA.Security-SecretsManagerRotationEnabled', // the digest key, as AwsSolutions-SMG4
  'HIPAA.Security-IAMNoInlinePolicy', // CDK role DefaultPolicy, one role each
  'HIPAA.Security-LambdaConcurrency', // bounded upstream (consumers, API throttling)
  'HIPAA.Security-LambdaDLQ', // synchronous invocations only
  'HIPAA.Security-LambdaInsideVPC', // AWS APIs only, no private resources
  'Serverless-LambdaDLQ', // synchronous invocations only
  'Serverless-LambdaEventSourceMappingDestination', // SQS mappings take no destination: queue redrive
  'Serverless-LambdaTracing', // the X-Ray encryption provider runs at deployment only
  'Serverless-SQSRedrivePolicy', // dead-letter queues themselves
];

describe.each(['dev', 'prod'] as const)('%s under the nag packs', (stage) => {
  const { app, stack, artifact, template } = synthWithNag(stage);

  it('synthesizes with no unacknowledged finding and no warning or error annotation', () => {
    const messages = artifact.messages.filter((m) => m.level === 'warning' || m.level === 'error');
    expect(messages.map((m) => `${m.level} ${m.id}: ${String(m.entry.data)}`)).toEqual([]);
  });

  it('acknowledges each finding by exact rule id, with a reason', () => {
    const acknowledged = acknowledgedIn(template);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const a of acknowledged) {
      expect(a.id).toMatch(/^(AwsSolutions|Serverless|HIPAA\.Security)-[A-Za-z0-9]+(\[[^\]]+\])?$/u);
      expect(a.reason.length, a.id).toBeGreaterThanOrEqual(80);
    }
    const rules = new Set(acknowledged.map((a) => a.id.replace(/\[.*$/u, '')));
    const expected = [...ACCEPTED_RULES, ...(stage === 'dev' ? ['HIPAA.Security-DynamoDBInBackupPlan'] : ['AwsSolutions-IAM4'])];
    expect([...rules].sort()).toEqual(expected.sort());
  });

  it('acknowledges only on resources: nothing on the app or the stack', () => {
    const key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
    for (const scope of [app, stack]) expect(scope.node.metadata.filter((m) => m.type === key)).toEqual([]);
  });

  it('acknowledges IAM5 wildcards finding by finding, never the whole rule', () => {
    const iam5 = acknowledgedIn(template).filter((a) => a.id.startsWith('AwsSolutions-IAM5'));
    for (const a of iam5) expect(a.id).toMatch(/^AwsSolutions-IAM5\[(Resource|Action)::.+\]$/u);
  });
});

describe('nag wiring', () => {
  it('fails the synthesis of a stack that breaks a rule', () => {
    // Prepare: a throwaway app with the same packs and a queue with no encryption, no SSL policy, no DLQ.
    const app = new App();
    const stack = new Stack(app, 'Throwaway');
    new sqs.Queue(stack, 'Careless', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    applyNagPacks(app);
    // Act / Assess
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4[\s\S]*Throwaway\/Careless/u);
  });

  it('an acknowledgement silences exactly the acknowledged rule', () => {
    const app = new App();
    const stack = new Stack(app, 'Throwaway');
    const queue = new sqs.Queue(stack, 'Careless', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true });
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'a test queue without a dead-letter queue' });
    applyNagPacks(app);
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toMatch(/AwsSolutions-SQS3/u);
    expect(message).toMatch(/Serverless-SQSRedrivePolicy/u);
  });
});
