/**
 * infra/test → support: a state machine's definition read from the synthesized template, its
 * intrinsics resolved by the local stack's resolver (the one the embedded stack runs), in an
 * offline China-region account where every resource is named by its logical id: a Lambda's ARN
 * ends in `function:<id>`, a queue's URL in `/<id>`. No deployment, no local servers.
 */
import { type ResolveContext, resolveString } from '@medins/local-stack';
import type { CfnTemplate } from '../../src/template/types.ts';

/** The fields of an Amazon States Language document the tests read. */
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

const PARTITION = 'aws-cn';
const REGION = 'cn-northwest-1';
const ACCOUNT = '000000000000';
const URL_SUFFIX = 'amazonaws.com.cn';

/**
 * The resolver's view of an offline account: pseudo parameters of the China region, and each
 * resource's `Ref` and `Fn::GetAtt` in the form its type has, named by its logical id.
 */
export function offlineContext(template: CfnTemplate): ResolveContext {
  const arn = (service: string, resource: string) => `arn:${PARTITION}:${service}:${REGION}:${ACCOUNT}:${resource}`;
  const typeOf = (id: string) => template.Resources[id]?.Type;
  return {
    template,
    pseudo: {
      'AWS::Partition': PARTITION,
      'AWS::Region': REGION,
      'AWS::AccountId': ACCOUNT,
      'AWS::URLSuffix': URL_SUFFIX,
      'AWS::StackName': 'Medins',
    },
    ref(id) {
      switch (typeOf(id)) {
        case undefined:
          return undefined;
        case 'AWS::SQS::Queue':
          return `https://sqs.${REGION}.${URL_SUFFIX}/${ACCOUNT}/${id}`;
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
      return undefined;
    },
  };
}

/** Logical ids of the resources whose Metadata `key` equals `value` (or has any value). */
export function resourcesWithMetadata(template: CfnTemplate, key: string, value?: string): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Metadata?.[key] !== undefined && (value === undefined || r.Metadata[key] === value))
    .map(([id]) => id);
}

/**
 * The ASL document of the template's state machine whose `medins:workflow` is `workflow`
 * (ClaimWorkflow, MemberEventWorkflow, RenewalWorkflow).
 *
 * @example
 * stateMachineDefinition(template, 'ClaimWorkflow').StartAt; // 'CheckEligibility'
 */
export function stateMachineDefinition(template: CfnTemplate, workflow: string): AslDefinition {
  const ids = resourcesWithMetadata(template, 'medins:workflow', workflow);
  const [id] = ids;
  if (id === undefined || ids.length > 1) throw new Error(`expected one state machine ${workflow}, found ${ids.length}`);
  const body = template.Resources[id]?.Properties?.DefinitionString;
  return JSON.parse(resolveString(body, offlineContext(template), `${id}.Properties.DefinitionString`)) as AslDefinition;
}
