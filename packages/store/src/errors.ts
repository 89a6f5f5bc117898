/**
 * store → errors: the store's part of the error family. Step Functions routes on
 * `name`: a ConflictError is re-read and re-decided, a TransientError is retried
 * with backoff, anything else is a failure that lands in the dead-letter path.
 * `WORKFLOW_ERROR_NAMES` is the one list the workflows' Retry and Catch use.
 */
import { MedinsError } from '@medins/engine';

/** The store cannot do what it was asked: a bug or a deployment error, not a business outcome. */
export class StoreError extends MedinsError {
  override readonly name: string = 'StoreError';
  readonly code: string = 'STORE_FAILED';
}

/** Another event changed an item this one read (version mismatch) after it was read. */
export class ConflictError extends StoreError {
  override readonly name = 'ConflictError';
  override readonly code = 'CONFLICT';
}

/** Throttling, a timeout, a 5xx: the same call may succeed later. */
export class TransientError extends StoreError {
  override readonly name = 'TransientError';
  override readonly code = 'TRANSIENT';
}

/** The error names the workflows route on, taken from the classes (infra imports this list). */
export const WORKFLOW_ERROR_NAMES = {
  conflict: new ConflictError('').name,
  transient: new TransientError('').name,
} as const;
