/**
 * The store's error family. Step Functions routes on `name`: a ConflictError is
 * re-read and re-decided, a TransientError is retried with backoff, anything else
 * is a failure that lands in the dead-letter path.
 */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
}

/** Another event changed an item this one read (version mismatch) after it was read. */
export class ConflictError extends StoreError {
  override readonly name = 'ConflictError';
}

/** Throttling, a timeout, a 5xx: the same call may succeed later. */
export class TransientError extends StoreError {
  override readonly name = 'TransientError';
}
