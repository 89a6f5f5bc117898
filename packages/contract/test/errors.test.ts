/**
 * errors.ts: how a zod failure becomes one line a caller can act on — the field's
 * path, the rule, how many more issues there are — and never the offending value.
 */

import { MedinsError } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ContractError, contractErrorOf, EventSchema, formatPath, issuesOf, parseJsonText } from '../src/index.ts';
import { minimalEvents } from './support/documents.ts';

/** The ZodError of a failed parse, with inputs reported as the parse functions do. */
function failure(schema: z.ZodType, value: unknown): z.ZodError {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) throw new Error('expected the value to be refused');
  return parsed.error;
}

describe('formatPath', () => {
  it.each([
    [['events', 3, 'lines', 0, 'amountFen'], 'events[3].lines[0].amountFen'],
    [['plans'], 'plans'],
    [['categories', 'lowIncome'], 'categories.lowIncome'],
    [[0, 'id'], '[0].id'],
    [['matrix', 2, 5], 'matrix[2][5]'],
    [['benefits', 'inpatient', 'ratio', '1'], 'benefits.inpatient.ratio.1'],
  ])('writes %j as %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });

  it('names the whole document when the path is empty', () => {
    expect(formatPath([])).toBe('(document)');
  });

  it('writes a symbol key by its description', () => {
    expect(formatPath(['a', Symbol('b')])).toBe('a.Symbol(b)');
  });
});

describe('issuesOf', () => {
  it('lists one unknown field at the object that holds it', () => {
    // Prepare
    const schema = z.strictObject({ lines: z.array(z.strictObject({ code: z.string() })) });

    // Act
    const issues = issuesOf(failure(schema, { lines: [{ code: 'X1' }, { code: 'X2', price: 1 }] }));

    // Assess
    expect(issues).toEqual([{ path: 'lines[1]', message: 'unknown field "price" (not part of the contract)' }]);
  });

  it('lists several unknown fields in one issue, each quoted', () => {
    const issues = issuesOf(failure(z.strictObject({}), { a: 1, 'b c': 2 }));

    expect(issues).toEqual([{ path: '(document)', message: 'unknown fields "a", "b c" (not part of the contract)' }]);
  });

  it('says a missing field is required, with the type it wants', () => {
    // Prepare
    const schema = z.strictObject({ claimId: z.string({ error: 'must be an id string' }), total: z.number() });

    // Act
    const issues = issuesOf(failure(schema, {}));

    // Assess: zod's "Invalid input: " prefix is dropped
    expect(issues).toEqual([
      { path: 'claimId', message: 'is required (must be an id string)' },
      { path: 'total', message: 'is required (expected number, received undefined)' },
    ]);
  });

  it('says what a present field of the wrong type should be, without "is required"', () => {
    const issues = issuesOf(failure(z.strictObject({ total: z.number() }), { total: '100' }));

    expect(issues).toEqual([{ path: 'total', message: 'expected number, received string' }]);
  });

  it("reports a discriminated union's issues at the chosen branch's paths", () => {
    // Prepare: a claim whose B line lacks its ratio and whose amount is negative
    const claim = { ...minimalEvents().claim, lines: [{ code: 'X2', category: 'B', amountFen: -1 }] };

    // Act
    const issues = issuesOf(failure(EventSchema, claim));

    // Assess
    expect(issues).toEqual([
      { path: 'lines[0].amountFen', message: 'must not be negative' },
      { path: 'lines[0].selfPayRatio', message: 'a B line needs its selfPayRatio (先行自付比例), a ratio between 0 and 1' },
    ]);
  });

  it('reports an unknown discriminator at the discriminator with the allowed values', () => {
    const issues = issuesOf(failure(EventSchema, { type: 'refund', id: 'x1', at: '2021-03-01T10:00:00+08:00' }));

    expect(issues).toEqual([
      {
        path: 'type',
        message:
          'type must be one of claim, quote, enroll, bindFamily, unbindFamily, renewalCampaign, reverseClaim, reviewDecision, bindViewer',
      },
    ]);
  });

  it('unwraps a union issue that holds one branch, prefixing the union path to the inner paths', () => {
    // Prepare: zod 4 answers a discriminated union with its branch's issues directly, so the
    // one-branch invalid_union that issuesOf unwraps is built by hand here.
    const error = new z.ZodError([
      {
        code: 'invalid_union',
        path: ['events', 2, 'proof'],
        message: 'Invalid input',
        input: {},
        errors: [[{ code: 'custom', path: ['certificateNo'], message: 'must not be empty', input: '' }]],
      },
    ]);

    // Act
    const issues = issuesOf(error);

    // Assess
    expect(issues).toEqual([{ path: 'events[2].proof.certificateNo', message: 'must not be empty' }]);
  });

  it('keeps a union issue with several branches as one issue at the union', () => {
    const issues = issuesOf(failure(z.strictObject({ description: z.union([z.string(), z.array(z.string())]) }), { description: 5 }));

    expect(issues).toEqual([{ path: 'description', message: 'Invalid input' }]);
  });
});

describe('contractErrorOf', () => {
  it('writes `invalid <what>: <path>: <rule>` for a single issue', () => {
    // Act
    const error = contractErrorOf(failure(EventSchema, { ...minimalEvents().reverseClaim, claimId: undefined }), 'event');

    // Assess
    expect(error.message).toBe('invalid event: claimId: is required (must be an id string)');
    expect(error.issues).toEqual([{ path: 'claimId', message: 'is required (must be an id string)' }]);
  });

  it('counts the other issues, singular and plural', () => {
    // Prepare
    const schema = z.strictObject({ a: z.number(), b: z.number(), c: z.number() });

    // Act
    const two = contractErrorOf(failure(schema, { a: 1 }), 'scenario');
    const three = contractErrorOf(failure(schema, {}), 'scenario');

    // Assess
    expect(two.message).toBe('invalid scenario: b: is required (expected number, received undefined) (and 1 more issue)');
    expect(three.message).toBe('invalid scenario: a: is required (expected number, received undefined) (and 2 more issues)');
    expect(three.issues.map((i) => i.path)).toEqual(['a', 'b', 'c']);
  });

  it('calls the subject "document" by default', () => {
    expect(contractErrorOf(failure(z.number(), 'x')).message).toBe('invalid document: (document): expected number, received string');
  });

  it('says only "invalid <what>" when zod gave no issue', () => {
    const error = contractErrorOf(new z.ZodError([]), 'event');

    expect(error.message).toBe('invalid event');
    expect(error.issues).toEqual([]);
  });

  it('never carries the refused value (a name, an ID number) in its message or issues', () => {
    // Prepare: a real-name block whose name and ID number are both too long
    const name = '欧阳'.repeat(40);
    const enroll = { ...minimalEvents().enroll, realName: { name, idNumber: '330802198001010016'.repeat(2), phone: '13800000000' } };

    // Act
    const error = contractErrorOf(failure(EventSchema, enroll), 'event');

    // Assess
    const text = `${error.message}\n${JSON.stringify(error.issues)}`;
    expect(error.issues.map((i) => i.path)).toEqual(['realName.name', 'realName.idNumber']);
    expect(text).not.toContain('欧阳');
    expect(text).not.toContain('330802198001010016');
  });
});

describe('ContractError', () => {
  it('is an Error named ContractError that carries its issues', () => {
    // Act
    const error = new ContractError('invalid event: id: must not be empty', [{ path: 'id', message: 'must not be empty' }]);

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ContractError');
    expect(error.message).toBe('invalid event: id: must not be empty');
    expect(error.issues).toEqual([{ path: 'id', message: 'must not be empty' }]);
  });

  it('has no issues when none are given', () => {
    expect(new ContractError('invalid document: not JSON').issues).toEqual([]);
  });
});

const PERSONAL = '张三330802199001011234';

describe('ContractError in the error family', () => {
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

describe('contractErrorOf and the family', () => {
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

describe('formatPath, briefly', () => {
  it('writes indices in brackets and names with dots', () => {
    expect(formatPath(['events', 3, 'lines', 0, 'amountFen'])).toBe('events[3].lines[0].amountFen');
    expect(formatPath([])).toBe('(document)');
  });
});
