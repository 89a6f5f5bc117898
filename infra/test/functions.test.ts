/**
 * The Lambda functions: one per handler key (two queue consumers), Node.js 24 on
 * arm64 with active tracing and JSON logs to their own encrypted log group, and
 * exactly the environment each handler reads — table names only for the tables
 * it may use.
 */
import { describe, expect, it } from 'vitest';
import { HANDLER_KEYS, HANDLERS, type HandlerKey } from '../src/config/handlers.ts';
import { TABLE_ROLES, tableEnvVar } from '../src/config/tables.ts';
import { handlerFunctions, props, type Resource, refTarget, resourcesOfType, synth } from './support/synth.ts';

const { json } = await synth('dev');
const functions = handlerFunctions(json);
const tableIdByRole = Object.fromEntries(
  resourcesOfType(json, 'AWS::DynamoDB::Table').map(([id, t]) => [t.Metadata?.['medins:table'] as string, id]),
);
const env = (fn: Resource): Record<string, unknown> => props(fn).Environment?.Variables ?? {};
const byKey = (key: HandlerKey) => functions.filter(([, f]) => f.Metadata?.['medins:handler'] === key);
const metadataOf = (type: string, key: string) =>
  Object.fromEntries(resourcesOfType(json, type).map(([id, r]) => [r.Metadata?.[key] as string, id]));

describe('functions', () => {
  it('has one function per handler key, and two queue consumers', () => {
    const keys = functions.map(([, f]) => f.Metadata?.['medins:handler'] as string);
    const expected = [...HANDLER_KEYS, 'ingest/queue-consumer'];
    expect(keys.sort()).toEqual(expected.sort());
    expect(
      byKey('ingest/queue-consumer')
        .map(([, f]) => f.Metadata?.['medins:consumes'])
        .sort(),
    ).toEqual(['claims', 'enrollments']);
  });

  it.each(functions.map(([id, f]) => [id, f] as const))('%s: nodejs24.x on arm64, traced, sized and timed as its handler', (_id, fn) => {
    const p = props(fn);
    const spec = HANDLERS[fn.Metadata?.['medins:handler'] as HandlerKey];
    expect(p.Runtime).toBe('nodejs24.x');
    expect(p.Architectures).toEqual(['arm64']);
    expect(p.Handler).toBe('index.handler');
    expect(p.TracingConfig).toEqual({ Mode: 'Active' });
    expect(p.MemorySize).toBe(spec.memoryMb);
    expect(p.MemorySize).toBeGreaterThanOrEqual(256);
    expect(p.MemorySize).toBeLessThanOrEqual(512);
    expect(p.Timeout).toBe(spec.timeoutSeconds);
    expect(p.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'WARN' });
    expect(env(fn)).toMatchObject({
      POWERTOOLS_SERVICE_NAME: spec.service,
      POWERTOOLS_METRICS_NAMESPACE: 'Medins',
      LOG_LEVEL: 'DEBUG',
    });
  });

  it.each(functions.map(([id, f]) => [id, f] as const))('%s: logs to its own encrypted log group with a retention', (_id, fn) => {
    const logGroupId = refTarget(props(fn).LoggingConfig.LogGroup)!;
    const logGroup = props(json.Resources[logGroupId]!);
    expect(logGroup.RetentionInDays).toBe(7);
    expect(refTarget(logGroup.KmsKeyId)).toBe(resourcesOfType(json, 'AWS::KMS::Key')[0]![0]);
    const sharing = functions.filter(([, other]) => refTarget(props(other).LoggingConfig.LogGroup) === logGroupId);
    expect(sharing).toHaveLength(1);
  });

  it.each(functions.map(([id, f]) => [id, f] as const))('%s: a table name for each table it uses, and no other', (_id, fn) => {
    const spec = HANDLERS[fn.Metadata?.['medins:handler'] as HandlerKey];
    const variables = env(fn);
    const tableVars = Object.keys(variables).filter((k) => k.startsWith('MEDINS_TABLE_'));
    expect(tableVars.sort()).toEqual(
      Object.keys(spec.tables)
        .map((r) => tableEnvVar(r as never))
        .sort(),
    );
    for (const role of TABLE_ROLES) {
      const value = variables[tableEnvVar(role)];
      if (value !== undefined) expect(refTarget(value), role).toBe(tableIdByRole[role]);
    }
  });

  it('passes each function the ARNs and URLs it needs', () => {
    const queues = metadataOf('AWS::SQS::Queue', 'medins:queue');
    const workflows = metadataOf('AWS::StepFunctions::StateMachine', 'medins:workflow');
    const topics = metadataOf('AWS::SNS::Topic', 'medins:topic');
    const consumers = Object.fromEntries(byKey('ingest/queue-consumer').map(([, f]) => [f.Metadata?.['medins:consumes'], f]));

    const ids = (fn: Resource, names: string[]) => Object.fromEntries(names.map((n) => [n, refTarget(env(fn)[n])]));
    expect(ids(consumers.claims!, ['CLAIM_WORKFLOW_ARN', 'MEMBER_EVENT_WORKFLOW_ARN', 'DEAD_LETTER_QUEUE_URL'])).toEqual({
      CLAIM_WORKFLOW_ARN: workflows.ClaimWorkflow,
      MEMBER_EVENT_WORKFLOW_ARN: workflows.MemberEventWorkflow,
      DEAD_LETTER_QUEUE_URL: queues['claims-dlq'],
    });
    expect(ids(consumers.enrollments!, ['CLAIM_WORKFLOW_ARN', 'MEMBER_EVENT_WORKFLOW_ARN', 'DEAD_LETTER_QUEUE_URL'])).toEqual({
      CLAIM_WORKFLOW_ARN: undefined,
      MEMBER_EVENT_WORKFLOW_ARN: workflows.MemberEventWorkflow,
      DEAD_LETTER_QUEUE_URL: queues['enrollments-dlq'],
    });
    expect(ids(byKey('api/http')[0]![1], ['CLAIMS_QUEUE_URL', 'ENROLLMENTS_QUEUE_URL'])).toEqual({
      CLAIMS_QUEUE_URL: queues.claims,
      ENROLLMENTS_QUEUE_URL: queues.enrollments,
    });
    for (const key of ['events/notify', 'renewal/renew-policy-page'] as const) {
      expect(refTarget(env(byKey(key)[0]![1]).NOTIFICATION_TOPIC_ARN), key).toBe(topics.notifications);
    }
    expect(env(byKey('renewal/list-policy-page')[0]![1]).POLICY_PAGE_SIZE).toBe('500');
  });

  it('gives the API function the credential keys as a deploy-time parameter, and no other function', () => {
    // Prepare
    const parameters = (json as { Parameters?: Record<string, { Type?: string; Default?: unknown }> }).Parameters ?? {};
    // Assess
    expect(parameters.CredentialPublicKeys).toMatchObject({ Type: 'String', Default: '' });
    expect(env(byKey('api/http')[0]![1]).MEDINS_CREDENTIAL_KEYS).toEqual({ Ref: 'CredentialPublicKeys' });
    const others = functions.filter(([, f]) => f.Metadata?.['medins:handler'] !== 'api/http');
    expect(others.filter(([, f]) => 'MEDINS_CREDENTIAL_KEYS' in env(f)).map(([id]) => id)).toEqual([]);
  });

  it('reserves concurrency for the queue consumers only (NotifyMembers runs within their executions)', () => {
    const reserved = functions
      .filter(([, f]) => props(f).ReservedConcurrentExecutions !== undefined)
      .map(([, f]) => `${f.Metadata?.['medins:handler']}${f.Metadata?.['medins:consumes'] ? `:${f.Metadata['medins:consumes']}` : ''}`);
    expect(reserved.sort()).toEqual(['ingest/queue-consumer:claims', 'ingest/queue-consumer:enrollments']);
  });
});
