/**
 * functions → api: idempotency keys, like Stripe's. The id a caller gives an event
 * is its idempotency key, scoped to the caller: the stored event id is
 * `<scope>:<key>`, the scope derived from the verified principal (never from the
 * body), so two callers never collide and no caller reaches another's ids or the
 * system's (renewals are `renewal/…`; every API id starts with `svc-` or `mbr-`).
 * The first body under a key is remembered by its fingerprint: the same key with
 * the same body answers what the first answered, with another body 409.
 */
import { createHash } from 'node:crypto';
import type { Principal } from './principals.ts';

/** The longest key a caller may give (the scoped id must stay a contract id: at most 128 characters). */
export const MAX_KEY_LENGTH = 100;

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The caller's id space: `svc-<16 hex>` for a service principal (its normalised
 * ARN hashed: fixed length, no separator a key could forge), `mbr-<16 hex>` for a member.
 *
 * @example
 * ```ts
 * scopedId(scopeOf(principal), 'c1'); // 'svc-3f2a…:c1'
 * ```
 */
export function scopeOf(principal: Principal): string {
  return principal.role === 'member'
    ? `mbr-${digest(`member|${principal.memberId}`).slice(0, 16)}`
    : `svc-${digest(`iam|${principal.id}`).slice(0, 16)}`;
}

/** The stored event id of a caller's key. The scope has a fixed length, so `<scope>:<key>` is unambiguous. */
export const scopedId = (scope: string, key: string) => `${scope}:${key}`;

/** The caller's key of a stored id in its scope, or null when the id is not in that scope. */
export function keyOf(scope: string, eventId: string): string | null {
  return eventId.startsWith(`${scope}:`) ? eventId.slice(scope.length + 1) : null;
}

/** JSON with object keys sorted at every depth: equal documents, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * The fingerprint of a submission: SHA-256 of the canonical JSON of what the caller
 * asked (the body, and what the API derived from the credentials it presented —
 * whose card, whether the face was verified), without volatile fields (the
 * credentials' own tokens and times, the receive time).
 */
export function fingerprintOf(body: Readonly<Record<string, unknown>>, derived: Readonly<Record<string, unknown>>): string {
  return digest(canonicalJson({ body, derived }));
}
