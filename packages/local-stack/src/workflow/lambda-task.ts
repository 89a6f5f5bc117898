/**
 * Lambda Task states, run in-process. Both forms CDK emits are handled: the
 * function ARN as Resource (LambdaInvoke with payloadResponseOnly: the state
 * input is the event, the handler's return is the result) and
 * `arn:aws:states:::lambda:invoke` with Parameters.FunctionName and Payload
 * (the result is Lambda's Invoke response, with the return value in `Payload`).
 * A thrown error reaches the interpreter named as Lambda reports it (its
 * `name`), with Lambda's JSON cause, so Retry and Catch match as on AWS.
 */
import { randomUUID } from 'node:crypto';
import { LambdaHandlerError } from '../errors.ts';
import type { LocalFunction } from '../template/functions.ts';
import { lambdaPlaceholderArn } from '../template/references.ts';
import type { AslState } from './definition.ts';
import { noteSerialized } from './limits.ts';
import type { LocalHandler, LocalLambdaContext } from './types.ts';

const DIRECT_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/;
const INVOKE = /^arn:[^:]+:states:::lambda:invoke(\.waitForTaskToken)?$/;

/** How a Task state calls Lambda, or undefined when it does not. */
export type LambdaTarget =
  | { readonly form: 'direct'; readonly functionRef: string }
  | { readonly form: 'invoke'; readonly functionRef: string | undefined; readonly waitsForToken: boolean };

/**
 * Recognises a Lambda Task; `waitsForToken` for a `.waitForTaskToken` invoke
 * (bound only when the workflow has task tokens to issue: task-tokens.ts).
 *
 * @example
 * ```ts
 * lambdaTarget({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: arn } });
 * // { form: 'invoke', functionRef: arn }
 * ```
 */
export function lambdaTarget(state: AslState): LambdaTarget | undefined {
  const resource = String(state.Resource ?? '');
  const direct = DIRECT_ARN.exec(resource);
  if (direct) return { form: 'direct', functionRef: resource };
  const invoke = INVOKE.exec(resource);
  if (!invoke) return undefined;
  const name = (state.Parameters as Record<string, unknown> | undefined)?.FunctionName;
  return { form: 'invoke', functionRef: typeof name === 'string' ? name : undefined, waitsForToken: Boolean(invoke[1]) };
}

/**
 * The function name inside a function ARN, a partial ARN (`name:alias`) or a plain name.
 *
 * @example
 * ```ts
 * functionNameOf('arn:aws:lambda:local:000000000000:function:CheckFn8471549E:live'); // 'CheckFn8471549E'
 * ```
 */
export function functionNameOf(ref: string): string {
  const direct = DIRECT_ARN.exec(ref);
  if (direct?.[1]) return direct[1];
  const [name = ref] = ref.split(':');
  return name;
}

/** A function of the template together with the handler that runs it. */
export interface BoundFunction {
  readonly fn: LocalFunction;
  readonly handler: LocalHandler;
  /** The key the handler was found under (the handler key, else the logical id). */
  readonly key: string;
}

/**
 * Finds the function a reference names (by logical id or fixed FunctionName)
 * and the handler bound to it (by `medins:handler` key, else by logical id).
 *
 * @example
 * ```ts
 * const bound = bindFunction(arn, local.functions, { 'claims/check-eligibility': handler });
 * if ('missing' in bound) throw new WorkflowBindingError(bound.missing);
 * ```
 */
export function bindFunction(
  ref: string,
  functions: Readonly<Record<string, LocalFunction>>,
  handlers: Readonly<Record<string, LocalHandler>>,
): BoundFunction | { readonly missing: string } {
  const name = functionNameOf(ref);
  const fn = functions[name] ?? Object.values(functions).find((f) => f.functionName === name);
  if (!fn) return { missing: `${ref} is not a function of the template` };
  for (const key of [fn.handlerKey, fn.logicalId]) {
    const handler = key === undefined ? undefined : handlers[key];
    if (key !== undefined && handler) return { fn, handler, key };
  }
  return { missing: `no handler for ${fn.handlerKey ? `"${fn.handlerKey}" (${fn.logicalId})` : fn.logicalId}` };
}

/**
 * Runs a handler as Lambda would: a fresh context, the result through JSON, errors as LambdaHandlerError.
 * The result's JSON text is noted for the state data bound (limits.ts `noteSerialized`).
 *
 * @example
 * ```ts
 * const result = await invokeHandler(bound, { claimId: 'c-1' });
 * ```
 */
export async function invokeHandler(bound: BoundFunction, event: unknown): Promise<unknown> {
  const { fn } = bound;
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  const requestId = randomUUID();
  const context: LocalLambdaContext = {
    functionName: fn.logicalId,
    functionVersion: '$LATEST',
    invokedFunctionArn: lambdaPlaceholderArn(fn.logicalId),
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.logicalId}`,
    logStreamName: `local/[$LATEST]${requestId.replaceAll('-', '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  let result: unknown;
  try {
    // The event as Lambda delivers it: a JSON copy (no Date, no undefined), so a handler can change nothing of the state.
    result = await bound.handler(event === undefined ? undefined : (JSON.parse(JSON.stringify(event)) as unknown), context);
  } catch (thrown) {
    throw new LambdaHandlerError(thrown, bound.key);
  }
  // Lambda serializes the return value: Dates become strings, undefined becomes null.
  const text = JSON.stringify(result ?? null);
  const parsed = JSON.parse(text) as unknown;
  // The state data bound measures this text rather than serializing the object again.
  noteSerialized(parsed, text);
  return parsed;
}

/**
 * The Invoke API response `arn:aws:states:::lambda:invoke` returns, with the handler's result as Payload.
 *
 * @example
 * ```ts
 * invokeResponse({ ok: true }, undefined).Payload; // { ok: true }
 * ```
 */
export function invokeResponse(payload: unknown, invocationType: unknown): Record<string, unknown> {
  const requestId = randomUUID();
  const async = invocationType === 'Event';
  return {
    ExecutedVersion: '$LATEST',
    Payload: async ? '' : payload,
    SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: async ? 202 : 200 },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: async ? 202 : 200,
  };
}
