/**
 * What operations rely on: the IAM-authorized HTTP API with access logs and
 * throttling (and a catch-all per path, so a wrong method reaches the function's
 * 405), alarms on every dead-letter queue and every workflow, encrypted topics,
 * and a retention on every log group — with the stage's thresholds. The dashboard,
 * the saturation alarms and the outputs: monitoring.test.ts.
 */
import { API_ROUTES, routeKeyOf } from '@medins/functions/api/routes';
import { describe, expect, it } from 'vitest';
import { props, referencedIds, refTarget, resourcesOfType, synth } from './support/synth.ts';

const dev = await synth('dev');
const prod = await synth('prod');

describe('HTTP API', () => {
  const { json } = dev;

  it('serves the contract’s routes: service routes behind IAM, member routes behind the stage’s JWT authorizer, all on api/http', () => {
    const routes = resourcesOfType(json, 'AWS::ApiGatewayV2::Route').map(([, r]) => props(r));
    const service = ['POST /claims', 'POST /quotes', 'POST /reversals', 'GET /events/{eventId}', 'GET /members/{memberId}/balances'];
    service.push('GET /members/{memberId}/accumulators/{year}', 'GET /members/{memberId}/policies', 'GET /claims/{claimId}/eob');
    service.push('GET /claims/{claimId}/fhir');
    service.push('POST /hsa');
    service.push('POST /reviews');
    const member = ['POST /enrollments', 'POST /bindings', 'GET /me/events/{eventId}', 'GET /me/balances'];
    member.push('GET /me/accumulators/{year}', 'GET /me/policies');
    service.push('GET /claims/{claimId}/explanation');
    member.push('GET /me/claims/{claimId}/explanation');
    // Each path also answers every other method (ANY), behind the same authorizer: the function's 405.
    const catchAll = (keys: string[]) => [...new Set(keys.map((k) => `ANY ${k.split(' ')[1]}`))];
    const memberKeys = [...member, ...catchAll(member)];
    const keys = [...service, ...catchAll(service), ...memberKeys];
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(keys.sort());
    expect(
      routes
        .filter((r) => !String(r.RouteKey).startsWith('ANY '))
        .map((r) => r.RouteKey)
        .sort(),
    ).toEqual(API_ROUTES.map(routeKeyOf).sort());
    for (const r of routes) {
      expect(r.AuthorizationType, String(r.RouteKey)).toBe(memberKeys.includes(String(r.RouteKey)) ? 'JWT' : 'AWS_IAM');
    }
    const [[authorizerId, authorizer]] = resourcesOfType(json, 'AWS::ApiGatewayV2::Authorizer') as [[string, never]];
    expect(props(authorizer)).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://login.dev.medins.example', Audience: ['medins-api'] },
    });
    for (const r of routes.filter((x) => memberKeys.includes(String(x.RouteKey))))
      expect(referencedIds(r.AuthorizerId)).toContain(authorizerId);
    const prodAuthorizer = resourcesOfType(prod.json, 'AWS::ApiGatewayV2::Authorizer')[0]![1];
    expect(props(prodAuthorizer)).toMatchObject({ JwtConfiguration: { Issuer: 'https://login.medins.example' } });
    // One integration: every route, the catch-alls too, goes to api/http.
    expect(resourcesOfType(json, 'AWS::ApiGatewayV2::Integration')).toHaveLength(1);
    const [[, integration]] = resourcesOfType(json, 'AWS::ApiGatewayV2::Integration') as [[string, never]];
    const [fnId] = [...referencedIds(props(integration).IntegrationUri)];
    expect(json.Resources[fnId!]!.Metadata?.['medins:handler']).toBe('api/http');
  });

  it('logs every request as a JSON line to an encrypted log group, and throttles', () => {
    const [[, stage]] = resourcesOfType(json, 'AWS::ApiGatewayV2::Stage') as [[string, never]];
    const p = props(stage);
    expect(p.StageName).toBe('$default');
    expect(p.AutoDeploy).toBe(true);
    expect(p.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    const format = JSON.parse(p.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', caller: '$context.identity.userArn', status: '$context.status' });
    const logGroup = json.Resources[[...referencedIds(p.AccessLogSettings.DestinationArn)][0]!]!;
    expect(props(logGroup).KmsKeyId).toBeDefined();
    const prodStage = resourcesOfType(prod.json, 'AWS::ApiGatewayV2::Stage')[0]![1];
    expect(props(prodStage).DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 });
  });
});

describe('alarms', () => {
  /** The alarms of the `Alarms` construct: dead letters and failed executions (one metric, a dimension naming its target). */
  const alarmTargets = (json: typeof dev.json) =>
    resourcesOfType(json, 'AWS::CloudWatch::Alarm')
      .filter(([id]) => id.startsWith('Alarms'))
      .map(([, a]) => {
        const p = props(a);
        const dimension = (p.Dimensions as { Name: string; Value: unknown }[])[0]!;
        const target = json.Resources[[...referencedIds(dimension.Value)][0]!]!;
        return {
          metric: `${p.Namespace}/${p.MetricName}`,
          target: (target.Metadata?.['medins:queue'] ?? target.Metadata?.['medins:workflow']) as string,
          threshold: p.Threshold as number,
          comparison: p.ComparisonOperator as string,
          actions: (p.AlarmActions as unknown[]).map(refTarget),
        };
      });

  it('alarm on every dead-letter queue and every workflow’s failed executions, to the alarm topic', () => {
    const alarms = alarmTargets(dev.json);
    expect(alarms.map((a) => `${a.metric} ${a.target}`).sort()).toEqual([
      'AWS/SQS/ApproximateNumberOfMessagesVisible claims-dlq',
      'AWS/SQS/ApproximateNumberOfMessagesVisible enrollments-dlq',
      'AWS/States/ExecutionsFailed ClaimWorkflow',
      'AWS/States/ExecutionsFailed MemberEventWorkflow',
      'AWS/States/ExecutionsFailed RenewalWorkflow',
      'AWS/States/ExecutionsFailed ReviewWorkflow',
    ]);
    const alarmTopic = resourcesOfType(dev.json, 'AWS::SNS::Topic').find(([, t]) => t.Metadata?.['medins:topic'] === 'alarms')![0];
    for (const a of alarms) {
      expect(a.comparison).toBe('GreaterThanThreshold');
      expect(a.actions).toEqual([alarmTopic]);
    }
  });

  it('prod alarms on the first message or failure; dev tolerates a few', () => {
    for (const a of alarmTargets(prod.json)) expect(a.threshold, a.target).toBe(0);
    for (const a of alarmTargets(dev.json)) expect(a.threshold, a.target).toBe(5);
  });
});

describe('encryption and retention', () => {
  it.each([
    ['dev', 7],
    ['prod', 180],
  ] as const)('%s: every log group is encrypted with the stack key and kept %i days', async (stage, days) => {
    const { json } = await synth(stage);
    const [[keyId]] = resourcesOfType(json, 'AWS::KMS::Key') as [[string, never]];
    const groups = resourcesOfType(json, 'AWS::Logs::LogGroup');
    // 16 functions, 4 state machines, the API access logs, the X-Ray encryption provider.
    expect(groups).toHaveLength(22);
    for (const [id, g] of groups) {
      expect(props(g).RetentionInDays, id).toBe(days);
      expect(refTarget(props(g).KmsKeyId), id).toBe(keyId);
    }
  });

  it('both topics are encrypted with the stack key and refuse plain HTTP', () => {
    const { json } = dev;
    const [[keyId]] = resourcesOfType(json, 'AWS::KMS::Key') as [[string, never]];
    const topics = resourcesOfType(json, 'AWS::SNS::Topic');
    expect(topics.map(([, t]) => t.Metadata?.['medins:topic']).sort()).toEqual(['alarms', 'notifications']);
    const policies = resourcesOfType(json, 'AWS::SNS::TopicPolicy');
    for (const [id, t] of topics) {
      expect(refTarget(props(t).KmsMasterKeyId), id).toBe(keyId);
      const policy = policies.find(([, p]) => (props(p).Topics as unknown[]).some((x) => refTarget(x) === id));
      expect(JSON.stringify(props(policy![1]).PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('prod reserves more concurrency for consumers than dev', () => {
    const reserved = (json: typeof dev.json) =>
      resourcesOfType(json, 'AWS::Lambda::Function')
        .filter(([, f]) => f.Metadata?.['medins:consumes'] === 'claims')
        .map(([, f]) => props(f).ReservedConcurrentExecutions as number)[0]!;
    expect(reserved(prod.json)).toBeGreaterThan(reserved(dev.json));
  });
});
