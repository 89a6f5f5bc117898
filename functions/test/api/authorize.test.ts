/** api/authorize.ts: what each role may see and change, decided on the principal and the facts of the request. */
import { describe, expect, it } from 'vitest';
import { type Action, authorize, type Subject } from '../../src/api/authorize.ts';
import type { Principal } from '../../src/api/principals.ts';

const ops: Principal = { id: 'ops', role: 'operations' };
const insurer = (...regions: string[]): Principal => ({ id: 'ins', role: 'insurer', regions });
const provider: Principal = { id: 'h', role: 'provider', providerIds: ['H1', 'H2'] };
const member: Principal = { id: 'm', role: 'member', memberId: 'm1' };

const subject = (overrides: Partial<Subject> = {}): Subject => ({ memberIds: ['m1'], regions: ['330800'], ...overrides });
const ALL: Action[] = ['submitClaim', 'quote', 'reverseClaim', 'enroll', 'bind', 'readEvent', 'readBalances'];

describe('authorize', () => {
  it('refuses everything to no principal, allows everything to operations', () => {
    for (const action of ALL) {
      expect(authorize(null, action, subject())).toBe(false);
      expect(authorize(ops, action, subject({ memberIds: [], regions: [] }))).toBe(true);
    }
  });

  it('lets an insurer act for members of its cities or provinces only, and never for no member', () => {
    expect(authorize(insurer('330800'), 'submitClaim', subject())).toBe(true);
    expect(authorize(insurer('330000'), 'readBalances', subject({ regions: ['330800', '330100'] }))).toBe(true);
    expect(authorize(insurer('330100'), 'submitClaim', subject())).toBe(false);
    expect(authorize(insurer('320000'), 'submitClaim', subject())).toBe(false);
    expect(authorize(insurer('330000'), 'submitClaim', subject({ regions: ['330800', '320100'] }))).toBe(false);
    expect(authorize(insurer('330000'), 'readEvent', subject({ memberIds: [], regions: [] }))).toBe(false);
  });

  it('lets a provider submit, quote, reverse and read its own claims only', () => {
    for (const action of ['submitClaim', 'quote', 'reverseClaim', 'readEvent'] as const) {
      expect(authorize(provider, action, subject({ providerId: 'H2' }))).toBe(true);
      expect(authorize(provider, action, subject({ providerId: 'H3' }))).toBe(false);
      expect(authorize(provider, action, subject())).toBe(false);
    }
    expect(authorize(provider, 'enroll', subject({ providerId: 'H1' }))).toBe(false);
    expect(authorize(provider, 'readBalances', subject({ providerId: 'H1' }))).toBe(false);
  });

  it('lets a member read their own events and balances, and enroll or bind as the acting member', () => {
    expect(authorize(member, 'readBalances', subject())).toBe(true);
    expect(authorize(member, 'readEvent', subject({ memberIds: ['m2', 'm1'] }))).toBe(true);
    expect(authorize(member, 'readBalances', subject({ memberIds: ['m2'] }))).toBe(false);
    expect(authorize(member, 'enroll', subject({ memberIds: ['m1', 'm2'], actingMemberId: 'm1' }))).toBe(true);
    expect(authorize(member, 'bind', subject({ actingMemberId: 'm2' }))).toBe(false);
    expect(authorize(member, 'bind', subject())).toBe(false);
    expect(authorize(member, 'submitClaim', subject({ actingMemberId: 'm1' }))).toBe(false);
  });
});
