/** api/idempotency.ts: keys scoped to the verified caller, and the fingerprint of a body. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprintOf, keyOf, scopedId, scopeOf } from '../../src/api/idempotency.ts';

describe('scopes', () => {
  it('gives each principal its own fixed-length space, members and service callers apart', () => {
    const a = scopeOf({ id: 'arn:aws:iam::1:role/a', role: 'provider', providerIds: ['H1'] });
    const b = scopeOf({ id: 'arn:aws:iam::1:role/b', role: 'provider', providerIds: ['H1'] });
    const m = scopeOf({ id: 'member:m1', role: 'member', memberId: 'm1' });

    expect(new Set([a, b, m]).size).toBe(3);
    expect(a).toMatch(/^svc-[0-9a-f]{16}$/);
    expect(m).toMatch(/^mbr-[0-9a-f]{16}$/);
    expect(scopedId(a, 'renewal/x/y/z')).toBe(`${a}:renewal/x/y/z`);
  });

  it('maps a stored id back to the caller’s key, only within the caller’s space', () => {
    expect(keyOf('svc-0123456789abcdef', 'svc-0123456789abcdef:c1')).toBe('c1');
    expect(keyOf('svc-0123456789abcdef', 'svc-fedcba9876543210:c1')).toBeNull();
  });
});

describe('fingerprints', () => {
  it('are equal for equal documents whatever their key order, and differ for any other body or derived fact', () => {
    const f = fingerprintOf({ a: 1, b: { c: [1, 2], d: 'x' } }, { cardHolderId: 'm1' });

    expect(fingerprintOf({ b: { d: 'x', c: [1, 2] }, a: 1 }, { cardHolderId: 'm1' })).toBe(f);
    expect(fingerprintOf({ a: 1, b: { c: [2, 1], d: 'x' } }, { cardHolderId: 'm1' })).not.toBe(f);
    expect(fingerprintOf({ a: 1, b: { c: [1, 2], d: 'x' } }, { cardHolderId: 'm2' })).not.toBe(f);
    expect(canonicalJson({ z: 1, a: [{ y: 1, b: 2 }] })).toBe('{"a":[{"b":2,"y":1}],"z":1}');
  });
});
