/**
 * Reading the roles the CDK app gives its resources (`medins:table`,
 * `medins:queue`, `medins:workflow` metadata), so the local stack finds the
 * claims queue or the events table by what it is, not by a generated name.
 */
import type { CfnTemplate } from '@medins/local-stack';

export function logicalIdsByMetadata(template: CfnTemplate, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const role = resource.Metadata?.[key];
    if (typeof role === 'string') out[role] = logicalId;
  }
  return out;
}

/**
 * The batch size of the event source mapping that consumes each queue, by the
 * queue's logical id (`BatchSize`, CloudFormation's default 10 when unset): the
 * local queue workers receive as many messages at once as Lambda's poller would
 * hand the consumer on AWS, so SQS requests per message are the template's.
 *
 * @example
 * ```ts
 * batchSizesByQueue(template)[queueIds.claims]; // 10
 * ```
 */
export function batchSizesByQueue(template: CfnTemplate): Record<string, number> {
  const out: Record<string, number> = {};
  for (const resource of Object.values(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::Lambda::EventSourceMapping') continue;
    const props = (resource.Properties ?? {}) as { EventSourceArn?: unknown; BatchSize?: unknown };
    const source = (props.EventSourceArn as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
    if (!Array.isArray(source) || source[1] !== 'Arn') continue;
    out[String(source[0])] = Number(props.BatchSize ?? 10);
  }
  return out;
}
