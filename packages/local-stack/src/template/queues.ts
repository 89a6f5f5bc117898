/**
 * CreateQueue inputs from AWS::SQS::Queue resources, in creation order (a
 * dead-letter queue before the queues that redrive into it). Attributes keep
 * their CloudFormation values as SQS strings; the RedrivePolicy's target is
 * rewritten to the local ARN of the template's queue. KMS settings and tags are
 * dropped: there is no KMS locally.
 */
import type { CreateQueueCommandInput } from '@aws-sdk/client-sqs';
import { TemplateError } from '../errors.ts';
import { type ResolveContext, resolve } from './intrinsics.ts';
import type { LocalIdentity } from './references.ts';
import type { CfnResource } from './types.ts';

/** One queue to create locally. */
export interface LocalQueue {
  readonly logicalId: string;
  readonly queueName: string;
  readonly queueUrl: string;
  readonly queueArn: string;
  /** The CreateQueue input, ready for `new CreateQueueCommand(createQueue)`. */
  readonly createQueue: CreateQueueCommandInput;
  /** The logical id of the dead-letter queue this one redrives to. */
  readonly deadLetterQueue: string | undefined;
}

/** CloudFormation properties that are SQS attributes of the same name. */
const PLAIN_ATTRIBUTES = [
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'DelaySeconds',
  'FifoQueue',
  'FifoThroughputLimit',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
] as const;

/**
 * Derives the CreateQueue inputs of every queue, dead-letter queues first.
 *
 * @example
 * ```ts
 * for (const queue of localQueues(resources, identities, ctx)) await sqs.send(new CreateQueueCommand(queue.createQueue));
 * ```
 */
export function localQueues(
  resources: Readonly<Record<string, CfnResource>>,
  identities: Map<string, LocalIdentity>,
  ctx: ResolveContext,
): LocalQueue[] {
  const queues = Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::SQS::Queue')
    .map(([id, resource]) => localQueue(id, resource, identities, ctx));
  return creationOrder(queues);
}

function localQueue(logicalId: string, resource: CfnResource, identities: Map<string, LocalIdentity>, ctx: ResolveContext): LocalQueue {
  const identity = identities.get(logicalId);
  if (!identity) throw new TemplateError(`${logicalId}: queue has no local identity`, { entity: logicalId });
  const pick = (key: string): unknown => resolve(resource.Properties?.[key], ctx, `${logicalId}.Properties.${key}`);
  const attributes: Record<string, string> = {};
  for (const key of PLAIN_ATTRIBUTES) {
    const value = pick(key);
    if (value !== undefined) attributes[key] = String(value);
  }
  let deadLetterQueue: string | undefined;
  const redrive = parseJson(pick('RedrivePolicy')) as { deadLetterTargetArn?: string; maxReceiveCount?: unknown } | undefined;
  if (redrive) {
    deadLetterQueue = [...identities].find(([, other]) => other.attributes.Arn === redrive.deadLetterTargetArn)?.[0];
    if (!deadLetterQueue) {
      throw new TemplateError(
        `${logicalId}: RedrivePolicy points at ${redrive.deadLetterTargetArn}, which is not a queue of this template`,
        { entity: logicalId },
      );
    }
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: redrive.deadLetterTargetArn,
      maxReceiveCount: Number(redrive.maxReceiveCount),
    });
  }
  const redriveAllow = parseJson(pick('RedriveAllowPolicy'));
  if (redriveAllow) attributes.RedriveAllowPolicy = JSON.stringify(redriveAllow);
  return {
    logicalId,
    queueName: identity.name,
    queueUrl: identity.attributes.QueueUrl ?? identity.ref,
    queueArn: identity.attributes.Arn ?? '',
    createQueue: { QueueName: identity.name, ...(Object.keys(attributes).length > 0 && { Attributes: attributes }) },
    deadLetterQueue,
  };
}

/** CloudFormation accepts RedrivePolicy as a JSON object or as its text. */
function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** Dead-letter queues first; a redrive cycle is a template error. */
function creationOrder(queues: LocalQueue[]): LocalQueue[] {
  const byId = new Map(queues.map((q) => [q.logicalId, q]));
  const ordered: LocalQueue[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (queue: LocalQueue) => {
    if (state.get(queue.logicalId) === 'done') return;
    if (state.get(queue.logicalId) === 'visiting')
      throw new TemplateError(`${queue.logicalId}: redrive policies form a cycle`, { entity: queue.logicalId });
    state.set(queue.logicalId, 'visiting');
    const dlq = queue.deadLetterQueue ? byId.get(queue.deadLetterQueue) : undefined;
    if (dlq) visit(dlq);
    state.set(queue.logicalId, 'done');
    ordered.push(queue);
  };
  queues.forEach(visit);
  return ordered;
}
