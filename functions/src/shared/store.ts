/**
 * The process's store: created on first use from `MEDINS_TABLE_*`, reused across
 * invocations (connections and the catalog cache survive between requests).
 */
import { Store } from '@medins/store';

let store: Store | null = null;

export function getStore(): Store {
  store ??= Store.fromEnv([]);
  return store;
}

/** Replaces the process's store (the embedded stack points it at DynamoDB Local). */
export function setStore(next: Store): void {
  store = next;
}
