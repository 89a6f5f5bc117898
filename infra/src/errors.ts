/**
 * infra's errors, of the project's family (`MedinsError`): each is raised while
 * the CDK app is built or a synthesized template is read, never at run time.
 */
import { MedinsError } from '@medins/engine';

/** The stage asked for (`-c stage=…`) is not one of `STAGES`. */
export class StageError extends MedinsError {
  override readonly name = 'StageError';
  readonly code = 'UNKNOWN_STAGE';
}

/** A workflow asked for the function of a handler key that was not built. */
export class MissingHandlerError extends MedinsError {
  override readonly name = 'MissingHandlerError';
  readonly code = 'HANDLER_NOT_BUILT';
}

/** A synthesized template does not have the shape this app gives it (a state machine missing or doubled). */
export class TemplateShapeError extends MedinsError {
  override readonly name = 'TemplateShapeError';
  readonly code = 'TEMPLATE_UNEXPECTED';
}
