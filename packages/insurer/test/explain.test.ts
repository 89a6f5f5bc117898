import { parseScenario } from '@medins/contract';
import { type ClaimEvent, type ClaimResult, replay } from '@medins/engine';
import { generateWorkload } from '@medins/workload';
import { describe, expect, it } from 'vitest';
import { explainClaim, yuanText } from '../src/explain.ts';
import { applySettings, parseSetting } from '../src/parameters.ts';
import { TWO_YEARS, twoYearsRun } from './support/two-years.ts';

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
    expect(bare).toContain('、惠民保 Supplementary (惠衢保 huiqubao-2025, policy huiqubao-2025:m1)');
  });

  it('writes yuan exactly, with thousands separated', () => {
    expect(yuanText(123_456_789)).toBe('1,234,567.89 元');
    expect(yuanText(5)).toBe('0.05 元');
    expect(yuanText(-120_00)).toBe('-120.00 元');
  });
});

describe('结算单 of other claims', () => {
  it('says the yearly cap was reached when a responsibility paid less than its ratio gives', () => {
    // 惠衢保 2024's R1 capped at 3,000 yuan: c1's 10,000 yuan at 50 % would pay 5,000.
    const { world } = applySettings(TWO_YEARS, [parseSetting('huiqubao-2024.R1.capFen=300000')]);
    const scenario = parseScenario(TWO_YEARS);
    const outcome = replay(world, scenario.events);
    const c1 = outcome.results.find((r) => r.id === 'c1') as ClaimResult;
    const text = explainClaim({ result: c1, event: scenario.events[1] as ClaimEvent, catalog: world.catalog }).lines.join('\n');
    expect(text).toContain('  赔付 paid：3,000.00 元');
    expect(text).toContain('已达年度限额 the yearly cap was reached');
    expect(text).toContain('年度限额 yearly cap 3,000.00 元');
  });

  it('explains critical illness, assistance, a rejection and a quote of a city', () => {
    const doc = generateWorkload({ members: 300, claims: 500, seed: 8 });
    const s = parseScenario(doc);
    const o = replay(s.world, s.events);
    const claims = o.results.filter((r): r is ClaimResult => r.type === 'claim' || r.type === 'quote');
    const text = (r: ClaimResult) =>
      explainClaim({ result: r, event: s.events.find((e) => e.id === r.id) as ClaimEvent, catalog: s.world.catalog }).lines.join('\n');
    const ci = claims.find((r) => (r.criticalIllness?.paidFen ?? 0) > 0)!;
    expect(text(ci)).toMatch(/、大病保险 Critical illness \(.+；起付线 threshold .+ 元，分段 bands up to .+ 元 \d+%, above \d+%\)/);
    const aid = claims.find((r) => (r.assistance?.paidFen ?? 0) > 0)!;
    expect(text(aid)).toMatch(/、医疗救助 Medical assistance/);
    const rejected = claims.find((r) => r.status === 'rejected')!;
    const refusal = text(rejected);
    expect(refusal).toContain('二、拒付原因 Why nothing was paid');
    expect(refusal).toContain(`[${rejected.reasons[0]!.code}]`);
    expect(explainClaim({ result: rejected }).parts).toEqual([]);
    const quote = claims.find((r) => r.type === 'quote' && r.status === 'quoted')!;
    expect(text(quote)).toMatch(/^结算单 Settlement statement — 试算 quote .+\n状态 Status：试算 quote \(nothing was paid or debited\)/);
    const noted = claims.find((r) => r.notes.length > 0)!;
    expect(text(noted)).toContain(`[${noted.notes[0]!.code}]`);
  });
});
