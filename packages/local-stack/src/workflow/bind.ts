/**
 * Binds every Task state of a definition to what runs it locally, before
 * anything runs: a Lambda handler, a DynamoDB or SQS call, or a caller's
 * override. A Task left unbound would make the interpreter call real AWS
 * Lambda, so an unbound Task is an error here, listing every such state.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { ServiceTaskError, WorkflowBindingError } from '../errors.ts';
import type { LocalFunction } from '../template/functions.ts';
import type { AslDefinition } from '../template/state-machines.ts';
import { walkStates } from './definition.ts';
import { bindFunction, invokeHandler, invokeResponse, lambdaTarget } from './lambda-task.ts';
import { callService, serviceTarget } from './service-tasks.ts';
import { type TaskTokens, withToken } from './task-tokens.ts';
import type { LocalHandler, TaskBinding, TaskOverride } from './types.ts';

/** What Task states can be bound to. */
export interface BindingSources {
  readonly functions: Readonly<Record<string, LocalFunction>>;
  readonly handlers: Readonly<Record<string, LocalHandler>>;
  readonly dynamodb: DynamoDBClient | undefined;
  readonly sqs: SQSClient | undefined;
  readonly overrides: Readonly<Record<string, TaskOverride>>;
  /** Issues the tokens of `.waitForTaskToken` Tasks; without it such a Task cannot be bound. */
  readonly taskTokens?: TaskTokens | undefined;
  /** The workflow's clock: a waiting Task's HeartbeatSeconds and TimeoutSeconds are multiplied by it. */
  readonly timeScale?: number;
}

/** The interpreter's per-state task functions, and a description of each binding. */
export interface BoundTasks {
  readonly localHandlers: Record<string, (input: never) => Promise<never>>;
  readonly bindings: TaskBinding[];
}

/**
 * Binds every Task state (Map and Parallel states included).
 *
 * @example
 * ```ts
 * const { localHandlers } = bindTasks(definition, { functions, handlers, dynamodb, sqs, overrides: {} });
 * ```
 */
export function bindTasks(definition: AslDefinition, sources: BindingSources): BoundTasks {
  const localHandlers: Record<string, (input: never) => Promise<never>> = {};
  const bindings: TaskBinding[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  walkStates(definition, (name, state) => {
    if (seen.has(name)) problems.push(`state name "${name}" is used twice (the interpreter binds tasks by name)`);
    seen.add(name);
    if (state.Type !== 'Task') return;
    const override = sources.overrides[name];
    if (override) {
      localHandlers[name] = (async (input: unknown) => override(input)) as never;
      bindings.push({ state: name, kind: 'override', target: name });
      return;
    }
    try {
      const lambda = lambdaTarget(state);
      if (lambda) {
        // A static FunctionName is checked now; a FunctionName.$ is only known at run time.
        const staticBinding =
          lambda.functionRef === undefined ? undefined : bindFunction(lambda.functionRef, sources.functions, sources.handlers);
        if (staticBinding && 'missing' in staticBinding) {
          problems.push(`Task "${name}": ${staticBinding.missing}`);
          return;
        }
        if (lambda.form === 'invoke' && lambda.waitsForToken) {
          const tokens = sources.taskTokens;
          if (!tokens || !staticBinding) {
            problems.push(
              `Task "${name}" waits for a task token: ${tokens ? 'its FunctionName must be static' : 'pass taskTokens to run it locally'}`,
            );
            return;
          }
          localHandlers[name] = (async (input: unknown) =>
            waitForToken(tokens, staticBinding, state, input, sources.timeScale ?? 1)) as never;
          bindings.push({ state: name, kind: 'lambda', target: staticBinding.key });
          return;
        }
        localHandlers[name] = (async (input: unknown) => {
          if (lambda.form === 'direct' && staticBinding) return invokeHandler(staticBinding, input);
          const params = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown; InvocationType?: unknown };
          const bound = staticBinding ?? bindFunction(String(params.FunctionName), sources.functions, sources.handlers);
          // As the Lambda service answers an Invoke of a function that does not exist.
          if ('missing' in bound) throw new ServiceTaskError('Lambda.ResourceNotFoundException', bound.missing);
          const payload = await invokeHandler(bound, params.Payload ?? {});
          return invokeResponse(payload, params.InvocationType);
        }) as never;
        bindings.push({ state: name, kind: 'lambda', target: staticBinding?.key ?? 'FunctionName.$' });
        return;
      }
      const resource = String(state.Resource ?? '');
      const service = serviceTarget(name, resource);
      if (service) {
        const client = service.service === 'dynamodb' ? sources.dynamodb : sources.sqs;
        if (!client) {
          problems.push(
            `Task "${name}" calls ${service.service}: pass a ${service.service === 'dynamodb' ? 'DynamoDBClient' : 'SQSClient'}`,
          );
          return;
        }
        localHandlers[name] = (async (input: unknown) => callService(service, client, input)) as never;
        bindings.push({ state: name, kind: service.service, target: service.action });
        return;
      }
      problems.push(`Task "${name}" calls ${resource}, which has no local binding: override the state`);
    } catch (error) {
      if (error instanceof WorkflowBindingError) problems.push(error.message);
      else throw error;
    }
  });
  if (problems.length > 0) throw new WorkflowBindingError(`cannot run the state machine locally:\n  - ${problems.join('\n  - ')}`);
  return { localHandlers, bindings };
}

/**
 * A `lambda:invoke.waitForTaskToken` Task: a token is issued, the function is
 * invoked with it in its Payload (the placeholder the definition was given,
 * task-tokens.ts), and the Task waits for the token's answer, its heartbeat
 * and timeout counted from the invoke on the workflow's clock.
 */
async function waitForToken(
  tokens: TaskTokens,
  bound: Exclude<ReturnType<typeof bindFunction>, { missing: string }>,
  state: Readonly<Record<string, unknown>>,
  input: unknown,
  timeScale: number,
): Promise<unknown> {
  const seconds = (v: unknown) => (typeof v === 'number' ? v * 1000 * timeScale : undefined);
  const heartbeatMs = seconds(state.HeartbeatSeconds);
  const timeoutMs = seconds(state.TimeoutSeconds);
  const issued = tokens.issue({
    ...(heartbeatMs === undefined ? {} : { heartbeatMs }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  const params = withToken(input ?? {}, issued.token) as { Payload?: unknown };
  try {
    await invokeHandler(bound, params.Payload ?? {});
  } catch (error) {
    issued.discard();
    throw error;
  }
  issued.started();
  return issued.answer;
}
