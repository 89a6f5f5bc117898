import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateOfPlatformDateTime,
  fenOfYuanText,
  parseWireJson,
  platformDateTime,
  platformStamp,
  WireNumber,
  yuanOf,
  yuanText,
} from '../../src/hsa/wire.ts';

describe('yuan on the wire ↔ fen, exactly', () => {
  it('parses decimal text digit by digit', () => {
    // Prepare / Act / Assess in one table: the text, the fen.
    expect(fenOfYuanText('12.3')).toBe(1230);
    expect(fenOfYuanText('0.07')).toBe(7);
    expect(fenOfYuanText('-0.05')).toBe(-5);
    expect(fenOfYuanText('1500.50')).toBe(150_050);
    // 0.1 + 0.2 style floats never happen: 1.15 × 100 is 114.99999999999999 as a float.
    expect(fenOfYuanText('1.15')).toBe(115);
  });

  it('refuses a third decimal, exponents, leading zeros and non-numbers', () => {
    for (const bad of ['12.345', '1e2', '01.00', '1.', '.5', '', 'NaN', '12,00', '+1']) expect(fenOfYuanText(bad), bad).toBeNull();
  });

  it('round-trips every fen amount through the JSON text of yuanOf', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), (fen) => {
        const text = JSON.stringify(yuanOf(fen));
        expect(fenOfYuanText(text)).toBe(fen);
        expect(fenOfYuanText(yuanText(fen))).toBe(fen);
      }),
    );
  });

  it('keeps a JSON number as its source text', () => {
    const doc = parseWireJson('{"a":12.30,"b":[1e2,-0.5],"c":"x"}') as Record<string, unknown>;
    expect(doc.a).toEqual(new WireNumber('12.30'));
    expect((doc.b as WireNumber[]).map((n) => n.text)).toEqual(['1e2', '-0.5']);
    expect(doc.c).toBe('x');
    expect(() => parseWireJson('{')).toThrow(SyntaxError);
  });
});

describe('platform times are Asia/Shanghai', () => {
  it('formats the server clock', () => {
    const t = Date.parse('2021-03-01T16:30:05.123Z');
    expect(platformDateTime(t)).toBe('2021-03-02 00:30:05');
    expect(platformStamp(t)).toBe('20210302003005123');
  });
  it('reads only real datetimes', () => {
    expect(dateOfPlatformDateTime('2021-03-02 00:30:05')).toBe('2021-03-02');
    expect(dateOfPlatformDateTime('2021-02-30 00:00:00')).toBeNull();
    expect(dateOfPlatformDateTime('2021-03-02T00:30:05')).toBeNull();
  });
});
