/**
 * Renders AWS::StepFunctions::StateMachine resources into plain ASL objects.
 * CDK emits the definition as `Fn::Join` of JSON fragments and tokens (GetAtt
 * of functions, Ref of tables and queues, AWS::Partition); resolving those
 * against local identities gives JSON that names local tables, local queue
 * URLs and placeholder Lambda ARNs. DefinitionSubstitutions (`${Name}` in the
 * definition) are applied as CloudFormation would.
 */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { TemplateError } from '../errors.ts';
import { type ResolveContext, resolve, resolveString } from './intrinsics.ts';
import type { LocalIdentity } from './references.ts';
import type { CfnResource } from './types.ts';

/** An Amazon States Language definition, as a plain JSON object. */
export type AslDefinition = StateMachineDefinition;

/** One state machine of the template, rendered for local use. */
export interface RenderedStateMachine {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  /** STANDARD or EXPRESS. */
  readonly type: string;
  readonly definition: AslDefinition;
}

/**
 * Renders one state machine resource.
 *
 * @example
 * ```ts
 * const flow = renderStateMachine('FlowA74D6E88', resource, identity, ctx);
 * flow.definition.StartAt; // 'Check'
 * ```
 */
export function renderStateMachine(
  logicalId: string,
  resource: CfnResource,
  identity: LocalIdentity,
  ctx: ResolveContext,
): RenderedStateMachine {
  const props = resource.Properties ?? {};
  const path = `${logicalId}.Properties`;
  const substitutions = Object.fromEntries(
    Object.entries((props.DefinitionSubstitutions as Record<string, unknown> | undefined) ?? {}).map(([key, value]) => [
      key,
      resolveString(value, ctx, `${path}.DefinitionSubstitutions.${key}`),
    ]),
  );
  const substitute = (text: string) => text.replace(/\$\{([^}]+)\}/g, (whole, key: string) => substitutions[key] ?? whole);
  let definition: unknown;
  if (props.DefinitionString !== undefined) {
    const text = substitute(resolveString(props.DefinitionString, ctx, `${path}.DefinitionString`));
    try {
      definition = JSON.parse(text);
    } catch (error) {
      throw new TemplateError(`${path}.DefinitionString is not JSON once resolved: ${(error as Error).message}`, {
        entity: logicalId,
        cause: error,
      });
    }
  } else if (props.Definition !== undefined) {
    definition = mapStrings(resolve(props.Definition, ctx, `${path}.Definition`), substitute);
  } else {
    throw new TemplateError(`${logicalId}: only inline definitions can run locally (DefinitionS3Location is not supported)`, {
      entity: logicalId,
    });
  }
  if (!isAsl(definition)) throw new TemplateError(`${logicalId}: the definition has no StartAt and States`, { entity: logicalId });
  return {
    logicalId,
    name: identity.name,
    arn: identity.ref,
    type: typeof props.StateMachineType === 'string' ? props.StateMachineType : 'STANDARD',
    definition,
  };
}

function isAsl(value: unknown): value is AslDefinition {
  const v = value as { StartAt?: unknown; States?: unknown } | null;
  return typeof v?.StartAt === 'string' && typeof v.States === 'object' && v.States !== null;
}

function mapStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fn));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}
