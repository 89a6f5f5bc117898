/**
 * core/identity.ts: GB 11643-1999 ID numbers (ISO 7064 mod 11-2 check character,
 * `X` for 10, a real birth date) and 11-digit mainland mobile numbers.
 */

import { birthDateFromIdNumber, isValidIdNumber, isValidPhone, sameIdNumber, withCheckDigit } from '@medins/engine';
import { describe, expect, it } from 'vitest';

describe('isValidIdNumber', () => {
  it('accepts the standard example whose check character is X', () => {
    // Σ digit × weight over 11010519491231002 = 167; 167 mod 11 = 2 → '10X98765432'[2] = 'X'
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('accepts a numeric check digit', () => {
    // 33080219800101001: Σ = 7·3+9·3+10·0+5·8+8·0+4·2+2·1+1·9+6·8+3·0+7·0+9·1+10·0+5·1+8·0+4·0+2·1 = 171;
    // 171 mod 11 = 6 → '10X98765432'[6] = '6'
    expect(withCheckDigit('33080219800101001')).toBe('330802198001010016');
    expect(isValidIdNumber('330802198001010016')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('330802198001010017')).toBe(false);
  });

  it('rejects impossible birth dates even with a correct check character', () => {
    expect(isValidIdNumber(withCheckDigit('11010519490230002'))).toBe(false); // Feb 30
    expect(isValidIdNumber(withCheckDigit('11010520210229002'))).toBe(false); // 2021 is not leap
    expect(isValidIdNumber(withCheckDigit('11010519491331002'))).toBe(false); // month 13
    expect(isValidIdNumber(withCheckDigit('11010520200229002'))).toBe(true); // 2020-02-29 exists
  });

  it('rejects wrong lengths and characters', () => {
    expect(isValidIdNumber('110105491231002')).toBe(false); // old 15-digit form
    expect(isValidIdNumber('11010519491231002XX')).toBe(false);
    expect(isValidIdNumber('1101051949123100AX')).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
  });

  it('reads the birth date and compares the check letter case-blind', () => {
    expect(birthDateFromIdNumber('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateFromIdNumber('12345')).toBeUndefined();
    expect(sameIdNumber('11010519491231002x', '11010519491231002X')).toBe(true);
    expect(sameIdNumber('330802198001010016', '11010519491231002X')).toBe(false);
  });
});

describe('isValidPhone', () => {
  it('accepts 11-digit numbers starting 13–19', () => {
    expect(isValidPhone('13800000000')).toBe(true);
    expect(isValidPhone('19912345678')).toBe(true);
  });

  it('rejects anything else', () => {
    expect(isValidPhone('12800000000')).toBe(false); // second digit 2
    expect(isValidPhone('1380000000')).toBe(false); // 10 digits
    expect(isValidPhone('138000000000')).toBe(false); // 12 digits
    expect(isValidPhone('+8613800000000')).toBe(false);
    expect(isValidPhone('138-0000-0000')).toBe(false);
    expect(isValidPhone('0571-8888888')).toBe(false);
  });
});
