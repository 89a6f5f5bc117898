/**
 * The ingestion queues and their consumers: dead-letter queues after five
 * receives, the stack key, TLS only, a visibility timeout six times the consumer's
 * timeout, and event sources that report partial batch failures.
 */
import { describe, expect, it } from 'vitest';
import { props, type Resource, refTarget, resourcesOfType, synth } from './support/synth.ts';

const { json } = await synth('dev');
const queues = resourcesOfType(json, 'AWS::SQS::Queue');
const queueId = (role: string) => {
  const found = queues.filter(([, q]) => q.Metadata?.['medins:queue'] === role);
  expect(found, role).toHaveLength(1);
  return found[0]![0];
};
const consumer = (queueRole: string): [string, Resource] => {
  const found = resourcesOfType(json, 'AWS::Lambda::Function').filter(([, f]) => f.Metadata?.['medins:consumes'] === queueRole);
  expect(found, queueRole).toHaveLength(1);
  return found[0]!;
};

describe('queues', () => {
  it('has the two ingestion queues and their two dead-letter queues', () => {
    expect(queues.map(([, q]) => q.Metadata?.['medins:queue']).sort()).toEqual(['claims', 'claims-dlq', 'enrollments', 'enrollments-dlq']);
  });

  it.each([
    ['claims', 'claims-dlq'],
    ['enrollments', 'enrollments-dlq'],
  ])('%s moves a message to %s after 5 receives', (role, dlqRole) => {
    const queue = json.Resources[queueId(role)]!;
    expect(props(queue).RedrivePolicy.maxReceiveCount).toBe(5);
    expect(refTarget(props(queue).RedrivePolicy.deadLetterTargetArn)).toBe(queueId(dlqRole));
  });

  it('every queue takes messages of at most 256 KiB, the bound of the workflow state that carries them', () => {
    for (const [id, queue] of queues) expect(props(queue).MaximumMessageSize, id).toBe(256 * 1024);
  });

  it('every queue is encrypted with the stack key and refuses plain HTTP', () => {
    const [[keyId]] = resourcesOfType(json, 'AWS::KMS::Key') as [[string, Resource]];
    const policies = resourcesOfType(json, 'AWS::SQS::QueuePolicy');
    for (const [id, queue] of queues) {
      expect(refTarget(props(queue).KmsMasterKeyId), id).toBe(keyId);
      const policy = policies.find(([, p]) => (props(p).Queues as unknown[]).some((q) => refTarget(q) === id));
      expect(policy, id).toBeDefined();
      expect(props(policy![1]).PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'sqs:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it.each(['claims', 'enrollments'])('%s: visibility timeout is at least six times its consumer’s timeout', (role) => {
    const [, fn] = consumer(role);
    expect(props(json.Resources[queueId(role)]!).VisibilityTimeout).toBeGreaterThanOrEqual(6 * props(fn).Timeout);
  });

  it.each(['claims', 'enrollments'])(
    '%s: the consumer reports partial batch failures, with a modest batch and capped concurrency',
    (role) => {
      const [fnId, fn] = consumer(role);
      const mappings = resourcesOfType(json, 'AWS::Lambda::EventSourceMapping').filter(
        ([, m]) => refTarget(props(m).FunctionName) === fnId,
      );
      expect(mappings).toHaveLength(1);
      const mapping = props(mappings[0]![1]);
      expect(refTarget(mapping.EventSourceArn)).toBe(queueId(role));
      expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(mapping.BatchSize).toBeLessThanOrEqual(10);
      const max = mapping.ScalingConfig.MaximumConcurrency as number;
      expect(max).toBeGreaterThanOrEqual(2);
      // The consumer's reserved concurrency is its ceiling: the mapping never asks for more.
      expect(props(fn).ReservedConcurrentExecutions).toBeGreaterThanOrEqual(max);
    },
  );

  it('no stream feeds a function: notifications are published by the workflows’ step, at least once', () => {
    expect(resourcesOfType(json, 'AWS::Lambda::EventSourceMapping').map(([, m]) => refTarget(props(m).EventSourceArn))).not.toContain(
      undefined,
    );
    for (const [, m] of resourcesOfType(json, 'AWS::Lambda::EventSourceMapping'))
      expect(JSON.stringify(props(m).EventSourceArn)).not.toContain('StreamArn');
  });
});
