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
import type { LocalHandler, TaskBinding, TaskOverride } from './types.ts';

/** What Task states can be bound to. */
export interface BindingSources {
  readonly functions: Readonly<Record<string, LocalFunction>>;
  readonly handlers: Readonly<Record<string, LocalHandler>>;
  readonly dynamodb: DynamoDBClient | undefined;
  readonly sqs: SQSClient | undefined;
  readonly overrides: Readonly<Record<string, TaskOverride>>;
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
      const lambda = lambdaTarget(name, state);
      if (lambda) {
        // A static FunctionName is checked now; a FunctionName.$ is only known at run time.
        const staticBinding =
          lambda.functionRef === undefined ? undefined : bindFunction(lambda.functionRef, sources.functions, sources.handlers);
        if (staticBinding && 'missing' in staticBinding) {
          problems.push(`Task "${name}": ${staticBinding.missing}`);
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
