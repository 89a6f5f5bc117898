/**
 * insurer → 结算单: one claim explained in plain Chinese (with English labels) for a
 * member or a clerk. Everything is read from the stored result (the EOB) and the
 * claim as submitted; the plans are only looked up for the ratios, caps and bands
 * they configure. No rule is applied again: where a tier paid less than its ratio
 * would give, the statement says a cap was reached, from the figures alone.
 * Every amount names the EOB field it comes from, and the parts add up to the total.
 */
import {
  type Bps,
  type Catalog,
  type ClaimEvent,
  type ClaimResult,
  type Fen,
  formatFen,
  type HeldClaimResult,
  type Member,
  mulBps,
  type QuoteEvent,
  type VisitType,
} from '@medins/engine';
import { memberDisplay } from './run.ts';

/** One part of what the claim cost: who paid it. The parts of a statement add up to its total. */
export interface ExplanationPart {
  readonly label: string;
  /** The EOB field the figure comes from (`basic.paidFen`, `payments.cashFen`…). */
  readonly field: string;
  readonly fen: number;
}

export interface Explanation {
  readonly claimId: string;
  readonly status: (ClaimResult | HeldClaimResult)['status'];
  readonly totalFen: number;
  /** Who paid what: the tiers, the accounts, cash (empty for a rejected claim). */
  readonly parts: readonly ExplanationPart[];
  /** The statement, line by line. */
  readonly lines: readonly string[];
}

export interface ExplainInput {
  readonly result: ClaimResult | HeldClaimResult;
  /** The claim or quote as submitted (its lines and visit); absent when only the result is known. */
  readonly event?: ClaimEvent | QuoteEvent | undefined;
  readonly catalog?: Catalog | undefined;
  readonly member?: Member | undefined;
  /** The reversal (撤销结算) that undid the claim, if any. */
  readonly reversedBy?: string | undefined;
}

const VISIT: Record<VisitType, string> = {
  inpatient: '住院 inpatient',
  specialOutpatient: '门诊慢特病 special outpatient',
  outpatient: '普通门诊 outpatient',
  pharmacy: '定点药店 pharmacy',
};
const STATUS: Record<(ClaimResult | HeldClaimResult)['status'], string> = {
  settled: '已结算 settled',
  held: '待审核 held for review (nothing paid until a reviewer decides)',
  quoted: '试算 quote (nothing was paid or debited)',
  rejected: '拒付 rejected',
};
const LEVEL: Record<number, string> = { 1: '一级 level 1', 2: '二级 level 2', 3: '三级 level 3' };
const RESPONSIBILITY_KIND: Record<string, string> = {
  inPolicySelfPay: '政策范围内个人自付 in-policy self-pay',
  inPolicyAboveCriticalThreshold: '大病起付线以上的政策内自付 in-policy self-pay above the critical-illness threshold',
  outOfCatalog: '目录外费用 out-of-catalogue costs',
  specialDrug: '特药 listed special drugs',
};
const FINDING: Record<string, string> = {
  MEMBER_NOT_FOUND: '查无此参保人 member not found',
  MEMBER_NOT_ACTIVE: '参保状态非正常 member not active on the service date',
  CREDENTIAL_MISMATCH: '非本人医保凭证(冒名就医) the card presented is not the patient’s own',
  DUPLICATE_VISIT: '该次就诊已结算 the visit was already settled',
  PROVIDER_NOT_DESIGNATED: '非定点医药机构 provider not designated',
  NO_BASIC_PLAN: '无适用的基本医保方案 no basic plan for the member’s scheme, region and year',
  SUPPLEMENTARY_NOT_ENROLLED: '未参保惠民保(就诊日期不在保障期内) no supplementary policy covers the service date',
  FAMILY_BINDING_NOT_IN_WINDOW: '家庭共济绑定不在有效期内 family binding outside its window',
  FAMILY_HOLDER_NOT_ACTIVE: '家庭共济主账户人已不能支付 the family holder can no longer pay',
  BASIC_VISIT_TYPE_NOT_COVERED: '基本医保方案不含此就诊类型 the basic plan does not cover this visit type',
};

/** 1234567 fen → "12,345.67 元", exact (string arithmetic on the fen, no float). */
export function yuanText(fen: number): string {
  const [whole = '0', cents = '00'] = formatFen(fen).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}.${cents} 元`;
}

const pct = (bps: number) => `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 2)}%`;
const amount = (label: string, fen: number, field: string) => `  ${label}：${yuanText(fen)}  [${field}]`;

/** Whether `paid` fell short of `base × ratio` (rounded as the engine rounds): a cap or band limit was reached. */
const capped = (base: number, ratioBps: number, paid: number) => base > 0 && paid < mulBps(base as Fen, ratioBps as Bps);

/**
 * The 结算单 of one claim or quote.
 *
 * @example explainClaim({ result, event, catalog }).lines.join('\n')
 */
export function explainClaim(input: ExplainInput): Explanation {
  const { result, event, catalog } = input;
  const lines: string[] = [];
  let sections = 0;
  /** Sections are numbered as printed: a claim without assistance has no empty 医疗救助 section. */
  const heading = (title: string) => `${'一二三四五六七八九十'[sections++]}、${title}`;
  lines.push(`结算单 Settlement statement — ${result.type === 'quote' ? '试算 quote' : '就诊 claim'} ${result.id}`);
  lines.push(
    `状态 Status：${STATUS[result.status]}${input.reversedBy ? `；已撤销 reversed by ${input.reversedBy}: every amount below was given back` : ''}`,
  );
  if (event) {
    const provider = catalog?.provider(event.providerId);
    const who = input.member ? `${event.memberId} ${memberDisplay(input.member)}` : event.memberId;
    lines.push(`参保人 Member：${who}`);
    lines.push(
      `就诊 Visit：${VISIT[event.visitType]}，${event.providerId}${provider ? `（${LEVEL[provider.level] ?? `level ${provider.level}`}）` : ''}，就诊日期 service date ${event.serviceDate}`,
    );
  }
  lines.push('', heading('费用 What was billed'), amount('费用总额 total', result.totalFen, 'totalFen'));
  if (event) {
    const byCategory = (c: string) => event.lines.filter((l) => l.category === c).reduce((s, l) => s + l.amountFen, 0);
    lines.push(
      `  其中 of which: 甲类 A ${yuanText(byCategory('A'))}; 乙类 B ${yuanText(byCategory('B'))}; 目录外 out of catalogue ${yuanText(byCategory('OOC'))}; 非医疗 non-medical ${yuanText(byCategory('nonMedical'))} (${event.lines.length} lines)`,
    );
  }
  if (result.status === 'held') {
    lines.push('', heading('待审核 Why a reviewer decides first'));
    for (const flag of result.flags) lines.push(`  - ${flag}`);
    lines.push(
      '',
      '审核前各项基金均未支付，个人账户未扣款。Nothing is paid or debited until the review; its decision has its own statement.',
    );
    return { claimId: result.id, status: result.status, totalFen: result.totalFen, parts: [], lines };
  }
  if (result.status === 'rejected') {
    lines.push('', heading('拒付原因 Why nothing was paid'));
    for (const r of result.reasons) lines.push(`  - ${FINDING[r.code] ?? r.message} [${r.code}]`);
    lines.push('', '基本医保、大病保险、医疗救助、惠民保均未支付，个人账户未扣款。No tier paid and no account was debited.');
    return { claimId: result.id, status: result.status, totalFen: result.totalFen, parts: [], lines };
  }
  const basic = result.basic;
  if (basic) {
    const plan = catalog?.plans.get(basic.planId);
    const benefit = plan?.tier === 'basic' && event ? plan.benefits[event.visitType] : undefined;
    const level = event ? catalog?.provider(event.providerId)?.level : undefined;
    const configured = benefit && level !== undefined ? benefit.ratioBps.get(level) : undefined;
    // The retiree bonus is shown as configured; the shortfall test needs the member's ratio, so it is skipped when unknown.
    const bonus = benefit?.retireeBonusBps ?? 0;
    const ratio = configured;
    const memberRatio =
      configured === undefined
        ? undefined
        : input.member
          ? input.member.retired
            ? Math.min(10_000, configured + bonus)
            : configured
          : bonus === 0
            ? configured
            : undefined;
    lines.push(
      '',
      heading('目录内外 What the catalogue kept out'),
      amount(
        '先行自付 first self-pay (乙类按比例先由个人支付 the patient’s share of B lines)',
        basic.firstSelfPayFen,
        'basic.firstSelfPayFen',
      ),
      amount('目录外自费 out of the catalogue, self-funded', basic.selfFundedFen, 'basic.selfFundedFen'),
      amount('非医疗 non-medical (no tier, no account pays it)', basic.nonMedicalFen, 'basic.nonMedicalFen'),
      amount('政策范围内费用 in scope', basic.scopeFen, 'basic.scopeFen'),
      '',
      heading(`统筹基金 Basic tier (${basic.planId})`),
      amount('起付线 deductible', basic.deductibleFen, 'basic.deductibleFen'),
      amount(
        `统筹支付 paid${ratio !== undefined ? `，报销比例 ratio ${pct(ratio)}${bonus ? `（退休另加 retirees +${pct(bonus)}）` : ''}` : ''}`,
        basic.paidFen,
        'basic.paidFen',
      ),
    );
    if (memberRatio !== undefined && capped(basic.scopeFen - basic.deductibleFen, memberRatio, basic.paidFen))
      lines.push('  已达封顶线 a cap was reached (per visit, the visit type’s yearly cap or the plan’s yearly cap)');
    lines.push(amount('政策范围内个人自付 in-policy self-pay', basic.inPolicySelfPayFen, 'basic.inPolicySelfPayFen'));
  }
  const ci = result.criticalIllness;
  if (ci) {
    const plan = catalog?.plans.get(ci.planId);
    const bands =
      plan?.tier === 'criticalIllness'
        ? `；起付线 threshold ${yuanText(plan.thresholdFen)}，分段 bands ${plan.bands.map((b) => `${b.uptoFen === null ? 'above' : `up to ${yuanText(b.uptoFen)}`} ${pct(b.ratioBps)}`).join(', ')}`
        : '';
    lines.push(
      '',
      heading(`大病保险 Critical illness (${ci.planId}${bands})`),
      amount('本次超过起付线部分 this claim above the threshold', ci.aboveThresholdFen, 'criticalIllness.aboveThresholdFen'),
      amount('大病支付 paid', ci.paidFen, 'criticalIllness.paidFen'),
    );
  }
  const aid = result.assistance;
  if (aid) {
    lines.push(
      '',
      heading(`医疗救助 Medical assistance (${aid.planId}, ${aid.category})`),
      amount('救助基数 base', aid.baseFen, 'assistance.baseFen'),
      amount('起付线 deductible', aid.deductibleFen, 'assistance.deductibleFen'),
      amount('救助支付 paid', aid.paidFen, 'assistance.paidFen'),
    );
  }
  const sup = result.supplementary;
  if (sup) {
    const product = catalog?.product(sup.planId);
    lines.push('', heading(`惠民保 Supplementary (${product ? `${product.name} ` : ''}${sup.planId}, policy ${sup.policyId})`));
    sup.responsibilities.forEach((r, i) => {
      const config = product?.responsibilities.find((x) => x.id === r.id);
      const what = config ? RESPONSIBILITY_KIND[config.kind] : r.id;
      lines.push(
        `  ${r.id} ${what}${config ? `：比例 ratio ${pct(config.ratioBps)}，年度免赔额 yearly deductible ${yuanText(config.deductibleFen)}${config.capFen === null ? '' : `，年度限额 yearly cap ${yuanText(config.capFen)}`}` : ''}`,
        amount('  计算基数 base', r.baseFen, `supplementary.responsibilities[${i}].baseFen`),
        amount('  本次计入免赔额 deductible consumed', r.deductibleFen, `supplementary.responsibilities[${i}].deductibleFen`),
        amount('  赔付 paid', r.paidFen, `supplementary.responsibilities[${i}].paidFen`),
      );
      if (config && capped(r.baseFen - r.deductibleFen, config.ratioBps, r.paidFen))
        lines.push('    已达年度限额 the yearly cap was reached');
    });
    lines.push(amount('惠民保合计 supplementary paid', sup.paidFen, 'supplementary.paidFen'));
  }
  const p = result.payments;
  lines.push(
    '',
    heading('个人负担的支付 How the rest was paid'),
    amount('本人个人账户 own personal account', p.ownAccountFen, 'payments.ownAccountFen'),
    amount(
      `家庭共济 family account${p.familyHolderId ? `（主账户人 holder ${p.familyHolderId}）` : ''}`,
      p.familyAccountFen,
      'payments.familyAccountFen',
    ),
    amount('现金 cash', p.cashFen, 'payments.cashFen'),
  );
  for (const n of result.notes) lines.push(`  说明 note: ${FINDING[n.code] ?? n.message} [${n.code}]`);
  const parts: ExplanationPart[] = [
    { label: '统筹基金 basic', field: 'basic.paidFen', fen: basic?.paidFen ?? 0 },
    { label: '大病保险 critical illness', field: 'criticalIllness.paidFen', fen: ci?.paidFen ?? 0 },
    { label: '医疗救助 assistance', field: 'assistance.paidFen', fen: aid?.paidFen ?? 0 },
    { label: '惠民保 supplementary', field: 'supplementary.paidFen', fen: sup?.paidFen ?? 0 },
    { label: '本人个人账户 own account', field: 'payments.ownAccountFen', fen: p.ownAccountFen },
    { label: '家庭共济 family account', field: 'payments.familyAccountFen', fen: p.familyAccountFen },
    { label: '现金 cash', field: 'payments.cashFen', fen: p.cashFen },
  ];
  const sum = parts.reduce((s, x) => s + x.fen, 0);
  lines.push('', heading('合计 Who paid what (the parts add up to the total)'));
  for (const part of parts) lines.push(`  ${part.label}：${yuanText(part.fen)}  [${part.field}]`);
  lines.push(
    `  = 合计 total：${yuanText(sum)}${sum === result.totalFen ? '' : `  ≠ 费用总额 ${yuanText(result.totalFen)}: the EOB does not add up`}`,
  );
  return { claimId: result.id, status: result.status, totalFen: result.totalFen, parts, lines };
}
