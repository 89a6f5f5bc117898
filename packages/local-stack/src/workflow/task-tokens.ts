/**
 * The callback pattern (`.waitForTaskToken`), done locally. aws-local-stepfunctions 3
 * does not interpret it (no `$$.Task.Token`, no SendTaskSuccess, no
 * `HeartbeatSeconds`), so the local stack issues the tokens itself: a waiting Task
 * is bound to a function that issues a token, hands it to the Task's resource
 * (the Lambda it invokes), then parks until someone answers the token — as
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat do on AWS — or its
 * heartbeat or timeout lapses (`States.HeartbeatTimeout`, `States.Timeout`),
 * on the workflow's clock (`timeScale`).
 *
 * A token is answered once: a second answer, or an answer after the task timed
 * out, fails with `TaskTimedOut` as on AWS; a token never issued here fails with
 * `InvalidToken`. Tokens are random, never derived from the input, and forgotten
 * as soon as their task ends.
 */
import { randomBytes } from 'node:crypto';
import { LocalStackError } from '../errors.ts';

/** Step Functions' answer to a task response for a task that is no longer waiting (answered, timed out, aborted). */
export class TaskTimedOutError extends LocalStackError {
  override readonly name = 'TaskTimedOut';
  override readonly code = 'TASK_TIMED_OUT';
}

/** Step Functions' answer to a task response with a token it never issued. */
export class InvalidTokenError extends LocalStackError {
  override readonly name = 'InvalidToken';
  override readonly code = 'INVALID_TOKEN';
}

/**
 * How a waiting task ends without an answer, named as Step Functions names it so
 * the state's Catch matches as on AWS; and a failure sent with SendTaskFailure,
 * named by the sender's `error`.
 */
export class TaskEndedError extends LocalStackError {
  override readonly name: string;
  override readonly code = 'TASK_ENDED';
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

/** The limits of one waiting task, already on the local clock (milliseconds). */
export interface WaitLimits {
  /** Ends the task with `States.HeartbeatTimeout` when no heartbeat (or answer) comes for this long. */
  readonly heartbeatMs?: number;
  /** Ends the task with `States.Timeout` this long after it started. */
  readonly timeoutMs?: number;
}

interface Waiting {
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly limits: WaitLimits;
  heartbeat?: NodeJS.Timeout;
  timeout?: NodeJS.Timeout;
}

/**
 * The task tokens of one local stack: issued by waiting Tasks, answered by the
 * caller (the embedded stack's reviewers' tool, tests).
 *
 * @example
 * ```ts
 * const tokens = new TaskTokens();
 * const flow = createWorkflow({ stateMachine, handlers, taskTokens: tokens, timeScale: 0.001 });
 * const run = flow.run(input);                 // parks at the waiting Task
 * tokens.sendTaskSuccess(tokenTheHandlerSaw, JSON.stringify({ approved: true }));
 * await run;                                   // SUCCEEDED, the Task's result is { approved: true }
 * ```
 */
export class TaskTokens {
  readonly #waiting = new Map<string, Waiting>();

  /** Tasks waiting for an answer now. */
  get open(): number {
    return this.#waiting.size;
  }

  /**
   * Issues a token and the promise of its answer. Call `started` once the Task's
   * resource has been handed the token: the limits count from then.
   */
  issue(limits: WaitLimits): { readonly token: string; readonly answer: Promise<unknown>; started(): void; discard(): void } {
    const token = randomBytes(48).toString('base64url');
    const answer = new Promise<unknown>((resolve, reject) => {
      this.#waiting.set(token, { resolve, reject, limits });
    });
    return {
      token,
      answer,
      started: () => {
        const w = this.#waiting.get(token);
        if (!w) return;
        if (limits.timeoutMs !== undefined) {
          w.timeout = setTimeout(() => this.#end(token, new TaskEndedError('States.Timeout', 'the task timed out')), limits.timeoutMs);
        }
        this.#armHeartbeat(token, w);
      },
      // The resource never got the token (its invoke failed): nobody can answer it.
      discard: () => {
        const w = this.#waiting.get(token);
        if (w) this.#forget(token, w);
        answer.catch(() => {});
      },
    };
  }

  /** As SendTaskSuccess: `output` is the JSON text the Task returns. */
  sendTaskSuccess(token: string, output: string): void {
    const parsed = JSON.parse(output) as unknown;
    this.#take(token).resolve(parsed);
  }

  /** As SendTaskFailure: the Task fails with `error` (its Catch matches on it) and `cause`. */
  sendTaskFailure(token: string, error: string, cause = ''): void {
    this.#take(token).reject(new TaskEndedError(error, cause));
  }

  /** As SendTaskHeartbeat: the heartbeat interval starts again. */
  sendTaskHeartbeat(token: string): void {
    const w = this.#find(token);
    this.#armHeartbeat(token, w);
  }

  /** Ends every waiting task (`States.Runtime`): the stack is stopping or the caller starts afresh. */
  abortAll(): void {
    for (const token of [...this.#waiting.keys()]) this.#end(token, new TaskEndedError('States.Runtime', 'the local stack stopped'));
  }

  #armHeartbeat(token: string, w: Waiting): void {
    if (w.limits.heartbeatMs === undefined) return;
    if (w.heartbeat) clearTimeout(w.heartbeat);
    w.heartbeat = setTimeout(
      () => this.#end(token, new TaskEndedError('States.HeartbeatTimeout', 'no heartbeat in time')),
      w.limits.heartbeatMs,
    );
  }

  #find(token: string): Waiting {
    const w = this.#waiting.get(token);
    if (w) return w;
    if (!/^[A-Za-z0-9_-]{64}$/.test(token)) throw new InvalidTokenError('the task token is not one this stack issued');
    throw new TaskTimedOutError('the task is no longer waiting (answered, timed out or aborted)');
  }

  #take(token: string): Waiting {
    const w = this.#find(token);
    this.#forget(token, w);
    return w;
  }

  #end(token: string, error: Error): void {
    const w = this.#waiting.get(token);
    if (!w) return;
    this.#forget(token, w);
    w.reject(error);
  }

  #forget(token: string, w: Waiting): void {
    if (w.heartbeat) clearTimeout(w.heartbeat);
    if (w.timeout) clearTimeout(w.timeout);
    this.#waiting.delete(token);
  }
}

/** What a definition's `"X.$": "$$.Task.Token"` becomes locally; replaced by the issued token at run time. */
const TASK_TOKEN_PLACEHOLDER = 'local-task-token-placeholder';

/**
 * A copy of Parameters with every `"<key>.$": "$$.Task.Token"` written as
 * `"<key>": TASK_TOKEN_PLACEHOLDER`: the interpreter has no `$$.Task`.
 *
 * @example
 * ```ts
 * withTokenPlaceholder({ Payload: { 'token.$': '$$.Task.Token' } }); // { Payload: { token: 'local-task-token-placeholder' } }
 * ```
 */
export function withTokenPlaceholder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withTokenPlaceholder);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) =>
      k.endsWith('.$') && v === '$$.Task.Token' ? [k.slice(0, -2), TASK_TOKEN_PLACEHOLDER] : [k, withTokenPlaceholder(v)],
    ),
  );
}

/** The input with the placeholder replaced by the token. */
export function withToken(value: unknown, token: string): unknown {
  if (value === TASK_TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((v) => withToken(v, token));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withToken(v, token)]));
}
