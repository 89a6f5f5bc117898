/**
 * primitives.ts: the contract's field rules (ids, fen, ratios, instants, dates,
 * codes), each with the message a caller reads when the rule is broken.
 */
import { MAX_FEN } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  FenSchema,
  IdSchema,
  InstantSchema,
  LineCategorySchema,
  LocalDateSchema,
  levelMap,
  NameSchema,
  RatioSchema,
  RegionCodeSchema,
  RelationshipSchema,
  RequestedRelationshipSchema,
  SchemeSchema,
  VisitTypeSchema,
  YearSchema,
} from '../src/index.ts';

/** The messages a schema answers for a value, as the parse functions see them; [] when accepted. */
function refusals(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}

describe('IdSchema', () => {
  it('refuses an empty id', () => {
    // Act
    const messages = refusals(IdSchema, '');

    // Assess
    expect(messages).toContain('must not be empty');
  });

  it('accepts 128 characters and refuses 129', () => {
    // Prepare
    const longest = 'a'.repeat(128);

    // Act & Assess
    expect(refusals(IdSchema, longest)).toEqual([]);
    expect(refusals(IdSchema, `${longest}a`)).toEqual(['must be at most 128 characters']);
  });

  it('refuses `|`, the separator of composite keys', () => {
    expect(refusals(IdSchema, 'huiqubao-2021|m1')).toEqual(['must not contain spaces, control characters (C0, DEL, C1) or |']);
  });

  it.each([
    ['a space', 'pol 1'],
    ['a tab', 'pol\t1'],
    ['a newline', 'pol\n1'],
    ['an ideographic space', 'pol\u30001'],
    ['a no-break space', 'pol\u00a01'],
  ])('refuses %s', (_what, id) => {
    expect(refusals(IdSchema, id)).toEqual(['must not contain spaces, control characters (C0, DEL, C1) or |']);
  });

  it.each([
    ['NUL', 'c\u00001'],
    ['unit separator U+001F', 'c\u001f1'],
    ['escape', 'c\u001b1'],
    ['DEL', 'c\u007f1'],
    ['next line U+0085 (C1)', 'c\u00851'],
    ['control sequence introducer U+009B (C1)', 'c\u009b1'],
  ])('refuses the control character %s', (_what, id) => {
    expect(refusals(IdSchema, id)).toEqual(['must not contain spaces, control characters (C0, DEL, C1) or |']);
  });

  it('refuses a lone surrogate, which cannot be UTF-8 nor percent-encoded', () => {
    // Prepare: a high surrogate without its low half, and a low one alone
    const high = 'c\ud83c1';
    const low = 'c\udfe51';

    // Act & Assess
    expect(refusals(IdSchema, high)).toEqual(['must be well-formed Unicode (no lone surrogate)']);
    expect(refusals(IdSchema, low)).toEqual(['must be well-formed Unicode (no lone surrogate)']);
  });

  it('accepts CJK, emoji (a surrogate pair) and punctuation', () => {
    expect(refusals(IdSchema, '衢州-患者-001')).toEqual([]);
    expect(refusals(IdSchema, '🏥')).toEqual([]);
    expect(refusals(IdSchema, 'ZY2021-000123_a.b:c/d')).toEqual([]);
  });

  it('counts length in code points (zod 4), not UTF-16 units: 128 emoji fit, 129 do not', () => {
    expect(refusals(IdSchema, '🏥'.repeat(128))).toEqual([]);
    expect(refusals(IdSchema, '🏥'.repeat(129))).toEqual(['must be at most 128 characters']);
  });

  it('refuses a number', () => {
    expect(refusals(IdSchema, 42)).toEqual(['must be an id string']);
  });
});

describe('FenSchema', () => {
  it('accepts zero and the ceiling MAX_FEN (10 billion yuan)', () => {
    expect(MAX_FEN).toBe(1_000_000_000_000);
    expect(refusals(FenSchema, 0)).toEqual([]);
    expect(refusals(FenSchema, MAX_FEN)).toEqual([]);
  });

  it('refuses one fen above the ceiling, naming it', () => {
    expect(refusals(FenSchema, MAX_FEN + 1)).toEqual(['must be at most 1000000000000 fen']);
  });

  it('refuses a negative amount', () => {
    expect(refusals(FenSchema, -1)).toEqual(['must not be negative']);
  });

  it('refuses a fraction of a fen', () => {
    expect(refusals(FenSchema, 100.5)).toEqual(['must be an integer number of fen (no fractions)']);
  });

  it.each([
    ['a numeric string', '100'],
    ['null', null],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
  ])('refuses %s', (_what, value) => {
    expect(refusals(FenSchema, value)).toEqual(['must be an integer number of fen']);
  });
});

describe('RatioSchema', () => {
  it('accepts both bounds and a decimal between them', () => {
    expect(refusals(RatioSchema, 0)).toEqual([]);
    expect(refusals(RatioSchema, 1)).toEqual([]);
    expect(refusals(RatioSchema, 0.85)).toEqual([]);
  });

  it('refuses below 0 and above 1', () => {
    expect(refusals(RatioSchema, -0.01)).toEqual(['must be a ratio between 0 and 1']);
    expect(refusals(RatioSchema, 1.01)).toEqual(['must be a ratio between 0 and 1']);
  });

  it('refuses a percentage written as a string', () => {
    expect(refusals(RatioSchema, '85%')).toEqual(['must be a ratio, a number between 0 and 1']);
  });
});

describe('InstantSchema', () => {
  const rule = 'must be a real ISO 8601 time with an offset (Z or ±hh:mm), like 2021-03-01T10:00:00+08:00';

  it.each([
    ['an offset', '2021-03-01T10:00:00+08:00'],
    ['Z', '2021-03-01T02:00:00Z'],
    ['a negative offset', '2021-03-01T02:00:00-05:30'],
    ['milliseconds', '2021-01-31T23:59:59.999+08:00'],
    ['sub-millisecond digits', '2021-01-31T23:59:59.999999999+08:00'],
    ['no seconds', '2021-03-01T10:00+08:00'],
    ['a leap day', '2020-02-29T12:00:00+08:00'],
  ])('accepts a time with %s', (_what, text) => {
    expect(refusals(InstantSchema, text)).toEqual([]);
  });

  it.each([
    ['no offset', '2021-03-01T10:00:00'],
    ['a date only', '2021-03-01'],
    ['29 February of a common year', '2021-02-29T10:00:00+08:00'],
    ['31 April', '2021-04-31T10:00:00+08:00'],
    ['hour 24', '2021-03-01T24:00:00+08:00'],
    ['second 60', '2021-03-01T10:00:60+08:00'],
    ['an offset beyond ±14:00', '2021-03-01T10:00:00+15:00'],
    ['a space instead of T', '2021-03-01 10:00:00+08:00'],
    ['an offset without colon', '2021-03-01T10:00:00+0800'],
  ])('refuses a time with %s', (_what, text) => {
    expect(refusals(InstantSchema, text)).toEqual([rule]);
  });

  it('refuses an epoch number', () => {
    expect(refusals(InstantSchema, 1614564000000)).toEqual(['must be an ISO 8601 time with an offset, like 2021-03-01T10:00:00+08:00']);
  });
});

describe('LocalDateSchema', () => {
  it('accepts 29 February of a leap year and refuses it in a common year', () => {
    expect(refusals(LocalDateSchema, '2020-02-29')).toEqual([]);
    expect(refusals(LocalDateSchema, '2021-02-29')).toEqual(['must be a real calendar date YYYY-MM-DD']);
  });

  it('follows the Gregorian century rule (2000 leap, 1900 not)', () => {
    expect(refusals(LocalDateSchema, '2000-02-29')).toEqual([]);
    expect(refusals(LocalDateSchema, '1900-02-29')).toEqual(['must be a real calendar date YYYY-MM-DD']);
  });

  it.each([['2021-13-01'], ['2021-00-10'], ['2021-01-00'], ['2021-1-5'], ['2021-03-01T00:00:00+08:00'], ['20210301']])(
    'refuses %s',
    (text) => {
      expect(refusals(LocalDateSchema, text)).toEqual(['must be a real calendar date YYYY-MM-DD']);
    },
  );
});

describe('the other field rules', () => {
  it('takes a year between 1900 and 2999, an integer', () => {
    expect(refusals(YearSchema, 1900)).toEqual([]);
    expect(refusals(YearSchema, 2999)).toEqual([]);
    expect(refusals(YearSchema, 1899)).toEqual(['must be a year']);
    expect(refusals(YearSchema, 3000)).toEqual(['must be a year']);
    expect(refusals(YearSchema, 2021.5)).toEqual(['must be a year']);
  });

  it('takes a six-digit region code', () => {
    expect(refusals(RegionCodeSchema, '330800')).toEqual([]);
    expect(refusals(RegionCodeSchema, '33080')).toEqual(['must be a 6-digit region code like 330800']);
    expect(refusals(RegionCodeSchema, '3308001')).toEqual(['must be a 6-digit region code like 330800']);
  });

  it('lists the allowed words of each enumeration in its message', () => {
    expect(refusals(VisitTypeSchema, 'emergency')).toEqual(['must be one of inpatient, specialOutpatient, outpatient, pharmacy']);
    expect(refusals(SchemeSchema, 'commercial')).toEqual(['must be one of employee, resident']);
    expect(refusals(LineCategorySchema, 'C')).toEqual(['must be one of A, B, OOC, nonMedical']);
    expect(refusals(RelationshipSchema, 'cousin')[0]).toMatch(/^must be one of .*spouse/);
  });

  it('lets a request name any relationship word, leaving the business rule to the engine', () => {
    expect(refusals(RequestedRelationshipSchema, 'cousin')).toEqual([]);
    expect(refusals(RequestedRelationshipSchema, 'step child')).toEqual(['must be a relationship word such as spouse, parent or child']);
    expect(refusals(RequestedRelationshipSchema, 'a'.repeat(33))).toEqual(['must be a relationship word such as spouse, parent or child']);
  });

  it('keys a level map by provider level 1–9, the rule nested in the invalid-key issue', () => {
    // Prepare
    const map = levelMap(RatioSchema);
    const keyRules = (value: unknown) => {
      const parsed = map.safeParse(value);
      return parsed.success
        ? []
        : parsed.error.issues.flatMap((i) => (i.code === 'invalid_key' ? i.issues.map((inner) => inner.message) : [i.message]));
    };

    // Act & Assess
    expect(keyRules({ '1': 0.9, '3': 0.8 })).toEqual([]);
    expect(keyRules({ '0': 0.9 })).toEqual(['provider levels are "1", "2", "3"']);
    expect(keyRules({ '10': 0.9 })).toEqual(['provider levels are "1", "2", "3"']);
    expect(refusals(map, { '1': 1.5 })).toEqual(['must be a ratio between 0 and 1']);
  });

  it('takes a name of 1 to 64 characters', () => {
    expect(refusals(NameSchema, '张三')).toEqual([]);
    expect(refusals(NameSchema, '')).toEqual(['must not be empty']);
    expect(refusals(NameSchema, '张'.repeat(65))).toEqual(['must be at most 64 characters']);
  });
});
