/**
 * core/errors.ts: every error of the family keeps a literal name (what Step
 * Functions matches on), a stable code, the entity it concerns and its cause.
 */

import { AmountError, InvariantError, MedinsError } from '@medins/engine';
import { describe, expect, it } from 'vitest';

describe('MedinsError', () => {
  it('keeps the entity and the cause it was raised from', () => {
    // Prepare
    const cause = new Error('the item changed');
    // Act
    const error = new InvariantError('account m1 would go negative', { entity: 'accounts|m1', cause });
    // Assess
    expect(error).toBeInstanceOf(MedinsError);
    expect(error).toBeInstanceOf(Error);
    expect(error.entity).toBe('accounts|m1');
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('account m1 would go negative');
  });

  it('has no cause property at all when none is given (nothing to serialize)', () => {
    const error = new InvariantError('claim c1 recorded twice');
    expect('cause' in error).toBe(false);
    expect(error.entity).toBeUndefined();
  });

  it('a subclass can join the family with its own literal name and code', () => {
    class ExampleError extends MedinsError {
      override readonly name = 'ExampleError';
      readonly code = 'EXAMPLE';
    }
    const error = new ExampleError('x', { entity: 'events[0]' });
    expect(error).toBeInstanceOf(MedinsError);
    expect([error.name, error.code, error.entity]).toEqual(['ExampleError', 'EXAMPLE', 'events[0]']);
    expect(String(error)).toBe('ExampleError: x');
  });
});

describe.each([
  { make: (o?: { entity?: string; cause?: unknown }) => new InvariantError('broken', o), name: 'InvariantError', code: 'INVARIANT_BROKEN' },
  { make: (o?: { entity?: string; cause?: unknown }) => new AmountError('not fen', o), name: 'AmountError', code: 'INVALID_AMOUNT' },
])('$name', ({ make, name, code }) => {
  it(`is a MedinsError named ${name} with code ${code}`, () => {
    const cause = new RangeError('inner');
    const error = make({ entity: 'c1', cause });
    expect(error).toBeInstanceOf(MedinsError);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.entity).toBe('c1');
    expect(error.cause).toBe(cause);
    expect(error.stack).toContain(`${name}: `);
  });
});
