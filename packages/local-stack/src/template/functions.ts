/**
 * The Lambda functions of the template, as a caller needs them to run the
 * handlers in-process: the logical id, the handler key the infra tags each
 * function with (Metadata `medins:handler`, e.g. `claims/check-eligibility`),
 * and the environment with table and queue references made local.
 */
import { lenient, type ResolveContext, resolve } from './intrinsics.ts';
import { lambdaPlaceholderArn } from './references.ts';
import type { CfnResource } from './types.ts';

/** The Metadata key that binds a function to a handler module. */
export const HANDLER_METADATA_KEY = 'medins:handler';

/** One Lambda function of the template. */
export interface LocalFunction {
  readonly logicalId: string;
  /** The placeholder ARN its Task states call, `arn:aws:lambda:local:000000000000:function:<logicalId>`. */
  readonly arn: string;
  /** Metadata `medins:handler`, when the infra set it. */
  readonly handlerKey: string | undefined;
  /** The FunctionName the template fixes, when it fixes one (another way a definition may call it). */
  readonly functionName: string | undefined;
  /** `index.handler` etc., as deployed. */
  readonly handler: string | undefined;
  readonly runtime: string | undefined;
  /** Lambda's default is 3 s. */
  readonly timeoutSeconds: number;
  /** Lambda's default is 128 MB. */
  readonly memoryMb: number;
  /**
   * Environment variables with local values (table names, queue URLs); a value
   * with no local equivalent reads `<unresolved: …>`.
   */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * Describes one AWS::Lambda::Function resource.
 *
 * @example
 * ```ts
 * localFunction('CheckFn8471549E', resource, ctx).handlerKey; // 'claims/check-eligibility'
 * ```
 */
export function localFunction(logicalId: string, resource: CfnResource, ctx: ResolveContext): LocalFunction {
  const props = resource.Properties ?? {};
  const loose = lenient(ctx);
  const environment = resolve(
    (props.Environment as { Variables?: unknown } | undefined)?.Variables ?? {},
    loose,
    `${logicalId}.Properties.Environment.Variables`,
  );
  const handlerKey = resource.Metadata?.[HANDLER_METADATA_KEY];
  const functionName = resolve(props.FunctionName, loose, `${logicalId}.Properties.FunctionName`);
  return {
    logicalId,
    arn: lambdaPlaceholderArn(logicalId),
    handlerKey: typeof handlerKey === 'string' ? handlerKey : undefined,
    functionName: typeof functionName === 'string' ? functionName : undefined,
    handler: typeof props.Handler === 'string' ? props.Handler : undefined,
    runtime: typeof props.Runtime === 'string' ? props.Runtime : undefined,
    timeoutSeconds: Number(props.Timeout ?? 3),
    memoryMb: Number(props.MemorySize ?? 128),
    environment: Object.fromEntries(
      Object.entries(environment as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ),
  };
}
