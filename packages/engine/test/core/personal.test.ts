/**
 * core/personal.ts: sealing personal data — what each seal normalises, masks and
 * reads from the clear value, with a transparent digester so the digested text
 * shows (the real one is an HMAC: @medins/contract's hmacDigester).
 */
import { describe, expect, it } from 'vitest';
import {
  birthDateOfClearIdNumber,
  type Digest,
  type Digester,
  sameSealed,
  sealCertificateNo,
  sealIdNumber,
  sealName,
  sealPhone,
} from '../../src/core/personal.ts';

const shown: Digester = (kind, normalised) => `${kind}:${normalised}` as Digest;

describe('sealName', () => {
  it('digests the NFC-normalised, trimmed name and keeps its first character', () => {
    // 'é' as one code point and as 'e' + combining acute: one name.
    expect(sealName(' Ren\u00e9 ', shown)).toEqual({ digest: 'name:Ren\u00e9', masked: 'R***' });
    expect(sameSealed(sealName('Rene\u0301', shown), sealName('Ren\u00e9', shown))).toBe(true);
    expect(sealName('张三', shown).masked).toBe('张*');
  });
});

describe('sealIdNumber', () => {
  it('compares the check letter case-blind and reads its validity at the seal', () => {
    const upper = sealIdNumber('11010519491231002X', shown);
    expect(upper).toEqual({ digest: 'idNumber:11010519491231002X', masked: '110105********002X', valid: true });
    expect(sameSealed(sealIdNumber('11010519491231002x', shown), upper)).toBe(true);
    expect(sealIdNumber('110105194912310021', shown).valid).toBe(false);
  });

  it('tells a name and an ID number apart even when the texts are equal', () => {
    expect(sameSealed(sealName('110105', shown), sealIdNumber('110105', shown))).toBe(false);
  });
});

describe('sealPhone and sealCertificateNo', () => {
  it('checks an 11-digit mainland mobile number and masks its middle', () => {
    expect(sealPhone('13912345678', shown)).toEqual({ digest: 'phone:13912345678', masked: '139****5678', valid: true });
    expect(sealPhone('1391234567', shown).valid).toBe(false);
  });

  it('compares a certificate number case-blind and masks all of it', () => {
    expect(sealCertificateNo('o330123456', shown)).toEqual({ digest: 'certificateNo:O330123456', masked: '********' });
  });
});

describe('birthDateOfClearIdNumber', () => {
  it('reads the birth date an ID number carries, or nothing', () => {
    expect(birthDateOfClearIdNumber(' 11010519491231002X')).toBe('1949-12-31');
    expect(birthDateOfClearIdNumber('110105194913310021')).toBeUndefined();
  });
});
