/**
 * infra → template: reading the synthesized CloudFormation template without
 * deploying it. The state machines' `DefinitionString` is an `Fn::Join` of
 * literal JSON and tokens (function ARNs, queue URLs, the partition); rendering it
 * with a resolver gives the Amazon States Language document the tests assert on
 * and the local stack runs.
 */
import { TemplateShapeError } from '../errors.ts';

/** The parts of a CloudFormation template we read. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}
export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly [section: string]: unknown;
}

/** Turns references to the template's resources into concrete strings. */
export interface IntrinsicResolver {
  ref(logicalId: string): string;
  getAtt(logicalId: string, attribute: string): string;
}

export interface Environment {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

export const OFFLINE_ENVIRONMENT: Environment = { partition: 'aws-cn', region: 'cn-northwest-1', account: '000000000000' };

const urlSuffix = (region: string) => (region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com');

function pseudoParameter(name: string, env: Environment): string | undefined {
  switch (name) {
    case 'AWS::Partition':
      return env.partition;
    case 'AWS::Region':
      return env.region;
    case 'AWS::AccountId':
      return env.account;
    case 'AWS::URLSuffix':
      return urlSuffix(env.region);
    case 'AWS::StackName':
      return 'Medins';
    default:
      return undefined;
  }
}

/**
 * A resolver that names every resource by its logical id, in ARN or URL form as
 * its type has it (Lambda `function:<id>`, SQS `https://sqs…/<id>`).
 *
 * @example
 * const resolver = logicalIdResolver(template);
 * resolver.getAtt('ClaimsLoadContextFunction1A2B', 'Arn');
 * // 'arn:aws-cn:lambda:cn-northwest-1:000000000000:function:ClaimsLoadContextFunction1A2B'
 */
export function logicalIdResolver(template: CfnTemplate, env: Environment = OFFLINE_ENVIRONMENT): IntrinsicResolver {
  const arn = (service: string, resource: string) =>
    `arn:${env.partition}:${service}:${env.region}:${env.account}:${resource}`;
  const typeOf = (id: string) => template.Resources[id]?.Type;
  return {
    ref(id) {
      switch (typeOf(id)) {
        case 'AWS::SQS::Queue':
          return `https://sqs.${env.region}.${urlSuffix(env.region)}/${env.account}/${id}`;
        case 'AWS::SNS::Topic':
          return arn('sns', id);
        case 'AWS::StepFunctions::StateMachine':
          return arn('states', `stateMachine:${id}`);
        default:
          return id;
      }
    },
    getAtt(id, attribute) {
      const type = typeOf(id);
      if (attribute === 'Arn') {
        if (type === 'AWS::Lambda::Function') return arn('lambda', `function:${id}`);
        if (type === 'AWS::SQS::Queue') return arn('sqs', id);
        if (type === 'AWS::DynamoDB::Table') return arn('dynamodb', `table/${id}`);
      }
      if (type === 'AWS::SQS::Queue' && attribute === 'QueueName') return id;
      return `${id}.${attribute}`;
    },
  };
}

/**
 * Replaces `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub` (without a variable map) and
 * the pseudo parameters by strings; anything else is returned unchanged.
 */
export function renderIntrinsics(
  value: unknown,
  resolver: IntrinsicResolver,
  env: Environment = OFFLINE_ENVIRONMENT,
): unknown {
  if (Array.isArray(value)) return value.map((v) => renderIntrinsics(v, resolver, env));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [fn, arg] = entries[0] as [string, unknown];
    if (fn === 'Ref' && typeof arg === 'string') return pseudoParameter(arg, env) ?? resolver.ref(arg);
    if (fn === 'Fn::GetAtt') {
      const [id, attribute] = Array.isArray(arg) ? (arg as string[]) : String(arg).split('.');
      return resolver.getAtt(String(id), String(attribute));
    }
    if (fn === 'Fn::Join' && Array.isArray(arg)) {
      const [separator, parts] = arg as [string, unknown[]];
      return parts.map((p) => String(renderIntrinsics(p, resolver, env))).join(separator);
    }
    if (fn === 'Fn::Sub' && typeof arg === 'string') {
      return arg.replace(/\$\{([^}]+)\}/gu, (_, name: string) => {
        const pseudo = pseudoParameter(name, env);
        if (pseudo !== undefined) return pseudo;
        const [id, attribute] = name.split('.');
        return attribute ? resolver.getAtt(String(id), attribute) : resolver.ref(String(id));
      });
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, renderIntrinsics(v, resolver, env)]));
}

/** Logical ids of the resources whose Metadata `key` equals `value` (or has any value). */
export function resourcesWithMetadata(template: CfnTemplate, key: string, value?: string): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Metadata?.[key] !== undefined && (value === undefined || r.Metadata[key] === value))
    .map(([id]) => id);
}

/**
 * The Amazon States Language document of a state machine of the template, by its
 * `medins:workflow` name (ClaimWorkflow, MemberEventWorkflow, RenewalWorkflow).
 *
 * @example
 * const asl = stateMachineDefinition(template, 'ClaimWorkflow');
 * asl.StartAt; // 'LoadClaimContext'
 */
export function stateMachineDefinition(
  template: CfnTemplate,
  workflow: string,
  resolver: IntrinsicResolver = logicalIdResolver(template),
  env: Environment = OFFLINE_ENVIRONMENT,
): AslDefinition {
  const [id, ...more] = resourcesWithMetadata(template, 'medins:workflow', workflow);
  if (id === undefined || more.length > 0) {
    throw new TemplateShapeError(`expected one state machine ${workflow}, found ${more.length + (id ? 1 : 0)}`, { entity: workflow });
  }
  const body = template.Resources[id]?.Properties?.['DefinitionString'];
  const rendered = renderIntrinsics(body, resolver, env);
  if (typeof rendered !== 'string') throw new TemplateShapeError(`${workflow}: DefinitionString did not render to a string`, { entity: workflow });
  return JSON.parse(rendered) as AslDefinition;
}

/** The fields of an ASL document the tests and the local stack read. */
export interface AslState {
  readonly Type: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Resource?: string;
  readonly [field: string]: unknown;
}
export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Record<string, AslState>;
  readonly [field: string]: unknown;
}
