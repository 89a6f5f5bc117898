/**
 * Identities (generator → people): Chinese names from common surnames and given
 * names of the person's generation, GB 11643 ID numbers (district code, birth date,
 * sequence whose last digit is odd for men and even for women, check character),
 * 11-digit mainland mobile numbers on real carrier prefixes, and birth-certificate
 * numbers for newborns. Every number is unique within one workload.
 */
import { withCheckDigit } from '@medins/engine';
import { civilFromDays, daysFromCivil } from './clock.ts';
import type { Rng } from './prng.ts';

export type Sex = 'M' | 'F';

/** Surnames with rough weights; 衢州 has many 徐, 毛, 郑, 祝, 方, 余 beside the national ones. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 7.1],
  ['李', 7.0],
  ['张', 6.8],
  ['刘', 5.4],
  ['陈', 5.6],
  ['杨', 3.1],
  ['黄', 2.3],
  ['赵', 2.2],
  ['吴', 2.4],
  ['周', 2.6],
  ['徐', 3.0],
  ['孙', 1.4],
  ['马', 1.2],
  ['朱', 1.5],
  ['胡', 1.6],
  ['郭', 1.1],
  ['何', 1.0],
  ['高', 1.0],
  ['林', 1.1],
  ['郑', 1.9],
  ['毛', 1.6],
  ['祝', 1.0],
  ['方', 1.4],
  ['余', 1.2],
  ['叶', 1.3],
  ['汪', 1.0],
  ['姜', 0.8],
  ['程', 0.7],
  ['蒋', 0.7],
  ['邵', 0.6],
  ['童', 0.5],
  ['杜', 0.5],
  ['傅', 0.5],
  ['吕', 0.5],
  ['金', 0.6],
  ['钱', 0.5],
  ['柴', 0.4],
  ['应', 0.3],
  ['鲁', 0.3],
  ['华', 0.3],
];

/** Two-character and one-character given names by generation and sex. */
const GIVEN: Record<'elder' | 'middle' | 'young', Record<Sex, readonly string[]>> = {
  elder: {
    M: ['建国', '国华', '德福', '金水', '根土', '树林', '长生', '志强', '福生', '荣华', '土根', '国庆', '光明', '振华', '有才', '春生'],
    F: ['秀英', '桂英', '玉兰', '凤英', '桂芳', '玉珍', '秀兰', '金花', '彩凤', '爱华', '月娥', '素珍', '菊香', '美珍', '翠英', '冬梅'],
  },
  middle: {
    M: ['伟', '军', '勇', '强', '磊', '涛', '斌', '建华', '晓明', '海峰', '建军', '志刚', '永红', '卫东', '立新', '俊杰', '文斌', '晓东'],
    F: ['芳', '丽', '敏', '静', '燕', '红', '霞', '海燕', '丽萍', '晓红', '雪梅', '丽娟', '艳', '婷', '慧', '春燕', '晓燕', '美华'],
  },
  young: {
    M: ['子轩', '浩然', '宇航', '思远', '雨泽', '梓睿', '俊熙', '一鸣', '博文', '皓轩', '子墨', '宇辰', '铭泽', '嘉懿', '晨阳', '天佑'],
    F: ['梓涵', '欣怡', '一诺', '诗涵', '佳怡', '雨桐', '可馨', '子萱', '思琪', '语嫣', '梦瑶', '若曦', '芷若', '依诺', '欣妍', '紫萱'],
  },
};

/** Mainland mobile prefixes of the three carriers. */
const MOBILE_PREFIXES = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '178',
  '182',
  '183',
  '184',
  '187',
  '188',
  '198',
  '130',
  '131',
  '132',
  '145',
  '155',
  '156',
  '166',
  '175',
  '176',
  '185',
  '186',
  '133',
  '149',
  '153',
  '173',
  '177',
  '180',
  '181',
  '189',
  '199',
] as const;

/** Letters that start 出生医学证明 numbers in the generated set. */
const CERTIFICATE_LETTERS = ['M', 'N', 'O', 'P', 'Q', 'R'] as const;

export function surname(rng: Rng): string {
  return rng.weighted(SURNAMES);
}

/** A given name typical of someone born in `birthYear`. */
export function givenName(rng: Rng, sex: Sex, birthYear: number): string {
  const era = birthYear < 1962 ? 'elder' : birthYear < 1995 ? 'middle' : 'young';
  return rng.pick(GIVEN[era][sex]);
}

/** A date `YYYY-MM-DD` at which someone is exactly `age` on `on` (`YYYY-MM-DD`). */
export function birthDateForAge(rng: Rng, age: number, on: string): string {
  const y = Number(on.slice(0, 4));
  const m = Number(on.slice(5, 7));
  const d = Number(on.slice(8, 10));
  // Born after the day `age + 1` years before `on`, and on or before the day `age` years before.
  const latest = daysFromCivil(y - age, m, d);
  const earliest = daysFromCivil(y - age - 1, m, d) + 1;
  return civilFromDays(earliest + rng.int(0, latest - earliest));
}

/** A uniform date between two dates, both included. */
export function dateBetween(rng: Rng, from: string, to: string): string {
  const lo = daysFromCivil(Number(from.slice(0, 4)), Number(from.slice(5, 7)), Number(from.slice(8, 10)));
  const hi = daysFromCivil(Number(to.slice(0, 4)), Number(to.slice(5, 7)), Number(to.slice(8, 10)));
  return civilFromDays(lo + rng.int(0, hi - lo));
}

/** Hands out unique ID numbers, mobiles and certificate numbers. */
export interface IdentityFactory {
  /** An 18-character ID number of someone registered in `district`, born on `birthDate`. */
  idNumber(district: string, birthDate: string, sex: Sex): string;
  mobile(): string;
  birthCertificateNo(): string;
}

export function identityFactory(rng: Rng): IdentityFactory {
  const ids = new Set<string>();
  const phones = new Set<string>();
  const certificates = new Set<string>();
  const digits = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
    return s;
  };
  return {
    idNumber(district, birthDate, sex) {
      const born = birthDate.replaceAll('-', '');
      for (;;) {
        // Sequence 顺序码: two free digits, then odd for a man, even for a woman.
        const last = sex === 'M' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]);
        const id = withCheckDigit(`${district}${born}${digits(2)}${last}`);
        if (!ids.has(id)) {
          ids.add(id);
          return id;
        }
      }
    },
    mobile() {
      for (;;) {
        const phone = rng.pick(MOBILE_PREFIXES) + digits(8);
        if (!phones.has(phone)) {
          phones.add(phone);
          return phone;
        }
      }
    },
    birthCertificateNo() {
      for (;;) {
        const no = rng.pick(CERTIFICATE_LETTERS) + digits(9);
        if (!certificates.has(no)) {
          certificates.add(no);
          return no;
        }
      }
    },
  };
}

/** The same ID number with its check character wrong (a typing slip). */
export function withWrongCheckDigit(idNumber: string): string {
  const right = idNumber.slice(17);
  const wrong = right === '0' ? '1' : right === 'X' ? '0' : right === '9' ? 'X' : String(Number(right) + 1);
  return idNumber.slice(0, 17) + wrong;
}
