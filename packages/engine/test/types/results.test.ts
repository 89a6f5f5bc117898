/**
 * Type tests for claim results (src/world/results.ts), checked by `tsc --noEmit` (`npm test` runs
 * it first): a rejected claim cannot carry a payment or a tier's outcome, and narrowing on
 * `status` gives the paid shape back. Each `@ts-expect-error` fails the typecheck the day its line
 * compiles.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { fen } from '../../src/core/money.ts';
import { type ClaimResult, NO_PAYMENTS, type NoPayments, type Payments, type RejectedClaimResult } from '../../src/world/results.ts';

const rejected: RejectedClaimResult = {
  id: 'c1' as never,
  type: 'claim',
  status: 'rejected',
  reasons: [],
  notes: [],
  totalFen: fen(100),
  basic: null,
  criticalIllness: null,
  assistance: null,
  supplementary: null,
  payments: NO_PAYMENTS,
};

describe('ClaimResult', () => {
  it('cannot be rejected and pay from any source', () => {
    // Assess
    // @ts-expect-error a rejected claim pays no cash
    const cash: ClaimResult = { ...rejected, payments: { ...NO_PAYMENTS, cashFen: fen(1) } };
    // @ts-expect-error nor from the patient's account
    const own: ClaimResult = { ...rejected, payments: { ...NO_PAYMENTS, ownAccountFen: fen(1) } };
    // @ts-expect-error nor from a family holder's
    const family: ClaimResult = { ...rejected, payments: { ...NO_PAYMENTS, familyAccountFen: fen(1), familyHolderId: 'h' as never } };
    expectTypeOf([cash, own, family]).toEqualTypeOf<ClaimResult[]>();
  });

  it('cannot be rejected and carry a tier’s outcome', () => {
    // Assess
    const basic = {
      planId: 'p' as never,
      scopeFen: fen(0),
      firstSelfPayFen: fen(0),
      selfFundedFen: fen(0),
      nonMedicalFen: fen(0),
      deductibleFen: fen(0),
      paidFen: fen(0),
      inPolicySelfPayFen: fen(0),
    };
    // @ts-expect-error no tier runs for a rejected claim
    const withBasic: ClaimResult = { ...rejected, basic };
    expectTypeOf(withBasic).toEqualTypeOf<ClaimResult>();
  });

  it('narrows on status: rejected has no payments, settled has the payments of any source', () => {
    // Prepare
    const result = rejected as ClaimResult;
    // Assess
    if (result.status === 'rejected') expectTypeOf(result.payments).toEqualTypeOf<NoPayments>();
    else expectTypeOf(result.payments).toEqualTypeOf<Payments>();
  });
});
