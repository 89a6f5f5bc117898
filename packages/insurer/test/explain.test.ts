import { describe, expect, it } from 'vitest';
import { explainClaim, yuanText } from '../src/explain.ts';
import { twoYearsRun } from './support/two-years.ts';

const run = twoYearsRun();
const explain = (id: string, extra: { reversedBy?: string; withEvent?: boolean } = {}) => {
  const result = run.results.find((r) => r.id === id)!;
  if (result.type !== 'claim' && result.type !== 'quote') throw new Error(id);
  const event = run.events.find((e) => e.id === id);
  return explainClaim({
    result,
    event: extra.withEvent === false || (event?.type !== 'claim' && event?.type !== 'quote') ? undefined : event,
    catalog: run.world.catalog,
    member: run.world.members.find((m) => m.id === (event as { memberId?: string }).memberId),
    reversedBy: extra.reversedBy,
  });
};

describe('结算单', () => {
  it('walks a settled claim from the bill to who paid, every figure named by its EOB field', () => {
    const e = explain('c1');
    const text = e.lines.join('\n');
    expect(text).toContain('参保人 Member：m1 张*');
    expect(text).toContain('就诊 Visit：住院 inpatient，H-QZ-3（三级 level 3），就诊日期 service date 2024-03-01');
    expect(text).toContain('费用总额 total：10,000.00 元  [totalFen]');
    expect(text).toContain('统筹支付 paid，报销比例 ratio 0%：0.00 元  [basic.paidFen]');
    expect(text).toContain('R1 政策范围内个人自付 in-policy self-pay：比例 ratio 50%');
    expect(text).toContain('  赔付 paid：5,000.00 元  [supplementary.responsibilities[0].paidFen]');
    expect(text).toContain('现金 cash：5,000.00 元  [payments.cashFen]');
    expect(text).toContain('= 合计 total：10,000.00 元');
    expect(e.parts.reduce((s, p) => s + p.fen, 0)).toBe(e.totalFen);
    expect(text).not.toContain('张三');
  });

  it('says when the claim was reversed, and explains a claim from its result alone', () => {
    expect(explain('c2', { reversedBy: 'x1' }).lines[1]).toContain('已撤销 reversed by x1');
    const bare = explain('c4', { withEvent: false }).lines.join('\n');
    expect(bare).not.toContain('参保人');
    expect(bare).toContain('六、惠民保 Supplementary (惠衢保 huiqubao-2025, policy huiqubao-2025:m1)');
  });

  it('writes yuan exactly, with thousands separated', () => {
    expect(yuanText(123_456_789)).toBe('1,234,567.89 元');
    expect(yuanText(5)).toBe('0.05 元');
    expect(yuanText(-120_00)).toBe('-120.00 元');
  });
});
