/**
 * Step Functions' payload quota, enforced by the local interpreter: every
 * state's input and output is at most 256 KiB as a UTF-8 encoded JSON string
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html,
 * "Maximum input or output size for a task, activity, or state"). Over it, AWS
 * fails the execution with the terminal `States.DataLimitExceeded`, which no
 * Catch intercepts (not even `States.ALL`); the local run fails the same way, at
 * the same state, before the next state runs — so a state that would not fit on
 * AWS cannot pass a local test.
 */
import type { StateMachine } from 'aws-local-stepfunctions';
import { DataLimitExceededError } from '../errors.ts';

/** 256 KiB: the largest state input or output Step Functions accepts, in UTF-8 bytes of its JSON. */
export const STATE_DATA_LIMIT_BYTES = 256 * 1024;

/**
 * The size Step Functions counts for a state's data: its JSON in UTF-8 bytes.
 *
 * @example
 * ```ts
 * stateDataBytes({ id: '医保' }); // 15
 * ```
 */
export function stateDataBytes(data: unknown): number {
  return Buffer.byteLength(JSON.stringify(data ?? null), 'utf8');
}

/**
 * The JSON text a Lambda handler's result was serialized to (lambda-task.ts),
 * by the object parsed back from it: that object's JSON is the same text, so
 * its size need not be counted twice. Only trusted at the exit of a state
 * `boundStateData` was told outputs its handler's result as is.
 */
const serialized = new WeakMap<object, string>();

/**
 * Records that `parsed` is `JSON.parse(text)` of a handler's result, freshly
 * made: `JSON.stringify(parsed) === text` (a text JSON.stringify produced reads
 * back to an object that writes out the same: key order, numbers and escapes
 * all round-trip).
 *
 * @example
 * ```ts
 * const text = JSON.stringify(result ?? null);
 * const parsed = JSON.parse(text);
 * noteSerialized(parsed, text);
 * ```
 */
export function noteSerialized(parsed: unknown, text: string): void {
  if (typeof parsed === 'object' && parsed !== null) serialized.set(parsed, text);
}

/**
 * State types whose action only routes its input (interpreter code, no handler,
 * synchronous): an output that is the very input object is unchanged, and the
 * input was measured on the way in.
 */
const ROUTING = new Set(['Choice', 'Pass', 'Succeed']);

/** The part of aws-local-stepfunctions' event logger the bound reads (its `dispatch…` methods). */
interface StateEventLogger {
  dispatchStateEnteredEvent(stateName: string, stateType: string, input: unknown): void;
  dispatchStateExitedEvent(stateName: string, stateType: string, input: unknown, output: unknown): void;
}

/** The interpreter's private per-run entry point (`StateMachine#execute`), whose options carry the run's event logger. */
interface Executing {
  execute(input: unknown, options: { eventLogger: StateEventLogger }, cleanup: () => void): Promise<unknown>;
}

/**
 * Makes one interpreter instance refuse a state whose input or output is over
 * `limitBytes`. aws-local-stepfunctions 3 has no hook for it; its run loop calls
 * the run's event logger synchronously as each state is entered and exited,
 * inside the loop's try, so a throw there fails the execution with that error as
 * AWS would (the state's Retry and Catch are not consulted). Only this instance
 * is changed, and only its top-level states are checked (a Map iteration's or
 * Parallel branch's states run in nested interpreters; the Map or Parallel
 * state's own output, which gathers them, is checked). The package is pinned to
 * an exact version and the local-stack tests fail if the private shape moves.
 *
 * Each state's data is measured once, which is the same bound as measuring every
 * input and output: a state's input is the previous state's output (the same
 * object, handed over synchronously), so only the execution's input is measured
 * on entry; a routing state (Choice, Pass, Succeed) whose output is its input
 * object has nothing new to measure; and a state named in `handlerResults` (a
 * Task whose output is its handler's result as is: direct Lambda form, no
 * ResultSelector, ResultPath or OutputPath, no override) is measured on the text
 * its result was serialized to (`noteSerialized`), if its output is that object.
 *
 * @example
 * ```ts
 * const machine = boundStateData(new StateMachine(definition));
 * ```
 */
export function boundStateData<M extends StateMachine>(
  machine: M,
  limitBytes = STATE_DATA_LIMIT_BYTES,
  handlerResults: ReadonlySet<string> = new Set(),
): M {
  const running = machine as unknown as Executing;
  if (typeof running.execute !== 'function') {
    throw new TypeError('aws-local-stepfunctions moved StateMachine#execute: update boundStateData() in workflow/limits.ts');
  }
  const execute = running.execute.bind(machine);
  running.execute = (input, options, cleanup) => {
    const logger = options.eventLogger;
    const entered = logger.dispatchStateEnteredEvent.bind(logger);
    const exited = logger.dispatchStateExitedEvent.bind(logger);
    // The last data measured in this run: the previous state's output, then this state's input.
    let measured: unknown;
    logger.dispatchStateEnteredEvent = (stateName, stateType, stateInput) => {
      if (stateInput !== measured) {
        refuseOver(limitBytes, stateName, 'input', stateDataBytes(stateInput));
        measured = stateInput;
      }
      entered(stateName, stateType, stateInput);
    };
    logger.dispatchStateExitedEvent = (stateName, stateType, stateInput, output) => {
      if (!(output === measured && ROUTING.has(stateType))) {
        const text = handlerResults.has(stateName) && typeof output === 'object' && output !== null ? serialized.get(output) : undefined;
        refuseOver(limitBytes, stateName, 'output', text === undefined ? stateDataBytes(output) : Buffer.byteLength(text, 'utf8'));
        measured = output;
      }
      exited(stateName, stateType, stateInput, output);
    };
    return execute(input, options, cleanup);
  };
  return machine;
}

function refuseOver(limitBytes: number, stateName: string, which: 'input' | 'output', bytes: number): void {
  if (bytes > limitBytes) {
    throw new DataLimitExceededError(
      `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit: its ${which} is ${bytes} bytes, the limit ${limitBytes}`,
      { entity: stateName },
    );
  }
}
