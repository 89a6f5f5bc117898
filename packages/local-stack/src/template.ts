/**
 * Reads a synthesized CloudFormation template (the JSON `cdk synth` writes, or
 * `Template.fromStack(stack).toJSON()`) and derives everything the local stack
 * needs from it: CreateTable and CreateQueue inputs, the functions and their
 * handler keys, and every state machine rendered to plain ASL. The template is
 * the only source: there is no second, hand-written description of the stack
 * to drift from it.
 */
import { readFileSync } from 'node:fs';
import { TemplateError } from './errors.ts';
import { type LocalFunction, localFunction } from './template/functions.ts';
import { resolve } from './template/intrinsics.ts';
import { type LocalQueue, localQueues } from './template/queues.ts';
import { localIdentities, resolveContext } from './template/references.ts';
import { type RenderedStateMachine, renderStateMachine } from './template/state-machines.ts';
import { type LocalTable, localTable } from './template/tables.ts';
import { type CfnResource, type CfnTemplate, LOCAL_ACCOUNT_ID } from './template/types.ts';

export type { LocalFunction } from './template/functions.ts';
export { HANDLER_METADATA_KEY } from './template/functions.ts';
export type { LocalQueue } from './template/queues.ts';
export { lambdaPlaceholderArn } from './template/references.ts';
export type { AslDefinition, RenderedStateMachine } from './template/state-machines.ts';
export type { LocalTable } from './template/tables.ts';
export type { CfnResource, CfnTemplate } from './template/types.ts';
export { LOCAL_ACCOUNT_ID } from './template/types.ts';

/** How to name and address things locally. */
export interface ReadTemplateOptions {
  /** The SQS endpoint queue URLs start with (the running fauxqs), e.g. `http://127.0.0.1:41235`. */
  readonly sqsEndpoint: string;
  /** Put before every table, queue and state machine name, so two stacks can share one DynamoDB Local; default none. */
  readonly prefix?: string;
  /** The region in local ARNs and the one SDK clients must use; default `us-east-1`. */
  readonly region?: string;
  /** Values for template parameters that have no Default (or to override it). */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** Everything the local stack derives from one template. */
export interface LocalTemplate {
  readonly region: string;
  readonly accountId: string;
  /** By logical id. */
  readonly tables: Readonly<Record<string, LocalTable>>;
  /** Logical id → local table name. */
  readonly tableNames: Readonly<Record<string, string>>;
  /** In creation order: dead-letter queues before the queues that use them. */
  readonly queues: readonly LocalQueue[];
  /** Logical id → local queue URL. */
  readonly queueUrls: Readonly<Record<string, string>>;
  /** Logical id → local queue ARN. */
  readonly queueArns: Readonly<Record<string, string>>;
  /** By logical id. */
  readonly functions: Readonly<Record<string, LocalFunction>>;
  /** By logical id. */
  readonly stateMachines: Readonly<Record<string, RenderedStateMachine>>;
}

/**
 * Derives the local stack from a template object or its JSON text.
 *
 * @example
 * ```ts
 * const local = readTemplate(Template.fromStack(stack).toJSON(), { sqsEndpoint: sqs.endpoint, prefix: 't1-' });
 * local.tableNames.ClaimsE8D96B24; // 't1-ClaimsE8D96B24'
 * local.stateMachines.FlowA74D6E88.definition; // plain ASL
 * ```
 */
export function readTemplate(template: CfnTemplate | string, options: ReadTemplateOptions): LocalTemplate {
  const parsed = (typeof template === 'string' ? JSON.parse(template) : template) as CfnTemplate;
  if (!parsed || typeof parsed !== 'object' || typeof parsed.Resources !== 'object') {
    throw new TemplateError('not a CloudFormation template: it has no Resources');
  }
  const naming = {
    prefix: options.prefix ?? '',
    region: options.region ?? 'us-east-1',
    sqsEndpoint: options.sqsEndpoint.replace(/\/+$/, ''),
  };
  const identities = localIdentities(parsed, naming);
  const ctx = resolveContext(parsed, identities, naming, options.parameters);
  // A resource whose Condition is false is not deployed, so it is not created locally either.
  const resources = Object.fromEntries(
    Object.entries(parsed.Resources ?? {}).filter(
      ([id, r]) => r.Condition === undefined || Boolean(resolve({ Condition: r.Condition }, ctx, id)),
    ),
  ) as Record<string, CfnResource>;
  const ofType = (...types: string[]) => Object.entries(resources).filter(([, r]) => types.includes(r.Type));
  const identity = (id: string) => {
    const found = identities.get(id);
    if (!found) throw new TemplateError(`${id}: no local identity`, { entity: id });
    return found;
  };

  const tables = Object.fromEntries(
    ofType('AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable').map(([id, r]) => [id, localTable(id, r, identity(id).name, ctx)]),
  );
  const queues = localQueues(resources, identities, ctx);
  return {
    region: naming.region,
    accountId: LOCAL_ACCOUNT_ID,
    tables,
    tableNames: Object.fromEntries(Object.values(tables).map((t) => [t.logicalId, t.tableName])),
    queues,
    queueUrls: Object.fromEntries(queues.map((q) => [q.logicalId, q.queueUrl])),
    queueArns: Object.fromEntries(queues.map((q) => [q.logicalId, q.queueArn])),
    functions: Object.fromEntries(ofType('AWS::Lambda::Function').map(([id, r]) => [id, localFunction(id, r, ctx)])),
    stateMachines: Object.fromEntries(
      ofType('AWS::StepFunctions::StateMachine').map(([id, r]) => [id, renderStateMachine(id, r, identity(id), ctx)]),
    ),
  };
}

/**
 * Reads a template file, e.g. `cdk.out/MedinsStack.template.json`.
 *
 * @example
 * ```ts
 * const local = loadTemplate('infra/cdk.out/Medins.template.json', { sqsEndpoint: sqs.endpoint });
 * ```
 */
export function loadTemplate(path: string, options: ReadTemplateOptions): LocalTemplate {
  return readTemplate(readFileSync(path, 'utf8'), options);
}
