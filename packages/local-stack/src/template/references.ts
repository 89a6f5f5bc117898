/**
 * What each resource of the template is called locally: its Ref and its
 * attributes (Arn, QueueUrl, …). Tables and queues get the names they are
 * created under; Lambda functions get a placeholder ARN that keeps the logical
 * id, so a Task's Resource still says which function it meant and a handler
 * can be bound to it.
 */
import { TemplateError } from '../errors.ts';
import type { ResolveContext } from './intrinsics.ts';
import { type CfnResource, type CfnTemplate, LOCAL_ACCOUNT_ID } from './types.ts';

/** The Ref and attributes of one resource, locally. */
export interface LocalIdentity {
  readonly type: string;
  /** The name it is created under locally (a table, a queue, a state machine), or the logical id. */
  readonly name: string;
  readonly ref: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Naming inputs shared by every resource. */
export interface NamingOptions {
  /** Put before every table, queue and state-machine name, e.g. `test-1-`. */
  readonly prefix: string;
  /** The region in local ARNs (must match the SQS client's region for redrive ARNs to line up). */
  readonly region: string;
  /** The SQS endpoint queue URLs start with, e.g. `http://127.0.0.1:41235`. */
  readonly sqsEndpoint: string;
}

/** The region in placeholder Lambda ARNs: not a real region, so nobody mistakes it for a deployed function. */
const LAMBDA_PLACEHOLDER_REGION = 'local';

/**
 * The placeholder ARN a Lambda function gets locally.
 *
 * @example
 * ```ts
 * lambdaPlaceholderArn('CheckFn8471549E'); // 'arn:aws:lambda:local:000000000000:function:CheckFn8471549E'
 * ```
 */
export function lambdaPlaceholderArn(logicalId: string): string {
  return `arn:aws:lambda:${LAMBDA_PLACEHOLDER_REGION}:${LOCAL_ACCOUNT_ID}:function:${logicalId}`;
}

const NAME_RULES: Readonly<Record<string, { pattern: RegExp; max: number; what: string }>> = {
  table: { pattern: /^[A-Za-z0-9_.-]+$/, max: 255, what: 'DynamoDB table' },
  queue: { pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/, max: 80, what: 'SQS queue' },
};

/** A literal name property, or undefined when the template leaves naming to CloudFormation. */
function literalName(resource: CfnResource, property: string): string | undefined {
  const value = resource.Properties?.[property];
  return typeof value === 'string' ? value : undefined;
}

function checked(kind: 'table' | 'queue', logicalId: string, name: string): string {
  const rule = NAME_RULES[kind];
  if (rule && (!rule.pattern.test(name) || name.length > rule.max || name.length < 3)) {
    throw new TemplateError(`${logicalId}: local ${rule.what} name "${name}" is not valid (check the prefix)`, { entity: logicalId });
  }
  return name;
}

/**
 * Computes the local identity of every resource the local stack knows how to name.
 *
 * @example
 * ```ts
 * localIdentities(template, naming).get('ClaimsE8D96B24')?.ref; // 'it-ClaimsE8D96B24'
 * ```
 */
export function localIdentities(template: CfnTemplate, naming: NamingOptions): Map<string, LocalIdentity> {
  const identities = new Map<string, LocalIdentity>();
  const resources = Object.entries(template.Resources ?? {});
  for (const [id, resource] of resources) {
    const identity = identify(id, resource, naming);
    if (identity) identities.set(id, identity);
  }
  // Versions and aliases point at a function; name them after it once every function is known.
  for (const [id, resource] of resources) {
    if (resource.Type !== 'AWS::Lambda::Version' && resource.Type !== 'AWS::Lambda::Alias') continue;
    const target = functionOf(resource.Properties?.FunctionName, identities);
    if (!target) continue;
    const qualifier = resource.Type === 'AWS::Lambda::Version' ? '1' : String(resource.Properties?.Name ?? id);
    const arn = `${target.attributes.Arn}:${qualifier}`;
    identities.set(id, { type: resource.Type, name: id, ref: arn, attributes: { Arn: arn, Version: qualifier, AliasArn: arn } });
  }
  return identities;
}

function identify(id: string, resource: CfnResource, naming: NamingOptions): LocalIdentity | undefined {
  const { prefix, region, sqsEndpoint } = naming;
  switch (resource.Type) {
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable': {
      const name = checked('table', id, `${prefix}${literalName(resource, 'TableName') ?? id}`);
      // DynamoDB Local names its own region `ddblocal` in the ARNs it reports (DescribeTable); match it.
      const arn = `arn:aws:dynamodb:ddblocal:${LOCAL_ACCOUNT_ID}:table/${name}`;
      // The real stream label is only known once the table exists; this stands in for it.
      return { type: resource.Type, name, ref: name, attributes: { Arn: arn, StreamArn: `${arn}/stream/local` } };
    }
    case 'AWS::SQS::Queue': {
      const fifo = resource.Properties?.FifoQueue === true || resource.Properties?.FifoQueue === 'true';
      const base = `${prefix}${literalName(resource, 'QueueName') ?? id}`;
      const name = checked('queue', id, fifo && !base.endsWith('.fifo') ? `${base}.fifo` : base);
      const url = `${sqsEndpoint}/${LOCAL_ACCOUNT_ID}/${name}`;
      const arn = `arn:aws:sqs:${region}:${LOCAL_ACCOUNT_ID}:${name}`;
      return { type: resource.Type, name, ref: url, attributes: { Arn: arn, QueueName: name, QueueUrl: url } };
    }
    case 'AWS::Lambda::Function': {
      const arn = lambdaPlaceholderArn(id);
      return { type: resource.Type, name: id, ref: id, attributes: { Arn: arn } };
    }
    case 'AWS::StepFunctions::StateMachine': {
      const name = `${prefix}${literalName(resource, 'StateMachineName') ?? id}`;
      const arn = `arn:aws:states:${region}:${LOCAL_ACCOUNT_ID}:stateMachine:${name}`;
      return { type: resource.Type, name, ref: arn, attributes: { Arn: arn, Name: name } };
    }
    case 'AWS::SNS::Topic': {
      const name = `${prefix}${literalName(resource, 'TopicName') ?? id}`;
      const arn = `arn:aws:sns:${region}:${LOCAL_ACCOUNT_ID}:${name}`;
      return { type: resource.Type, name, ref: arn, attributes: { TopicArn: arn, TopicName: name } };
    }
    default:
      return undefined;
  }
}

/** The function a Version or Alias points at, through `{ Ref: fn }` or `{ Fn::GetAtt: [fn, Arn] }`. */
function functionOf(value: unknown, identities: Map<string, LocalIdentity>): LocalIdentity | undefined {
  const token = (value ?? {}) as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  const id = token.Ref ?? (Array.isArray(token['Fn::GetAtt']) ? token['Fn::GetAtt'][0] : undefined);
  const found = typeof id === 'string' ? identities.get(id) : undefined;
  return found?.type === 'AWS::Lambda::Function' ? found : undefined;
}

/**
 * The ResolveContext for a template whose resources have these identities.
 *
 * @example
 * ```ts
 * resolve({ Ref: 'AWS::Partition' }, resolveContext(template, identities, naming), 'x'); // 'aws'
 * ```
 */
export function resolveContext(
  template: CfnTemplate,
  identities: Map<string, LocalIdentity>,
  naming: NamingOptions,
  parameters?: Readonly<Record<string, unknown>>,
): ResolveContext {
  return {
    template,
    parameters,
    pseudo: {
      'AWS::Partition': 'aws',
      'AWS::Region': naming.region,
      'AWS::AccountId': LOCAL_ACCOUNT_ID,
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': `${naming.prefix}local`,
      'AWS::StackId': `arn:aws:cloudformation:${naming.region}:${LOCAL_ACCOUNT_ID}:stack/${naming.prefix}local/local`,
    },
    ref: (id) => identities.get(id)?.ref,
    getAtt: (id, attribute) => identities.get(id)?.attributes[attribute],
  };
}
