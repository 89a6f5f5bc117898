/**
 * The insurer views' errors, of the project's family (`MedinsError`). Each is a
 * caller's input that cannot be read as a run: files of two different runs, an
 * unknown claim id, a what-if parameter that names nothing or breaks the contract.
 */
import { MedinsError } from '@medins/engine';

/** The run's files disagree or lack what a view needs; `entity` names the file, event or claim. */
export class InsurerInputError extends MedinsError {
  override readonly name = 'InsurerInputError';
  readonly code = 'INSURER_INPUT_INVALID';
}

/** A what-if `--set` names no parameter of the world, or its value breaks the scenario contract; `entity` names it. */
export class WhatIfParameterError extends MedinsError {
  override readonly name = 'WhatIfParameterError';
  readonly code = 'WHATIF_PARAMETER_INVALID';
}
