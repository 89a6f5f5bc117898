/**
 * Use case: apply one single-step event exactly once — load its snapshot, let the
 * engine decide, commit in one transaction; on a conflict (another event changed
 * an item this one read) load and decide again, a bounded number of times.
 * Used where one call does the whole job (the HTTP API, tools); the workflows run
 * the same steps as separate states.
 */
import { decide, SnapshotView, type EventResult, type SingleStepEvent } from '@medins/engine';
import { ConflictError, type CommitOutcome, type Store } from '@medins/store';

export const MAX_CONFLICT_RETRIES = 8;

/** Full jitter backoff between conflict retries: contention on one hot account spreads out. */
export const conflictBackoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));

export async function applyEvent(store: Store, event: SingleStepEvent, eventDoc: unknown): Promise<CommitOutcome & { result: EventResult }> {
  for (let attempt = 0; ; attempt++) {
    const loaded = await store.load(event);
    if (loaded.prior) return { applied: false, result: loaded.prior, committedAt: null, notificationIds: [] };
    const decision = decide(event, new SnapshotView(await store.catalog(), loaded.snapshot));
    try {
      return await store.commit(
        { eventId: event.id, type: event.type, result: decision.result, eventDoc, changes: decision.changes, notifications: decision.notifications },
        loaded,
      );
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw e;
      await conflictBackoff(attempt);
    }
  }
}
