/**
 * people.ts: GB 11643 ID numbers with the district, birth date and sex they
 * encode; mainland mobiles; birth-certificate numbers; exact ages.
 */

import { isValidIdNumber, isValidPhone } from '@medins/engine';
import { describe, expect, it } from 'vitest';
import { ageOn } from '../src/clock.ts';
import { birthDateForAge, identityFactory, withWrongCheckDigit } from '../src/people.ts';
import { createRng } from '../src/prng.ts';

describe('identityFactory', () => {
  it('writes valid, unique ID numbers that carry district, birth date and sex', () => {
    // Prepare
    const ids = identityFactory(createRng(1));
    // Act
    const men = Array.from({ length: 300 }, () => ids.idNumber('330802', '1980-02-29', 'M'));
    const women = Array.from({ length: 300 }, () => ids.idNumber('330802', '1980-02-29', 'F'));
    // Assess
    for (const id of [...men, ...women]) {
      expect(isValidIdNumber(id)).toBe(true);
      expect(id.slice(0, 14)).toBe('33080219800229');
    }
    expect(men.every((id) => Number(id[16]) % 2 === 1)).toBe(true);
    expect(women.every((id) => Number(id[16]) % 2 === 0)).toBe(true);
    expect(new Set([...men, ...women]).size).toBe(600);
  });

  it('writes unique 11-digit mainland mobiles and birth-certificate numbers', () => {
    const ids = identityFactory(createRng(2));
    const phones = Array.from({ length: 1_000 }, () => ids.mobile());
    expect(phones.every(isValidPhone)).toBe(true);
    expect(new Set(phones).size).toBe(1_000);
    const certificate = ids.birthCertificateNo();
    expect(certificate).toMatch(/^[A-Z]\d{9}$/);
  });
});

describe('withWrongCheckDigit', () => {
  it('spoils only the check character', () => {
    const ids = identityFactory(createRng(3));
    for (let i = 0; i < 200; i++) {
      const good = ids.idNumber('330824', '1975-06-15', i % 2 ? 'M' : 'F');
      const bad = withWrongCheckDigit(good);
      expect(bad.slice(0, 17)).toBe(good.slice(0, 17));
      expect(isValidIdNumber(bad)).toBe(false);
    }
  });
});

describe('birthDateForAge', () => {
  it('gives someone exactly that age on the date', () => {
    const rng = createRng(4);
    for (const age of [0, 1, 15, 16, 45, 99]) {
      for (let i = 0; i < 50; i++) expect(ageOn(birthDateForAge(rng, age, '2024-01-01'), '2024-01-01')).toBe(age);
    }
  });
});
