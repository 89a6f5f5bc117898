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
 * @example
 * ```ts
 * const machine = boundStateData(new StateMachine(definition));
 * ```
 */
export function boundStateData<M extends StateMachine>(machine: M, limitBytes = STATE_DATA_LIMIT_BYTES): M {
  const running = machine as unknown as Executing;
  if (typeof running.execute !== 'function') {
    throw new TypeError('aws-local-stepfunctions moved StateMachine#execute: update boundStateData() in workflow/limits.ts');
  }
  const execute = running.execute.bind(machine);
  running.execute = (input, options, cleanup) => {
    const logger = options.eventLogger;
    const entered = logger.dispatchStateEnteredEvent.bind(logger);
    const exited = logger.dispatchStateExitedEvent.bind(logger);
    // A state's input is the previous state's output (the same object): it was measured on the way out.
    let measured: unknown;
    logger.dispatchStateEnteredEvent = (stateName, stateType, stateInput) => {
      if (stateInput !== measured) refuseOver(limitBytes, stateName, 'input', stateInput);
      entered(stateName, stateType, stateInput);
    };
    logger.dispatchStateExitedEvent = (stateName, stateType, stateInput, output) => {
      refuseOver(limitBytes, stateName, 'output', output);
      measured = output;
      exited(stateName, stateType, stateInput, output);
    };
    return execute(input, options, cleanup);
  };
  return machine;
}

function refuseOver(limitBytes: number, stateName: string, which: 'input' | 'output', data: unknown): void {
  const bytes = stateDataBytes(data);
  if (bytes > limitBytes) {
    throw new DataLimitExceededError(
      `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit: its ${which} is ${bytes} bytes, the limit ${limitBytes}`,
      { entity: stateName },
    );
  }
}
