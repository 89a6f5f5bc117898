/**
 * The shapes a caller sees when running a state machine locally: handlers
 * (what a Lambda Task runs in-process), the Lambda context handed to them, and
 * the result of an execution with the states it visited.
 */
import type { StateMachine } from 'aws-local-stepfunctions';

/**
 * The Lambda context a local handler receives: the fields Powertools and most
 * handlers read. There is no real invocation behind it, so `done`/`fail`/`succeed`
 * are absent.
 */
export interface LocalLambdaContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  /** As Lambda gives it: a string. */
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  /** Counts down from the function's Timeout in the template (not enforced locally). */
  getRemainingTimeInMillis(): number;
}

/**
 * A Lambda handler run in-process, e.g. the `handler` export of
 * `functions/src/claims/check-eligibility.ts`. Declared as a method type so a
 * handler with a narrower event type (`(state: WorkflowState) => …`) is accepted.
 */
export type LocalHandler = {
  bivarianceHack(event: unknown, context: LocalLambdaContext): unknown;
}['bivarianceHack'];

/** Runs one Task state instead of its resource: takes the state's effective input, returns its result. */
export type TaskOverride = (input: unknown) => unknown;

/** One event of the interpreter's execution log (StateEntered, StateRetried, …). */
export type ExecutionEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** A state the execution entered, in order. */
export interface VisitedState {
  readonly name: string;
  readonly type: string;
  /** The Map iteration it ran in, for states inside a Map. */
  readonly mapIndex?: number;
}

/** What every execution result carries. */
export interface ExecutionBase {
  readonly executionArn: string;
  readonly input: unknown;
  /** Every state entered, in order (retries of a state are not repeated here; see `transitions`). */
  readonly states: readonly VisitedState[];
  /**
   * State transitions as Step Functions Standard bills them: every state entered
   * plus every retry (inline Map iterations included).
   */
  readonly transitions: number;
  /** The interpreter's full event log, for assertions beyond the visited states. */
  readonly events: readonly ExecutionEvent[];
  readonly durationMs: number;
}

/** The outcome of one local execution. */
export type ExecutionResult =
  | (ExecutionBase & { readonly status: 'SUCCEEDED'; readonly output: unknown })
  | (ExecutionBase & {
      readonly status: 'FAILED';
      /** The Step Functions error name, e.g. `ConflictError`, `States.Timeout`, a Fail state's Error. */
      readonly error: string;
      /** The cause; for a handler error the JSON Lambda reports: `{"errorType","errorMessage","trace"}`. */
      readonly cause: string;
      /** What the handler threw, when a handler error ended the execution. */
      readonly thrown?: unknown;
    })
  | (ExecutionBase & { readonly status: 'TIMED_OUT' | 'ABORTED' });

/** How each Task state of a definition is executed locally. */
export interface TaskBinding {
  readonly state: string;
  readonly kind: 'lambda' | 'dynamodb' | 'sqs' | 'override';
  /** The handler key (or logical id) for Lambda, `putItem` etc. for services, the state name for overrides. */
  readonly target: string;
}
