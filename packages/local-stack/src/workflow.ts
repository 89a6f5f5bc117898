/**
 * Runs a rendered state machine locally with aws-local-stepfunctions. Lambda
 * Tasks run the caller's handlers in-process (bound by `medins:handler` key),
 * DynamoDB and SQS Tasks call the local endpoints, and Retry/Catch see the
 * handlers' error names exactly as Step Functions would; a state's input or
 * output over 256 KiB fails the run with `States.DataLimitExceeded`. Each run returns its
 * output or its error and cause, with the states it visited and the
 * transitions it would be billed for.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { ExecutionAbortedError, ExecutionTimeoutError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { LambdaHandlerError, WorkflowBindingError } from './errors.ts';
import type { LocalFunction } from './template/functions.ts';
import type { AslDefinition, RenderedStateMachine } from './template/state-machines.ts';
import { LOCAL_ACCOUNT_ID } from './template/types.ts';
import { bindTasks } from './workflow/bind.ts';
import { type AslState, scaleTimings, walkStates } from './workflow/definition.ts';
import { lambdaTarget } from './workflow/lambda-task.ts';
import { boundStateData, STATE_DATA_LIMIT_BYTES } from './workflow/limits.ts';
import { type TaskTokens, withTokenPlaceholder } from './workflow/task-tokens.ts';
import type { ExecutionEvent, ExecutionResult, LocalHandler, TaskBinding, TaskOverride, VisitedState } from './workflow/types.ts';
import { assertValidAsl } from './workflow/validate.ts';

export type {
  ExecutionEvent,
  ExecutionResult,
  LocalHandler,
  LocalLambdaContext,
  TaskBinding,
  TaskOverride,
  VisitedState,
} from './workflow/types.ts';

/** What a local workflow is made of. */
export interface WorkflowOptions {
  /** A state machine from `readTemplate()` (or `startLocalStack()`), or a bare ASL definition. */
  readonly stateMachine: RenderedStateMachine | AslDefinition;
  /** The template's functions (`LocalTemplate.functions`): maps Task resources to handler keys. */
  readonly functions?: Readonly<Record<string, LocalFunction>>;
  /** `medins:handler` key (or function logical id) → handler. */
  readonly handlers?: Readonly<Record<string, LocalHandler>>;
  /** For DynamoDB Tasks. */
  readonly dynamodb?: DynamoDBClient;
  /** For SQS Tasks. */
  readonly sqs?: SQSClient;
  /** State name → a function that runs instead of the Task's resource. */
  readonly overrides?: Readonly<Record<string, TaskOverride>>;
  /**
   * Multiplies Retry intervals and Wait durations: 1 (default) waits as on AWS,
   * 0 does not wait, 0.001 turns seconds into milliseconds. Attempts are unchanged.
   */
  readonly timeScale?: number;
  /** Check the definition is valid ASL first (once per distinct definition); default true. */
  readonly validate?: boolean;
  /**
   * Issues and answers the tokens of `.waitForTaskToken` Tasks (task-tokens.ts);
   * their HeartbeatSeconds and TimeoutSeconds run on `timeScale`. Without it such a
   * Task cannot be bound.
   */
  readonly taskTokens?: TaskTokens;
}

/** Options of one run. */
export interface RunOptions {
  /** The execution name (default a UUID), as `$$.Execution.Name`. */
  readonly name?: string;
}

/** A state machine ready to run locally. */
export interface LocalWorkflow {
  /** The definition as rendered (timings unscaled). */
  readonly definition: AslDefinition;
  readonly stateMachineArn: string;
  /** How each Task state runs locally. */
  readonly bindings: readonly TaskBinding[];
  /** Runs one execution to its end. Never throws for a failed execution: see `status`. */
  run(input: unknown, options?: RunOptions): Promise<ExecutionResult>;
}

/**
 * Binds a state machine's Tasks and returns something to run it with. Throws a
 * WorkflowBindingError listing every Task that has no local binding.
 *
 * @example
 * ```ts
 * const flow = createWorkflow({
 *   stateMachine: local.stateMachines.ClaimFlow1234ABCD,
 *   functions: local.functions,
 *   handlers: { 'claims/check-eligibility': checkEligibility.handler },
 *   dynamodb: stack.dynamodb,
 *   timeScale: 0,
 * });
 * const result = await flow.run({ claimId: 'c-1' });
 * if (result.status === 'SUCCEEDED') console.log(result.output, result.transitions);
 * ```
 */
export function createWorkflow(options: WorkflowOptions): LocalWorkflow {
  const rendered = 'definition' in options.stateMachine ? options.stateMachine : undefined;
  const definition = rendered?.definition ?? (options.stateMachine as AslDefinition);
  const stateMachineArn = rendered?.arn ?? `arn:aws:states:us-east-1:${LOCAL_ACCOUNT_ID}:stateMachine:local`;
  refuseUnsupported(definition);
  // Validate what was rendered; the scaled copy (fractional intervals) runs unvalidated.
  if (options.validate ?? true) assertValidAsl(definition);
  const { localHandlers, bindings } = bindTasks(definition, {
    functions: options.functions ?? {},
    handlers: options.handlers ?? {},
    dynamodb: options.dynamodb,
    sqs: options.sqs,
    overrides: options.overrides ?? {},
    taskTokens: options.taskTokens,
    timeScale: options.timeScale ?? 1,
  });
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale >= 0 && Number.isFinite(timeScale)))
    throw new WorkflowBindingError(`timeScale must be a finite number >= 0, got ${timeScale}`);
  const scaled = scaleTimings(definition, timeScale);
  // Over 256 KiB in or out of a state fails the run with States.DataLimitExceeded, as on AWS.
  const machine = boundStateData(
    new StateMachine(callbacksPrepared(scaled.definition) as StateMachineDefinition, { validationOptions: { noValidate: true } }),
    STATE_DATA_LIMIT_BYTES,
    handlerResultStates(definition, options.overrides ?? {}),
  );
  return {
    definition,
    stateMachineArn,
    bindings,
    async run(input, runOptions = {}) {
      const name = runOptions.name ?? randomUUID();
      const executionArn = stateMachineArn.replace(':stateMachine:', ':execution:') + `:${name}`;
      const smName = stateMachineArn.split(':').pop() ?? 'local';
      const started = performance.now();
      const execution = machine.run(input as never, {
        overrides: { taskResourceLocalHandlers: localHandlers as never, waitTimeOverrides: scaled.waitTimeOverrides },
        context: {
          Execution: { Id: executionArn, Name: name, RoleArn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/local` },
          StateMachine: { Id: stateMachineArn, Name: smName },
        },
      });
      const events: ExecutionEvent[] = [];
      const collecting = (async () => {
        for await (const event of execution.eventLogs) events.push(event);
      })();
      let outcome: Pick<ExecutionResult, 'status'> & Record<string, unknown>;
      try {
        outcome = { status: 'SUCCEEDED', output: await execution.result };
      } catch (error) {
        outcome = failure(error);
      }
      await collecting;
      const states: VisitedState[] = events.flatMap((e) =>
        e.type === 'StateEntered' ? [{ name: e.state.name, type: e.state.type, ...(e.index !== undefined && { mapIndex: e.index }) }] : [],
      );
      const retries = events.filter((e) => e.type === 'StateRetried').length;
      return {
        ...outcome,
        executionArn,
        input,
        states,
        transitions: states.length + retries,
        events,
        durationMs: Math.round(performance.now() - started),
      } as ExecutionResult;
    },
  };
}

/**
 * Binds and runs once: `createWorkflow(options).run(input)`.
 *
 * @example
 * ```ts
 * const result = await runWorkflow({ stateMachine: definition, handlers, input: { claimId: 'c-1' }, timeScale: 0 });
 * ```
 */
export async function runWorkflow(options: WorkflowOptions & { readonly input: unknown }): Promise<ExecutionResult> {
  return createWorkflow(options).run(options.input);
}

/**
 * The top-level Task states whose output is their handler's result as is: a
 * Lambda in the direct form (invokeHandler's result is the task's result), not
 * overridden, with no ResultSelector, ResultPath or OutputPath to reshape it.
 */
function handlerResultStates(definition: AslDefinition, overrides: Readonly<Record<string, TaskOverride>>): ReadonlySet<string> {
  const names = new Set<string>();
  for (const [name, state] of Object.entries(definition.States as Record<string, AslState>)) {
    if (state.Type !== 'Task' || overrides[name] || lambdaTarget(state)?.form !== 'direct') continue;
    if ('ResultSelector' in state || 'ResultPath' in state || 'OutputPath' in state) continue;
    names.add(name);
  }
  return names;
}

/** The interpreter's failure, as Step Functions reports it: error name and cause. */
function failure(error: unknown): Pick<ExecutionResult, 'status'> & Record<string, unknown> {
  if (error instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT' };
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  // ExecutionError wraps the state's error in `cause`.
  const inner = (error as { cause?: unknown }).cause ?? error;
  const e = inner as { name?: string; message?: string };
  return {
    status: 'FAILED',
    error: e.name ?? 'Error',
    cause: e.message ?? String(inner),
    ...(inner instanceof LambdaHandlerError && { thrown: inner.thrown }),
  };
}

/** Features of newer ASL that aws-local-stepfunctions 3 does not interpret: refuse them up front. */
function refuseUnsupported(definition: AslDefinition): void {
  const raw = definition as unknown as Record<string, unknown>;
  const found: string[] = [];
  if (raw.QueryLanguage === 'JSONata') found.push('QueryLanguage JSONata');
  walkStates(definition, (name, state) => {
    if (state.QueryLanguage === 'JSONata') found.push(`"${name}": QueryLanguage JSONata`);
    if (state.Assign !== undefined) found.push(`"${name}": Assign (variables)`);
    if (state.Type === 'Map' && (state.ItemReader !== undefined || state.ResultWriter !== undefined))
      found.push(`"${name}": distributed Map`);
  });
  if (found.length > 0) throw new WorkflowBindingError(`aws-local-stepfunctions 3 cannot run: ${found.join(', ')}`);
}

/**
 * The copy the interpreter runs. Its execution timeout is kept within what a timer
 * can count. For Tasks that wait for a token: Parameters carry
 * a placeholder where they read `$$.Task.Token` (the interpreter has no `$$.Task`;
 * the binding puts the issued token there), and the interpreter's own TimeoutSeconds
 * is pushed past the binding's, which counts the task's time on the workflow's clock.
 */
function callbacksPrepared(definition: AslDefinition): AslDefinition {
  const prepare = (machine: AslDefinition): AslDefinition => ({
    ...machine,
    States: Object.fromEntries(
      Object.entries(machine.States).map(([name, raw]) => {
        const state = { ...(raw as AslState) } as Record<string, unknown> & AslState;
        if (state.Type === 'Task' && String(state.Resource ?? '').endsWith('.waitForTaskToken')) {
          state.Parameters = withTokenPlaceholder(state.Parameters);
          // No TimeoutSeconds waits as long as Step Functions lets it; the interpreter's default would end it after 60 s.
          state.TimeoutSeconds = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds + 60 : 1_000_000;
        }
        if (state.ItemProcessor) state.ItemProcessor = prepare(state.ItemProcessor as AslDefinition);
        if (state.Iterator) state.Iterator = prepare(state.Iterator as AslDefinition);
        if (Array.isArray(state.Branches)) state.Branches = (state.Branches as AslDefinition[]).map(prepare);
        return [name, state];
      }),
    ) as AslDefinition['States'],
  });
  const out = prepare(definition) as AslDefinition & { TimeoutSeconds?: number };
  // A Standard execution may run a year; the interpreter's timer cannot count past 2^31 ms (it would fire at once).
  if (typeof out.TimeoutSeconds === 'number' && out.TimeoutSeconds > MAX_TIMER_SECONDS) out.TimeoutSeconds = MAX_TIMER_SECONDS;
  return out;
}

/** The longest a Node.js timer waits (2^31 − 1 ms), in whole seconds. */
const MAX_TIMER_SECONDS = 2_147_483;
