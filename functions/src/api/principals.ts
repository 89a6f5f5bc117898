/**
 * Who is calling the HTTP API. API Gateway authenticates the caller with IAM (or a
 * JWT authorizer); the platform authorizes: each principal is registered in the
 * catalog table (`principal|<arn>`) with a role and its scope.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '@medins/store';

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

const cache = new Map<string, { principal: Principal | null; at: number }>();
const TTL_MS = 60_000;

/** The registered principal, or null: an unknown caller may do nothing. */
export async function findPrincipal(store: Store, id: string): Promise<Principal | null> {
  // No registered ARN is empty or this long; such a key would not even be a valid DynamoDB key.
  if (id === '' || id.length > MAX_PRINCIPAL_ID) return null;
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.principal;
  const out = await store.db.send(new GetCommand({ TableName: store.tables.catalog, Key: { pk: `principal|${id}` }, ConsistentRead: true }));
  const principal = out.Item ? ({ ...(JSON.parse(String(out.Item.doc)) as object), id } as Principal) : null;
  cache.set(id, { principal, at: Date.now() });
  return principal;
}

/** Registers a principal (operations tooling and the local stack). */
export function principalItem(principal: Principal): Record<string, unknown> {
  const { id, ...doc } = principal;
  return { pk: `principal|${id}`, doc: JSON.stringify(doc) };
}
