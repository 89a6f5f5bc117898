/**
 * Cost lines of one visit (generator → lines): amounts in fen, drawn log-normal
 * around a median per kind of visit, split into catalogue lines — `A` (甲类), `B`
 * (乙类, first self-pay 5–20 %), `OOC` (目录外, on-label or not) and `nonMedical`
 * (护工, 保健品) — the way a hospital or pharmacy bill is itemised.
 */
import type { Rng } from './prng.ts';
import type { LineInput } from './types.ts';

/** A chronic condition that qualifies for special outpatient care (门诊慢特病). */
export type Condition = 'hypertension' | 'diabetes' | 'copd' | 'mental' | 'dialysis' | 'cancer';

type Category = LineInput['category'];
type Part = readonly [code: string, category: Category, weight: number];

const SELF_PAY_RATIOS = [0.05, 0.1, 0.1, 0.15, 0.2] as const;

/** An amount in fen: log-normal around `median` yuan, clamped to [min, max] yuan. */
export function amountFen(rng: Rng, median: number, sigma: number, min: number, max: number): number {
  const yuan = Math.min(max, Math.max(min, rng.logNormal(median, sigma)));
  return Math.round(yuan * 100);
}

const code = (rng: Rng, prefix: string, pool: number) => `${prefix}${String(rng.int(1, pool)).padStart(4, '0')}`;

/** Catalogue line codes by category: drugs, tests, materials. */
const drugA = (rng: Rng) => code(rng, 'A-D', 400);
const testA = (rng: Rng) => code(rng, 'A-T', 200);
const drugB = (rng: Rng) => code(rng, 'B-D', 300);
const materialB = (rng: Rng) => code(rng, 'B-M', 150);
const drugOOC = (rng: Rng) => code(rng, 'O-D', 200);
const materialOOC = (rng: Rng) => code(rng, 'O-M', 80);

/** Turns weighted parts into lines that add up to `totalFen` exactly (the last takes the rest). */
function itemise(rng: Rng, totalFen: number, parts: readonly Part[]): LineInput[] {
  const weight = parts.reduce((s, [, , w]) => s + w, 0);
  const lines: LineInput[] = [];
  let left = totalFen;
  parts.forEach(([lineCode, category, w], i) => {
    const amount = i === parts.length - 1 ? left : Math.min(left, Math.max(100, Math.round((totalFen * w) / weight)));
    left -= amount;
    if (amount <= 0) return;
    const line: LineInput = { code: lineCode, category, amountFen: amount };
    if (category === 'B') line.selfPayRatio = rng.pick(SELF_PAY_RATIOS);
    if (category === 'OOC') {
      const u = rng.next();
      if (u < 0.7) line.onLabel = true;
      else if (u < 0.92) line.onLabel = false;
    }
    lines.push(line);
  });
  return lines;
}

/** 1–n drug and test lines in A/B/OOC with the given shares. */
function medicalParts(rng: Rng, count: number, shares: { a: number; b: number; ooc: number }, tests = 0.3): Part[] {
  const parts: Part[] = [];
  for (let i = 0; i < count; i++) {
    const category = rng.weighted([
      ['A', shares.a],
      ['B', shares.b],
      ['OOC', shares.ooc],
    ] as const);
    const isTest = rng.chance(tests);
    const lineCode =
      category === 'A' ? (isTest ? testA(rng) : drugA(rng)) : category === 'B' ? (isTest ? materialB(rng) : drugB(rng)) : drugOOC(rng);
    parts.push([lineCode, category, 0.4 + rng.next()]);
  }
  return parts;
}

/** 普通门诊: registration, a few drugs and tests; now and then a self-funded drug. */
export function outpatientLines(rng: Rng): LineInput[] {
  const total = amountFen(rng, 160, 0.85, 15, 4_000);
  const registration = Math.min(total, rng.int(10, 25) * 100);
  const lines: LineInput[] = [{ code: 'A-REG', category: 'A', amountFen: registration }];
  if (total - registration >= 100)
    lines.push(...itemise(rng, total - registration, medicalParts(rng, rng.int(1, 4), { a: 0.6, b: 0.35, ooc: 0.05 })));
  if (rng.chance(0.1)) lines.push({ code: drugOOC(rng), category: 'OOC', amountFen: amountFen(rng, 60, 0.8, 10, 600) });
  if (rng.chance(0.015)) lines.push({ code: 'N-HEALTH', category: 'nonMedical', amountFen: amountFen(rng, 120, 0.6, 30, 800) });
  return lines;
}

/** 定点药店: a basket of medicines, sometimes health products the account may not pay for. */
export function pharmacyLines(rng: Rng): LineInput[] {
  const total = amountFen(rng, 85, 0.75, 8, 1_500);
  const lines = itemise(rng, total, medicalParts(rng, rng.int(1, 4), { a: 0.55, b: 0.35, ooc: 0.1 }, 0));
  if (rng.chance(0.08)) lines.push({ code: 'N-HEALTH', category: 'nonMedical', amountFen: amountFen(rng, 150, 0.7, 30, 1_200) });
  return lines;
}

/** A special-drug purchase (特药): one or two packs of the patient's drug, sometimes a supporting drug. */
export function specialDrugLines(rng: Rng, drug: string, packFen: number): LineInput[] {
  const lines: LineInput[] = [{ code: drug, category: 'OOC', amountFen: packFen * (rng.chance(0.25) ? 2 : 1) }];
  if (rng.chance(0.2)) lines.push({ code: drugA(rng), category: 'A', amountFen: amountFen(rng, 80, 0.6, 10, 500) });
  return lines;
}

/** 门诊慢特病: a month of the condition's treatment. */
export function specialOutpatientLines(rng: Rng, condition: Condition): LineInput[] {
  if (condition === 'dialysis') {
    const sessions = rng.int(8, 13);
    const lines: LineInput[] = [{ code: 'A-HD01', category: 'A', amountFen: sessions * rng.int(380, 450) * 100 }];
    lines.push({
      code: materialB(rng),
      category: 'B',
      amountFen: amountFen(rng, 600, 0.3, 200, 1_500),
      selfPayRatio: rng.pick(SELF_PAY_RATIOS),
    });
    if (rng.chance(0.3))
      lines.push({
        code: drugB(rng),
        category: 'B',
        amountFen: amountFen(rng, 400, 0.5, 80, 2_000),
        selfPayRatio: rng.pick(SELF_PAY_RATIOS),
      });
    return lines;
  }
  if (condition === 'cancer') {
    const total = amountFen(rng, 9_000, 0.8, 1_500, 60_000);
    const parts = medicalParts(rng, rng.int(2, 5), { a: 0.45, b: 0.5, ooc: 0.05 }, 0.3);
    if (rng.chance(0.45)) parts.push([drugOOC(rng), 'OOC', 1 + 2 * rng.next()]);
    return itemise(rng, total, parts);
  }
  const total = amountFen(rng, 550, 0.6, 80, 5_000);
  const lines = itemise(rng, total, medicalParts(rng, rng.int(1, 4), { a: 0.55, b: 0.4, ooc: 0.05 }, 0.25));
  if (rng.chance(0.06)) lines.push({ code: drugOOC(rng), category: 'OOC', amountFen: amountFen(rng, 200, 0.7, 30, 2_000) });
  return lines;
}

export interface Stay {
  /** A serious illness (cancer, major surgery): larger bills, more self-funded items. */
  readonly severe: boolean;
  /** A delivery (分娩): a short, predictable stay. */
  readonly childbirth: boolean;
}

/** 住院: bed, nursing, surgery, drugs, tests, materials, self-funded items, a carer. */
export function inpatientLines(rng: Rng, stay: Stay): LineInput[] {
  const total = stay.childbirth
    ? amountFen(rng, 7_000, 0.3, 3_000, 20_000)
    : stay.severe
      ? amountFen(rng, 50_000, 0.8, 12_000, 900_000)
      : amountFen(rng, 8_000, 0.8, 1_500, 400_000);
  const parts: Part[] = [
    ['A-BED', 'A', 2 + rng.next() * 3],
    ['A-NUR', 'A', 2 + rng.next() * 3],
    ...medicalParts(rng, rng.int(3, 8), { a: 0.55, b: 0.45, ooc: 0 }, 0.35).map(([c, cat, w]) => [c, cat, w * 12] as Part),
    [materialB(rng), 'B', 6 + rng.next() * 15],
  ];
  if (stay.childbirth || rng.chance(0.45)) parts.push(['A-SURG', 'A', 5 + rng.next() * 15]);
  if (rng.chance(stay.severe ? 0.75 : 0.3)) {
    parts.push([drugOOC(rng), 'OOC', (stay.severe ? 10 : 3) + rng.next() * (stay.severe ? 30 : 12)]);
    if (rng.chance(0.3)) parts.push([materialOOC(rng), 'OOC', 2 + rng.next() * 8]);
  }
  const lines = itemise(rng, total, parts);
  if (rng.chance(0.15)) lines.push({ code: 'N-CARE', category: 'nonMedical', amountFen: amountFen(rng, 800, 0.8, 100, 6_000) });
  return lines;
}
