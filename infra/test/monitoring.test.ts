/**
 * What an operator finds after `cdk deploy`: the stack's outputs (the API's URL,
 * every queue's URL, the alarm topic, the dashboard, each table and the digest
 * key's secret — the names `npm run seed` reads), the stage's CloudWatch dashboard
 * over the API, the queues, the workflows, every function, every table and the
 * business metrics, and the saturation alarms (an ingestion queue's oldest
 * message, every table's and every function's throttles) to the alarm topic,
 * with the stage's thresholds.
 */
import { TABLE_ROLES } from '@medins/store/tables';
import { describe, expect, it } from 'vitest';
import { ALL_OUTPUT_KEYS, STACK_OUTPUTS, tableOutputKey } from '../src/config/outputs.ts';
import { handlerFunctions, props, referencedIds, refTarget, resourcesOfType, type Stage, synth } from './support/synth.ts';

const templates = { dev: (await synth('dev')).json, prod: (await synth('prod')).json };
type Template = (typeof templates)['dev'];

const metadataOf = (json: Template, id: string) => json.Resources[id]?.Metadata ?? {};
const alarmTopicOf = (json: Template) =>
  resourcesOfType(json, 'AWS::SNS::Topic').find(([, t]) => t.Metadata?.['medins:topic'] === 'alarms')![0];
const byMetadata = (json: Template, key: string) =>
  Object.fromEntries(
    Object.entries(json.Resources)
      .filter(([, r]) => r.Metadata?.[key] !== undefined)
      .map(([id, r]) => [String(r.Metadata?.[key]), id]),
  );

describe.each(['dev', 'prod'] as const)('%s: outputs', (stage: Stage) => {
  const json = templates[stage];
  const outputs = json.Outputs as Record<string, { Value: unknown; Description?: string }>;

  it('declares exactly the outputs of config/outputs.ts, each described', () => {
    expect(Object.keys(outputs).sort()).toEqual([...ALL_OUTPUT_KEYS].sort());
    for (const [key, o] of Object.entries(outputs)) expect(o.Description?.length, key).toBeGreaterThan(10);
  });

  it('names the API’s $default URL in the stack’s partition, each queue’s URL, the alarm topic, the dashboard and the digest key', () => {
    const api = resourcesOfType(json, 'AWS::ApiGatewayV2::Api')[0]![0];
    const url = outputs[STACK_OUTPUTS.apiUrl]!.Value as { 'Fn::Join': [string, unknown[]] };
    expect(url['Fn::Join'][1]).toEqual(['https://', { Ref: api }, '.execute-api.cn-northwest-1.', { Ref: 'AWS::URLSuffix' }, '/']);
    const queues = byMetadata(json, 'medins:queue');
    expect(refTarget(outputs[STACK_OUTPUTS.claimsQueueUrl]!.Value)).toBe(queues.claims);
    expect(refTarget(outputs[STACK_OUTPUTS.enrollmentsQueueUrl]!.Value)).toBe(queues.enrollments);
    expect(refTarget(outputs[STACK_OUTPUTS.claimsDeadLetterQueueUrl]!.Value)).toBe(queues['claims-dlq']);
    expect(refTarget(outputs[STACK_OUTPUTS.enrollmentsDeadLetterQueueUrl]!.Value)).toBe(queues['enrollments-dlq']);
    expect(refTarget(outputs[STACK_OUTPUTS.alarmTopicArn]!.Value)).toBe(alarmTopicOf(json));
    expect(outputs[STACK_OUTPUTS.dashboardName]!.Value).toBe(`Medins-${stage}`);
    const [[secret]] = resourcesOfType(json, 'AWS::SecretsManager::Secret') as [[string, never]];
    expect(refTarget(outputs[STACK_OUTPUTS.digestKeySecretArn]!.Value)).toBe(secret);
    // The secret the output names is the one the API function seals with.
    const apiFunction = handlerFunctions(json).find(([, f]) => f.Metadata?.['medins:handler'] === 'api/http')![1];
    expect(refTarget(props(apiFunction).Environment.Variables.MEDINS_DIGEST_KEY_SECRET_ARN)).toBe(secret);
  });

  it('names every table by its role', () => {
    const tables = byMetadata(json, 'medins:table');
    for (const role of TABLE_ROLES) expect(refTarget(outputs[tableOutputKey(role)]!.Value), role).toBe(tables[role]);
  });
});

describe.each([
  ['dev', { age: 1800, throttles: 5 }],
  ['prod', { age: 900, throttles: 0 }],
] as const)('%s: saturation alarms', (stage, thresholds) => {
  const json = templates[stage];
  /** Each alarm with the resources its metrics name (queues, tables, functions by their metadata). */
  const alarms = resourcesOfType(json, 'AWS::CloudWatch::Alarm').map(([id, a]) => {
    const p = props(a);
    const metric = (p.Metrics as { MetricStat?: { Metric: { MetricName: string; Namespace: string } } }[] | undefined)?.find(
      (m) => m.MetricStat,
    )?.MetricStat?.Metric;
    return {
      id,
      metric: metric ? `${metric.Namespace}/${metric.MetricName}` : `${p.Namespace}/${p.MetricName}`,
      targets: [...referencedIds(p.Metrics ?? p.Dimensions)],
      threshold: p.Threshold as number,
      comparison: p.ComparisonOperator as string,
      actions: (p.AlarmActions as unknown[]).map(refTarget),
      enabled: p.ActionsEnabled !== false,
    };
  });
  const watching = (metric: string) => alarms.filter((a) => a.metric === metric);

  it('every alarm of the stack notifies the alarm topic', () => {
    // Per function, table and ingestion queue, plus dead letters and failed executions (each kind checked below).
    expect(alarms.length).toBeGreaterThan(35);
    for (const a of alarms) {
      expect(a.actions, a.id).toEqual([alarmTopicOf(json)]);
      expect(a.enabled, a.id).toBe(true);
      expect(a.comparison, a.id).toBe('GreaterThanThreshold');
    }
  });

  it('the ingestion queues alarm on the age of their oldest message', () => {
    const queues = byMetadata(json, 'medins:queue');
    const age = watching('AWS/SQS/ApproximateAgeOfOldestMessage');
    expect(age.map((a) => a.targets).sort()).toEqual([[queues.claims], [queues.enrollments]].sort());
    for (const a of age) expect(a.threshold, a.id).toBe(thresholds.age);
  });

  it('every table alarms on throttled reads and throttled writes', () => {
    const tables = Object.values(byMetadata(json, 'medins:table')).sort();
    expect(tables).toHaveLength(TABLE_ROLES.length);
    for (const metric of ['AWS/DynamoDB/ReadThrottleEvents', 'AWS/DynamoDB/WriteThrottleEvents']) {
      const found = watching(metric);
      expect(found.flatMap((a) => a.targets).sort(), metric).toEqual(tables);
      for (const a of found) expect(a.threshold, a.id).toBe(thresholds.throttles);
    }
  });

  it('every handler function (both queue consumers too) alarms on throttles', () => {
    const functions = handlerFunctions(json).map(([id]) => id);
    expect(functions.filter((id) => metadataOf(json, id)['medins:consumes'] !== undefined)).toHaveLength(2);
    const found = watching('AWS/Lambda/Throttles');
    expect(found.flatMap((a) => a.targets).sort()).toEqual(functions.sort());
    for (const a of found) expect(a.threshold, a.id).toBe(thresholds.throttles);
  });
});

describe.each(['dev', 'prod'] as const)('%s: dashboard', (stage: Stage) => {
  const json = templates[stage];
  const dashboards = resourcesOfType(json, 'AWS::CloudWatch::Dashboard');
  const body = props(dashboards[0]![1]).DashboardBody;
  /** The body's text with the intrinsics' strings joined: `"EventApplied"` as CloudWatch will read it. */
  const text = (body['Fn::Join'][1] as unknown[]).filter((part): part is string => typeof part === 'string').join('');
  const has = (s: string) => text.includes(s);
  const shown = referencedIds(body);

  it('is one dashboard named after the stage', () => {
    expect(dashboards).toHaveLength(1);
    expect(props(dashboards[0]![1]).DashboardName).toBe(`Medins-${stage}`);
  });

  it('graphs the API, every queue (and its age), every workflow, every function and every table', () => {
    const api = resourcesOfType(json, 'AWS::ApiGatewayV2::Api')[0]![0];
    const expected = [
      api,
      ...Object.values(byMetadata(json, 'medins:queue')),
      ...Object.values(byMetadata(json, 'medins:workflow')),
      ...handlerFunctions(json).map(([id]) => id),
      ...Object.values(byMetadata(json, 'medins:table')),
    ];
    // The API, 4 queues (2 ingestion, 2 dead-letter), 3 workflows, 16 handler functions, every table.
    expect(expected.length).toBeGreaterThanOrEqual(1 + 4 + 3 + 16 + TABLE_ROLES.length);
    for (const id of expected) expect(shown, id).toContain(id);
    for (const metric of ['ApproximateAgeOfOldestMessage', 'ExecutionsFailed', 'Throttles', 'ReadThrottleEvents', 'WriteThrottleEvents'])
      expect(has(`"${metric}"`), metric).toBe(true);
  });

  it('graphs the business metrics the handlers emit, rejections by reason', () => {
    for (const metric of ['EventApplied', 'DuplicateEvent', 'EventDeadLettered', 'WorkflowFailed', 'PoliciesRenewed', 'RenewalsFailed'])
      expect(has(`["Medins","${metric}","service",`), metric).toBe(true);
    expect(has(`MetricName=~\\"^ClaimRejected_\\"`)).toBe(true);
  });

  it('links to no console the China partition does not serve', () => {
    expect(has('console.aws.amazon.com')).toBe(false);
  });
});
