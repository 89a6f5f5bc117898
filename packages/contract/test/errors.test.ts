/**
 * errors.ts: a refused document is a ContractError of the family, code
 * INVALID_DOCUMENT, its entity the path of the first issue; the message names the
 * field and the rule, never the offending value.
 */

import { ContractError, contractErrorOf, EventSchema, formatPath, parseJsonText } from '@medins/contract';
import { MedinsError } from '@medins/engine';
import { describe, expect, it } from 'vitest';

const PERSONAL = '张三330802199001011234';

describe('ContractError', () => {
  it('is a MedinsError named ContractError with code INVALID_DOCUMENT; entity is the first issue’s path', () => {
    // Prepare
    const issues = [
      { path: 'events[3].lines[0].amountFen', message: 'must not be negative' },
      { path: 'members', message: 'is required' },
    ];
    // Act
    const error = new ContractError('invalid scenario: events[3].lines[0].amountFen: must not be negative', issues);
    // Assess
    expect(error).toBeInstanceOf(MedinsError);
    expect([error.name, error.code, error.entity]).toEqual(['ContractError', 'INVALID_DOCUMENT', 'events[3].lines[0].amountFen']);
    expect(error.issues).toBe(issues);
    expect('cause' in error).toBe(false);
  });

  it('has no entity when the document as a whole is refused, and keeps a cause it is given', () => {
    const cause = new Error('inner');
    const error = new ContractError('invalid event: JSON nested deeper than 32 levels', [], { cause });
    expect(error.entity).toBeUndefined();
    expect(error.cause).toBe(cause);
  });
});

describe('contractErrorOf', () => {
  it('names the first issue’s path and rule, counts the rest, and never carries the value', () => {
    const parsed = EventSchema.safeParse({ type: 'claim', id: PERSONAL, memberId: 7 }, { reportInput: true });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const error = contractErrorOf(parsed.error, 'event');
    expect(error).toBeInstanceOf(ContractError);
    expect(error.message).toMatch(/^invalid event: \S+: .+/u);
    expect(error.entity).toBe(error.issues[0]?.path);
    expect(error.issues.length).toBeGreaterThan(0);
    // The ZodError (which reports the input) is not kept: nothing personal reaches a log through the cause.
    expect('cause' in error).toBe(false);
    expect(JSON.stringify({ message: error.message, issues: error.issues })).not.toContain(PERSONAL);
  });
});

describe('parseJsonText', () => {
  it('refuses text that is not JSON with a ContractError that neither quotes the text nor keeps the SyntaxError', () => {
    let thrown: unknown;
    try {
      parseJsonText(`{"name": ${PERSONAL}}`, 'event');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ContractError);
    expect((thrown as ContractError).message).toMatch(/^invalid event: not JSON/u);
    expect((thrown as ContractError).message).not.toContain(PERSONAL);
    expect('cause' in (thrown as object)).toBe(false);
  });
});

describe('formatPath', () => {
  it('writes indices in brackets and names with dots', () => {
    expect(formatPath(['events', 3, 'lines', 0, 'amountFen'])).toBe('events[3].lines[0].amountFen');
    expect(formatPath([])).toBe('(document)');
  });
});
