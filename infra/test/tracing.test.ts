/**
 * Traces carry no personal data and are encrypted with the stack's key: every
 * function tells Powertools never to capture a response or an error, and a
 * custom resource points X-Ray's encryption at the stack key (CloudFormation has
 * no resource for it), with a role that may do that and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { asList, handlerFunctions, props, refTarget, resourcesOfType, roleOf, statementsOfRole, synth } from './support/synth.ts';

const dev = await synth('dev');
const prod = await synth('prod');

/** A custom resource's call document, with every `Fn::GetAtt` written as `<id>.<attribute>`. */
function callOf(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') return JSON.parse(value) as Record<string, unknown>;
  const [separator, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  const text = parts.map((p) => (typeof p === 'string' ? p : (p as { 'Fn::GetAtt': string[] })['Fn::GetAtt'].join('.'))).join(separator);
  return JSON.parse(text) as Record<string, unknown>;
}

describe.each([
  ['dev', dev],
  ['prod', prod],
] as const)('%s tracing', (_stage, { json }) => {
  const [[keyId]] = resourcesOfType(json, 'AWS::KMS::Key') as [[string, never]];

  it('every function captures neither responses nor errors in its traces', () => {
    const functions = handlerFunctions(json);
    expect(functions.length).toBeGreaterThanOrEqual(16);
    for (const [id, fn] of functions) {
      expect(props(fn).Environment?.Variables, id).toMatchObject({
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
      });
    }
  });

  it('X-Ray encrypts with the stack key from creation on, and returns to its default encryption on delete', () => {
    const resources = resourcesOfType(json, 'Custom::XRayEncryptionConfig');
    expect(resources).toHaveLength(1);
    const p = props(resources[0]![1]);
    for (const call of [callOf(p.Create), callOf(p.Update)]) {
      expect(call).toMatchObject({ service: 'XRay', action: 'PutEncryptionConfig', parameters: { Type: 'KMS', KeyId: `${keyId}.Arn` } });
      expect(call.logApiResponseData).toBe(false);
    }
    expect(callOf(p.Delete)).toMatchObject({ service: 'XRay', action: 'PutEncryptionConfig', parameters: { Type: 'NONE' } });
  });

  it('the provider may set the encryption, describe the stack key and let X-Ray take a grant on it, and write its own log', () => {
    const [[, resource]] = resourcesOfType(json, 'Custom::XRayEncryptionConfig') as [[string, never]];
    const providerId = refTarget(props(resource).ServiceToken)!;
    const provider = json.Resources[providerId]!;
    expect(provider.Type).toBe('AWS::Lambda::Function');
    const logGroupId = refTarget(props(provider).LoggingConfig.LogGroup)!;
    const grants = statementsOfRole(json, roleOf(json, providerId)).map((s) => ({
      actions: asList(s.Action),
      resources: asList(s.Resource).map((r) => (r === '*' ? '*' : refTarget(r))),
      condition: s.Condition,
    }));
    expect(grants).toEqual(
      expect.arrayContaining([
        { actions: ['xray:PutEncryptionConfig'], resources: ['*'], condition: undefined },
        { actions: ['kms:DescribeKey'], resources: [keyId], condition: undefined },
        { actions: ['kms:CreateGrant'], resources: [keyId], condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
        { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroupId], condition: undefined },
      ]),
    );
    expect(grants).toHaveLength(4);
    expect(props(json.Resources[roleOf(json, providerId)]!).ManagedPolicyArns).toBeUndefined();
    expect(refTarget(props(json.Resources[logGroupId]!).KmsKeyId)).toBe(keyId);
  });

  it('every function of the stack is a handler’s, but the provider', () => {
    const [[, resource]] = resourcesOfType(json, 'Custom::XRayEncryptionConfig') as [[string, never]];
    const others = resourcesOfType(json, 'AWS::Lambda::Function').filter(([, f]) => f.Metadata?.['medins:handler'] === undefined);
    expect(others.map(([id]) => id)).toEqual([refTarget(props(resource).ServiceToken)]);
  });
});
