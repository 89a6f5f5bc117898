import { describe, expect, it } from 'vitest';
import { escapeAstral } from '../src/sqs-text.ts';

describe('escapeAstral (fauxqs refuses characters beyond U+FFFF)', () => {
  it('escapes them in JSON so that the body parses to the same value', () => {
    const value = { name: '𠀀华😀', id: 'c-1' };
    const body = escapeAstral(JSON.stringify(value));
    expect(body).not.toMatch(/[\u{10000}-\u{10FFFF}]/u);
    expect(JSON.parse(body)).toEqual(value);
  });

  it('leaves other bodies alone', () => {
    expect(escapeAstral('{"a":"华"}')).toBe('{"a":"华"}');
    expect(escapeAstral('not json 😀')).toBe('not json 😀');
  });
});
