/**
 * functions → api: who is calling the HTTP API. API Gateway authenticates the
 * caller with IAM; the platform authorizes: each principal is registered in the
 * catalog table (`principal|<arn>`) with a role and its scope. Lookups are cached
 * for a minute in a bounded cache, so a flood of unknown callers cannot grow it.
 */
import type { ApiStore } from '@medins/store/ports';

export type Principal =
  /** Operations staff: everything. */
  | { readonly id: string; readonly role: 'operations' }
  /** An insurer or agency's claims intake: members of its regions (province or city codes). */
  | { readonly id: string; readonly role: 'insurer'; readonly regions: readonly string[] }
  /** A hospital or pharmacy: its own claims. */
  | { readonly id: string; readonly role: 'provider'; readonly providerIds: readonly string[] }
  /** A member: their own view only. */
  | { readonly id: string; readonly role: 'member'; readonly memberId: string };

/** IAM ARNs are at most 2048 characters; the catalog key adds a prefix. */
const MAX_PRINCIPAL_ID = 2000;

export interface PrincipalDirectoryOptions {
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

export interface PrincipalDirectory {
  /** The registered principal, or null: an unknown caller may do nothing. */
  find(id: string): Promise<Principal | null>;
}

/**
 * Principals by id, cached (least recently used out first).
 *
 * @example
 * ```ts
 * const principals = principalDirectory(store);
 * const caller = await principals.find(event.requestContext.authorizer.iam.userArn);
 * ```
 */
export function principalDirectory(store: Pick<ApiStore, 'principal'>, options: PrincipalDirectoryOptions = {}): PrincipalDirectory {
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 1_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { principal: Principal | null; at: number }>();
  return {
    async find(id) {
      // No registered ARN is empty or this long; such a key would not even be a valid DynamoDB key.
      if (id === '' || id.length > MAX_PRINCIPAL_ID) return null;
      const hit = cache.get(id);
      if (hit && now() - hit.at < ttlMs) {
        cache.delete(id);
        cache.set(id, hit);
        return hit.principal;
      }
      const doc = await store.principal(id);
      const principal = doc ? ({ ...doc, id } as Principal) : null;
      cache.delete(id);
      cache.set(id, { principal, at: now() });
      while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return principal;
    },
  };
}

/** A principal's catalog document (operations tooling and the local stack register principals with it). */
export function principalDoc(principal: Principal): { pk: string; doc: Record<string, unknown> } {
  const { id, ...doc } = principal;
  return { pk: `principal|${id}`, doc };
}
