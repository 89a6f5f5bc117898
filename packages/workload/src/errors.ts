/**
 * The workload generator's errors, of the project's family (`MedinsError`).
 * None depends on the seed's luck: each is a caller's mistake (an option out of
 * range) or a generator bug (a draw from nothing, a calendar that does not fit).
 */
import { MedinsError } from '@medins/engine';

/** An option of `generateWorkload` is out of range; `entity` names the option. */
export class WorkloadOptionError extends MedinsError {
  override readonly name = 'WorkloadOptionError';
  readonly code = 'INVALID_WORKLOAD_OPTION';
}

/** A random draw from an empty list or from weights that add up to nothing. */
export class DrawError extends MedinsError {
  override readonly name = 'DrawError';
  readonly code = 'NOTHING_TO_DRAW';
}

/** The generated calendar breaks a rule of DOMAIN.md (the renewal campaign outside the next enrollment window). */
export class CalendarError extends MedinsError {
  override readonly name = 'CalendarError';
  readonly code = 'CALENDAR_INCONSISTENT';
}
