/**
 * The local stack's error family, part of the project's (`MedinsError`). Each
 * failure a caller can act on has its own named class with a stable `code`, so it
 * can be matched by `name`, `code` or `instanceof`, and the text says what to do,
 * not only what went wrong. `entity` names the port, resource or state concerned.
 */
import { MedinsError, type MedinsErrorOptions } from '@medins/engine';

/** Base of every error thrown by `@medins/local-stack`: catch it to catch them all. */
export class LocalStackError extends MedinsError {
  override readonly name: string = 'LocalStackError';
  readonly code: string = 'LOCAL_STACK_FAILED';
}

/** No Java runtime, or one older than DynamoDB Local needs (17). */
export class JavaRuntimeError extends LocalStackError {
  override readonly name = 'JavaRuntimeError';
  override readonly code = 'JAVA_RUNTIME_UNUSABLE';
}

/** A port the caller asked for is already taken on the loopback interface. */
export class PortInUseError extends LocalStackError {
  override readonly name = 'PortInUseError';
  override readonly code = 'PORT_IN_USE';
  /** The port that was asked for. */
  readonly port: number;
  constructor(port: number, options: Pick<MedinsErrorOptions, 'cause'> = {}) {
    super(`port ${port} on 127.0.0.1 is already in use: free it, pick another port, or omit the port to get a free one`, {
      ...options,
      entity: `127.0.0.1:${port}`,
    });
    this.port = port;
  }
}

/** A port the caller asked for cannot be used at all: not a TCP port, or one this process may not bind. */
export class PortUnusableError extends LocalStackError {
  override readonly name = 'PortUnusableError';
  override readonly code = 'PORT_UNUSABLE';
}

/** An emulator did not come up (it exited, or did not answer in time), or a table or queue could not be created in it. */
export class StartupError extends LocalStackError {
  override readonly name = 'StartupError';
  override readonly code = 'EMULATOR_STARTUP_FAILED';
}

/** The template asks for something the local stack cannot reproduce. */
export class TemplateError extends LocalStackError {
  override readonly name = 'TemplateError';
  override readonly code = 'TEMPLATE_UNSUPPORTED';
}

/** No resource has the logical id asked for, or several start with it. */
export class LogicalIdError extends LocalStackError {
  override readonly name = 'LogicalIdError';
  override readonly code = 'LOGICAL_ID_UNRESOLVED';
}

/** A state machine cannot be bound to local handlers (a Task without a handler, an unsupported resource). */
export class WorkflowBindingError extends LocalStackError {
  override readonly name = 'WorkflowBindingError';
  override readonly code = 'WORKFLOW_UNBINDABLE';
}

/**
 * A handler failure as the interpreter must see it: named like the error the
 * handler threw (`errorType`, as the Node.js Lambda runtime reports it), with
 * the `{ errorType, errorMessage, trace }` text Lambda would give as the cause.
 * What the handler threw is kept as `thrown`, not as `cause`: the interpreter
 * reports `error.cause ?? error.message` as the state's `Cause`, and must see
 * Lambda's text there, not an object.
 */
export class LambdaHandlerError extends LocalStackError {
  override readonly name: string;
  override readonly code = 'LAMBDA_HANDLER_FAILED';
  /** What the handler threw. */
  readonly thrown: unknown;
  /** @param entity the handler key (or logical id) of the function that threw. */
  constructor(thrown: unknown, entity?: string) {
    // As the Node.js runtime reports errors: errorType is the error's name, or typeof for a non-Error.
    const isError = thrown instanceof Error;
    const errorType = isError ? thrown.name : typeof thrown;
    const errorMessage = isError ? thrown.message : String(thrown);
    const trace = isError ? (thrown.stack ?? '').split('\n') : [];
    super(JSON.stringify({ errorType, errorMessage, trace }), entity === undefined ? {} : { entity });
    this.name = errorType;
    this.thrown = thrown;
  }
}

/**
 * A service call failure (DynamoDB, SQS) named as Step Functions names it
 * (`DynamoDB.ConditionalCheckFailedException`, `Sqs.SdkClientException`). The
 * SDK's error is kept as `thrown`, not as `cause`, for the same reason as
 * {@link LambdaHandlerError}: the interpreter reports `cause` as the state's `Cause`.
 */
export class ServiceTaskError extends LocalStackError {
  override readonly name: string;
  override readonly code = 'SERVICE_TASK_FAILED';
  /** What the SDK threw. */
  readonly thrown: unknown;
  constructor(name: string, message: string, thrown?: unknown) {
    super(message);
    this.name = name;
    this.thrown = thrown;
  }
}

/**
 * A state's input or output over Step Functions' quota (256 KiB of UTF-8 JSON),
 * named as Step Functions names it. On AWS it is a terminal error: `States.ALL`
 * does not catch it, so the execution fails at that state whatever its Catch says.
 */
export class DataLimitExceededError extends LocalStackError {
  override readonly name = 'States.DataLimitExceeded';
  override readonly code = 'STATE_DATA_LIMIT_EXCEEDED';
}
