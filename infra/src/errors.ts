/**
 * infra's errors, of the project's family (`MedinsError`): each is raised while
 * the CDK app is built, never at run time.
 */
import { MedinsError } from '@medins/engine';

/** The stage asked for (`-c stage=…`) is not one of `STAGES`. */
export class StageError extends MedinsError {
  override readonly name = 'StageError';
  readonly code = 'UNKNOWN_STAGE';
}

/** A context value (`-c key=value`) the app cannot build with, e.g. a member issuer that is not an https URL. */
export class ContextValueError extends MedinsError {
  override readonly name = 'ContextValueError';
  readonly code = 'INVALID_CONTEXT';
}

/** A workflow asked for the function of a handler key that was not built. */
export class MissingHandlerError extends MedinsError {
  override readonly name = 'MissingHandlerError';
  readonly code = 'HANDLER_NOT_BUILT';
}
