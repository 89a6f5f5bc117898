/**
 * api/authorize.ts: THE role table (role → actions) and each role's scope. Every
 * cell of the table is tested allowed and refused, and a property checks random
 * principals × actions × subjects against the table written out here again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, authorize, ROLE_ACTIONS, type Subject } from '../../src/api/authorize.ts';
import type { Principal } from '../../src/api/principals.ts';

const ops: Principal = { id: 'ops', role: 'operations' };
const insurer = (...regions: string[]): Principal => ({ id: 'ins', role: 'insurer', regions });
const provider: Principal = { id: 'h', role: 'provider', providerIds: ['H1', 'H2'] };
const member: Principal = { id: 'member:m1', role: 'member', memberId: 'm1' };
const reviewer = (...regions: string[]): Principal => ({ id: 'rev', role: 'reviewer', regions });

/** A subject every role's scope admits: m1 of 330800 at H1, m1 acting. */
const inScope = (action: Action): Subject => ({
  memberIds: ['m1'],
  regions: ['330800'],
  providerId: 'H1',
  ...(['enroll', 'bindFamily', 'unbindFamily', 'bindViewer'].includes(action)
    ? { actingMemberIds: ['m1'], allPartiesActing: action === 'enroll' }
    : {}),
});

/** The table as the README states it. */
const README_TABLE: Record<Principal['role'], readonly Action[]> = {
  provider: ['submitClaim', 'quote', 'reverseClaim', 'readEvent', 'readClaim'],
  member: ['enroll', 'bindFamily', 'unbindFamily', 'bindViewer', 'readEvent', 'readBalances', 'readAccumulators', 'readPolicies'],
  insurer: ['readEvent', 'readBalances', 'readAccumulators', 'readPolicies', 'readClaim'],
  operations: ['readEvent', 'readBalances', 'readAccumulators', 'readPolicies', 'readClaim'],
  reviewer: ['reviewDecision', 'readEvent', 'readClaim'],
};

describe('the role table', () => {
  it('is the README’s table', () => {
    expect(ROLE_ACTIONS).toEqual(README_TABLE);
  });

  const principals = { provider, member, insurer: insurer('330800'), operations: ops, reviewer: reviewer('330800') };
  for (const [role, principal] of Object.entries(principals)) {
    for (const action of ACTIONS) {
      const allowed = README_TABLE[role as Principal['role']].includes(action);
      it(`${role} × ${action}: ${allowed ? 'allowed in scope' : 'refused even in scope'}`, () => {
        expect(authorize(principal, action, inScope(action))).toBe(allowed);
      });
    }
  }

  it('refuses everything to no principal', () => {
    for (const action of ACTIONS) expect(authorize(null, action, inScope(action))).toBe(false);
  });
});

describe('scopes', () => {
  it('a reviewer decides held claims of members of its regions only, and no claim without a patient', () => {
    expect(authorize(reviewer('330000'), 'reviewDecision', { memberIds: ['m1'], regions: ['330800'] })).toBe(true);
    expect(authorize(reviewer('330100'), 'reviewDecision', inScope('reviewDecision'))).toBe(false);
    expect(authorize(reviewer('330000'), 'reviewDecision', { memberIds: [], regions: [] })).toBe(false);
    // Reviewers move no money of their own accord and submit nothing else.
    expect(authorize(reviewer('330000'), 'submitClaim', inScope('submitClaim'))).toBe(false);
    expect(authorize(insurer('330000'), 'reviewDecision', inScope('reviewDecision'))).toBe(false);
  });

  it('an insurer reads members of its cities or provinces only, and never a subject with no member', () => {
    expect(authorize(insurer('330000'), 'readBalances', { memberIds: ['a', 'b'], regions: ['330800', '330100'] })).toBe(true);
    expect(authorize(insurer('330100'), 'readEvent', inScope('readEvent'))).toBe(false);
    expect(authorize(insurer('320000'), 'readEvent', inScope('readEvent'))).toBe(false);
    expect(authorize(insurer('330000'), 'readEvent', { memberIds: ['a', 'b'], regions: ['330800', '320100'] })).toBe(false);
    expect(authorize(insurer('330000'), 'readEvent', { memberIds: [], regions: [] })).toBe(false);
  });

  it('a provider acts on its own provider ids only', () => {
    for (const action of ['submitClaim', 'quote', 'reverseClaim', 'readEvent'] as const) {
      expect(authorize(provider, action, { ...inScope(action), providerId: 'H2' })).toBe(true);
      expect(authorize(provider, action, { ...inScope(action), providerId: 'H3' })).toBe(false);
      expect(authorize(provider, action, { memberIds: ['m1'], regions: ['330800'] })).toBe(false);
    }
  });

  it('a member acts for themself: enrolls only themself, binds as holder, ends a binding as either party, reads their own', () => {
    expect(authorize(member, 'enroll', { ...inScope('enroll'), actingMemberIds: ['m1', 'm2'] })).toBe(false); // a stranger insured
    expect(authorize(member, 'enroll', { ...inScope('enroll'), actingMemberIds: ['m2', 'm1'] })).toBe(false);
    expect(authorize(member, 'bindFamily', { ...inScope('bindFamily'), actingMemberIds: ['m2'] })).toBe(false);
    expect(authorize(member, 'unbindFamily', { ...inScope('unbindFamily'), actingMemberIds: ['m2', 'm1'] })).toBe(true);
    expect(authorize(member, 'unbindFamily', { ...inScope('unbindFamily'), actingMemberIds: ['m2', 'm3'] })).toBe(false);
    expect(authorize(member, 'bindViewer', { ...inScope('bindViewer'), actingMemberIds: [] })).toBe(false);
    expect(authorize(member, 'readBalances', { memberIds: ['m2'], regions: ['330800'] })).toBe(false);
    expect(authorize(member, 'readEvent', { memberIds: ['m2', 'm1'], regions: [] })).toBe(true);
  });
});

describe('property: random principals × actions × subjects against the table', () => {
  const ids = fc.constantFrom('m1', 'm2', 'm3');
  const regions = fc.constantFrom('330800', '330100', '320100', '330000');
  const principal: fc.Arbitrary<Principal> = fc.oneof(
    fc.constant(ops),
    fc.array(regions, { minLength: 1, maxLength: 2 }).map((r) => insurer(...r)),
    fc.array(regions, { minLength: 1, maxLength: 2 }).map((r) => reviewer(...r)),
    fc
      .array(fc.constantFrom('H1', 'H2', 'H3'), { minLength: 1, maxLength: 2 })
      .map((p): Principal => ({ id: 'h', role: 'provider', providerIds: p })),
    ids.map((m): Principal => ({ id: `member:${m}`, role: 'member', memberId: m })),
  );
  const subject: fc.Arbitrary<Subject> = fc.record(
    {
      memberIds: fc.array(ids, { maxLength: 3 }),
      regions: fc.array(regions, { maxLength: 3 }),
      providerId: fc.constantFrom('H1', 'H2', 'H3'),
      actingMemberIds: fc.array(ids, { maxLength: 2 }),
      allPartiesActing: fc.boolean(),
    },
    { requiredKeys: ['memberIds', 'regions'] },
  );

  /** The table and the scopes, written out independently of the implementation. */
  function expected(p: Principal, action: Action, s: Subject): boolean {
    if (!README_TABLE[p.role].includes(action)) return false;
    if (p.role === 'operations') return true;
    if (p.role === 'insurer' || p.role === 'reviewer')
      return (
        s.regions.length > 0 &&
        s.regions.every((r) => p.regions.some((x) => x === r || (x.endsWith('0000') && x.slice(0, 2) === r.slice(0, 2))))
      );
    if (p.role === 'provider') return s.providerId !== undefined && p.providerIds.includes(s.providerId);
    if (s.actingMemberIds === undefined) return s.memberIds.includes(p.memberId);
    if (s.actingMemberIds.length === 0) return false;
    return s.allPartiesActing ? s.actingMemberIds.every((m) => m === p.memberId) : s.actingMemberIds.includes(p.memberId);
  }

  it('allows exactly what the table and the scope allow; nothing outside a role’s actions, ever', () => {
    fc.assert(
      fc.property(principal, fc.constantFrom(...ACTIONS), subject, (p, action, s) => {
        const allowed = authorize(p, action, s);
        expect(allowed).toBe(expected(p, action, s));
        if (!(ROLE_ACTIONS[p.role] as readonly Action[]).includes(action)) expect(allowed).toBe(false);
        // Insurers and operations never move a member's money.
        if ((p.role === 'insurer' || p.role === 'operations') && !action.startsWith('read')) expect(allowed).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
