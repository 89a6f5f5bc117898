/**
 * functions → api: who is calling the HTTP API. Service callers (operations,
 * insurers, providers) are authenticated by API Gateway with IAM and registered in
 * the catalog table (`principal|<role arn>`) with a role and its scope; members
 * come through the JWT authorizer (identity.ts) and are never registered here.
 * Lookups are cached for a minute in a bounded cache, so a flood of unknown
 * callers cannot grow it.
 */
import type { ApiStore } from '@medins/store/ports';

/** A service principal's registration version (the catalog document's; 0 for one written before versions). */
type Registered = { readonly version?: number };

export type Principal =
  /** Operations staff: everything. */
  | ({ readonly id: string; readonly role: 'operations' } & Registered)
  /** An insurer or agency's claims intake: members of its regions (province or city codes). */
  | ({ readonly id: string; readonly role: 'insurer'; readonly regions: readonly string[] } & Registered)
  /** A claims department's reviewers (人工审核): held claims of members of its regions (province or city codes). */
  | ({ readonly id: string; readonly role: 'reviewer'; readonly regions: readonly string[] } & Registered)
  /** A hospital or pharmacy: its own claims. */
  | ({ readonly id: string; readonly role: 'provider'; readonly providerIds: readonly string[] } & Registered)
  /** A member, from a verified bearer token: themself only. */
  | { readonly id: string; readonly role: 'member'; readonly memberId: string };

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** A service principal from its catalog document, or null when the document is not one (a member, a typo). */
export function servicePrincipalOf(id: string, doc: Readonly<Record<string, unknown>>): Principal | null {
  const version = typeof doc.version === 'number' ? { version: doc.version } : {};
  if (doc.role === 'operations') return { id, role: 'operations', ...version };
  if (doc.role === 'insurer' && strings(doc.regions)) return { id, role: 'insurer', regions: doc.regions, ...version };
  if (doc.role === 'reviewer' && strings(doc.regions)) return { id, role: 'reviewer', regions: doc.regions, ...version };
  if (doc.role === 'provider' && strings(doc.providerIds)) return { id, role: 'provider', providerIds: doc.providerIds, ...version };
  return null;
}

/** The principal of a member the JWT authorizer verified. */
export const memberPrincipal = (memberId: string): Principal => ({ id: `member:${memberId}`, role: 'member', memberId });

/** IAM ARNs are at most 2048 characters; the catalog key adds a prefix. */
const MAX_PRINCIPAL_ID = 2000;

export interface PrincipalDirectoryOptions {
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

export interface PrincipalDirectory {
  /** The registered service principal (by its role ARN), or null: an unknown caller may do nothing. */
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
      const principal = doc ? servicePrincipalOf(id, doc) : null;
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
