/**
 * The bench's errors, of the project's family (`MedinsError`). A measurement
 * that ran wrong is refused rather than reported: a figure from a failed run
 * would mislead more than no figure.
 */
import { MedinsError } from '@medins/engine';

/** The bench or one of its child scripts was called with arguments it does not take. */
export class BenchUsageError extends MedinsError {
  override readonly name = 'BenchUsageError';
  readonly code = 'BENCH_USAGE';
}

/** A measured run did not do what it measures (a claim not settled, a request refused, nothing to time). */
export class BenchRunError extends MedinsError {
  override readonly name = 'BenchRunError';
  readonly code = 'BENCH_RUN_FAILED';
}

/** The synthesized template lacks what the cost model prices (a function of a workflow step). */
export class BenchTemplateError extends MedinsError {
  override readonly name = 'BenchTemplateError';
  readonly code = 'TEMPLATE_INCOMPLETE';
}
