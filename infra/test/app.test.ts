/**
 * Building the app offline: stage, account and region from context with the
 * offline defaults, bundling switched off for fast synthesis, and the template
 * read through the local stack's resolver of intrinsics.
 */

import { resolveString } from '@medins/local-stack';
import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildApp, type CfnTemplate } from '../src/index.ts';
import { offlineContext, resourcesWithMetadata } from './support/template.ts';

describe('buildApp', () => {
  it('defaults to dev in account 000000000000, region cn-northwest-1', () => {
    const { stack } = buildApp({ bundle: false, nag: false });
    expect(stack.stackName).toBe('Medins-dev');
    expect(stack.account).toBe('000000000000');
    expect(stack.region).toBe('cn-northwest-1');
    expect(stack.terminationProtection).toBe(false);
  });

  it('takes stage, account and region from context, as `-c key=value` gives them', () => {
    const { stack } = buildApp({
      bundle: false,
      nag: false,
      context: { stage: 'prod', account: '123456789012', region: 'cn-north-1' },
    });
    expect(stack.stackName).toBe('Medins-prod');
    expect([stack.account, stack.region]).toEqual(['123456789012', 'cn-north-1']);
    expect(stack.terminationProtection).toBe(true);
  });

  it('takes the members’ identity provider from context over the stage’s, as a deployer sets it', () => {
    const authorizerOf = (context: Record<string, string>) => {
      const { app, stack } = buildApp({ bundle: false, nag: false, context: { stage: 'prod', ...context } });
      const template = app.synth().getStackArtifact(stack.artifactId).template as CfnTemplate;
      const authorizers = Object.values(template.Resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Authorizer');
      expect(authorizers).toHaveLength(1);
      return (authorizers[0]!.Properties as { JwtConfiguration: unknown }).JwtConfiguration;
    };

    expect(authorizerOf({})).toEqual({ Issuer: 'https://login.medins.example', Audience: ['medins-api'] });
    expect(
      authorizerOf({ memberIssuer: 'https://cognito-idp.cn-northwest-1.amazonaws.com.cn/pool-1', memberAudience: 'app-1, app-2' }),
    ).toEqual({ Issuer: 'https://cognito-idp.cn-northwest-1.amazonaws.com.cn/pool-1', Audience: ['app-1', 'app-2'] });
  });

  it('an explicit stage wins over the context; an unknown stage is refused', () => {
    expect(buildApp({ stage: 'dev', bundle: false, nag: false, context: { stage: 'prod' } }).stack.stackName).toBe('Medins-dev');
    expect(() => buildApp({ bundle: false, nag: false, context: { stage: 'staging' } })).toThrow(/stage must be one of dev, prod/u);
  });

  it('bundle: false switches esbuild off for the stack; by default the CDK decides, as `cdk synth` does', () => {
    const { app, stack } = buildApp({ bundle: false, nag: false });
    expect(app.node.tryGetContext('aws:cdk:bundling-stacks')).toEqual([]);
    expect(stack.bundlingRequired).toBe(false);
    // (Building with bundling runs esbuild at construction: bundling.test.ts covers it.)
  });

  it('keeps the partition a token (cdk.json turns partition literals off)', () => {
    const { stack } = buildApp({ bundle: false, nag: false });
    expect(stack.resolve(Stack.of(stack).partition)).toEqual({ Ref: 'AWS::Partition' });
  });
});

describe('template reader', () => {
  const template: CfnTemplate = {
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Metadata: { 'medins:handler': 'events/decide' } },
      Dlq: { Type: 'AWS::SQS::Queue', Metadata: { 'medins:queue': 'claims-dlq' } },
    },
  };

  it('renders Fn::Join, Ref, Fn::GetAtt and pseudo parameters into concrete strings', () => {
    const definition = {
      'Fn::Join': [
        '',
        ['{"Resource":"', { 'Fn::GetAtt': ['Fn', 'Arn'] }, '","QueueUrl":"', { Ref: 'Dlq' }, '","P":"', { Ref: 'AWS::Partition' }, '"}'],
      ],
    };
    expect(JSON.parse(resolveString(definition, offlineContext(template), 'Definition'))).toEqual({
      Resource: 'arn:aws-cn:lambda:cn-northwest-1:000000000000:function:Fn',
      QueueUrl: 'https://sqs.cn-northwest-1.amazonaws.com.cn/000000000000/Dlq',
      P: 'aws-cn',
    });
  });

  it('finds resources by their medins metadata', () => {
    expect(resourcesWithMetadata(template, 'medins:handler', 'events/decide')).toEqual(['Fn']);
    expect(resourcesWithMetadata(template, 'medins:queue')).toEqual(['Dlq']);
  });
});
