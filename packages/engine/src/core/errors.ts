/**
 * The error family every package throws from. An error thrown on purpose is a
 * subclass of `MedinsError`: a literal `name` (what Step Functions' `Retry` and
 * `Catch` match on, and what survives bundling), a stable `code` in
 * UPPER_SNAKE_CASE, the field or entity it concerns when there is one, and the
 * error it was raised from as `cause`. Messages name the field and the rule and
 * never carry personal data.
 *
 * @example
 * ```ts
 * export class ConflictError extends MedinsError {
 *   override readonly name = 'ConflictError';
 *   readonly code = 'CONFLICT';
 * }
 * throw new ConflictError('an item it read changed before the commit', { entity: 'accounts|m1', cause: e });
 * ```
 */
export interface MedinsErrorOptions {
  /** The error this one was raised from. */
  readonly cause?: unknown;
  /** The field (`events[3].lines[0].amountFen`) or entity (`accounts|m1`) it concerns. */
  readonly entity?: string;
}

export abstract class MedinsError extends Error {
  abstract override readonly name: string;
  /** Stable, UPPER_SNAKE_CASE: callers and dashboards match on it, never on the message. */
  abstract readonly code: string;
  readonly entity: string | undefined;

  constructor(message: string, options: MedinsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.entity = options.entity;
  }
}

/** A rule the engine enforces on every change was about to break: a bug, never a business outcome. */
export class InvariantError extends MedinsError {
  override readonly name = 'InvariantError';
  readonly code = 'INVARIANT_BROKEN';
}

/**
 * A figure that cannot be money: a fraction of a fen, an unsafe integer, a
 * negative amount where the rounding rule needs a non-negative one. The
 * contract refuses such figures at the door, so inside the engine it is a bug.
 */
export class AmountError extends MedinsError {
  override readonly name = 'AmountError';
  readonly code = 'INVALID_AMOUNT';
}

/** A process was started without the configuration it needs (a table name, a queue URL, a state machine). */
export class ConfigurationError extends MedinsError {
  override readonly name = 'ConfigurationError';
  readonly code = 'CONFIGURATION_MISSING';
}
