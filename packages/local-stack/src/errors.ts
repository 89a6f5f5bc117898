/**
 * The local stack's error family. Each failure a caller can act on has its own
 * named class, so a message can be matched by `name` (and by `instanceof`) and
 * the text says what to do, not only what went wrong.
 */

/** Base of every error thrown by `@medins/local-stack`. */
export class LocalStackError extends Error {
  override readonly name: string = 'LocalStackError';
}

/** No Java runtime, or one older than DynamoDB Local needs (17). */
export class JavaRuntimeError extends LocalStackError {
  override readonly name = 'JavaRuntimeError';
}

/** A port the caller asked for is already taken on the loopback interface. */
export class PortInUseError extends LocalStackError {
  override readonly name = 'PortInUseError';
  /** The port that was asked for. */
  readonly port: number;
  constructor(port: number, options?: ErrorOptions) {
    super(`port ${port} on 127.0.0.1 is already in use: free it, pick another port, or omit the port to get a free one`, options);
    this.port = port;
  }
}

/** An emulator did not come up: it exited, or did not answer in time. */
export class StartupError extends LocalStackError {
  override readonly name = 'StartupError';
}

/** The template asks for something the local stack cannot reproduce. */
export class TemplateError extends LocalStackError {
  override readonly name = 'TemplateError';
}

/** A state machine cannot be bound to local handlers (a Task without a handler, an unsupported resource). */
export class WorkflowBindingError extends LocalStackError {
  override readonly name = 'WorkflowBindingError';
}
