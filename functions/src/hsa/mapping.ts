/**
 * functions → hsa: the pure mapping between the national platform's messages and
 * our domain — no AWS, no I/O. Held fee details become a claim's (or quote's)
 * cost lines; the engine's result becomes `setlinfo` and `setldetail`; a detail's
 * catalogue class becomes its 2204 answer; a member's year accumulators become
 * `cuminfo`. Every figure comes from the engine (the line split is the engine's
 * `splitLines`, the tiers and payments the engine's settlement): this module only
 * renames and converts fen to yuan, so it can never settle differently.
 */
import { fen, type PaidClaimResult, splitLines, toBps } from '@medins/engine';
import type { HsaFeeDetail } from '@medins/store/ports';
import { type FundCode, type FundField, fundsOf, type HsaConfig, type ListItem } from './config.ts';
import { yuanOf, yuanText } from './wire.ts';

/** The platform's catalogue class (收费项目等级): 01 甲类, 02 乙类, 03 丙类 (self-funded). */
const CHRGITM_LV = { A: '01', B: '02', OOC: '03', nonMedical: '03' } as const;

/** A held fee detail as a cost line of our contract (JSON, as the API's claims carry them). */
export function costLineOf(detail: HsaFeeDetail, item: ListItem): Record<string, unknown> {
  return {
    code: detail.listCode,
    category: item.category,
    amountFen: detail.amountFen,
    ...(item.category === 'B' ? { selfPayRatio: item.selfPayRatio ?? 0 } : {}),
  };
}

/**
 * The 2204 answer of one detail: its class, first self-pay ratio and the engine's
 * split of its amount (fully self-paid, first self-pay, in scope).
 *
 * @example
 * ```ts
 * detailResult(detail /* 100 yuan *\/, { category: 'B', selfPayRatio: 0.1 });
 * // { …, chrgitm_lv: '02', selfpay_prop: 0.1, preselfpay_amt: 10, inscp_scp_amt: 90, fulamt_ownpay_amt: 0 }
 * ```
 */
export function detailResult(detail: HsaFeeDetail, item: ListItem): Record<string, unknown> {
  const split = splitLines([
    {
      code: detail.listCode,
      category: item.category,
      amountFen: fen(detail.amountFen),
      selfPayBps: toBps(item.category === 'B' ? (item.selfPayRatio ?? 0) : item.category === 'A' ? 0 : 1),
      onLabel: null,
    },
  ]);
  return {
    feedetl_sn: detail.feedetlSn,
    det_item_fee_sumamt: yuanOf(detail.amountFen),
    cnt: Number(detail.cnt),
    pric: Number(detail.pric),
    selfpay_prop: item.category === 'B' ? (item.selfPayRatio ?? 0) : item.category === 'A' ? 0 : 1,
    fulamt_ownpay_amt: yuanOf(split.selfFundedFen + split.nonMedicalFen),
    overlmt_amt: 0,
    preselfpay_amt: yuanOf(split.firstSelfPayFen),
    inscp_scp_amt: yuanOf(split.scopeFen),
    chrgitm_lv: CHRGITM_LV[item.category],
  };
}

/** What a settlement answer is about, besides the engine's result. */
export interface SettlementContext {
  readonly mdtrtId: string;
  /** Null for a 2206 quote (the platform sends no setl_id before 2207). */
  readonly setlId: string | null;
  readonly psnNo: string;
  readonly insutype: string;
  readonly medType: string;
  readonly mdtrtCertType: string;
  /** The member's home region: whose fund codes apply. */
  readonly region: string;
  readonly scheme: 'employee' | 'resident';
  /** The member's own personal account after this settlement (fen). */
  readonly balanceFen: number;
  /** Our server's time of the settlement, `yyyy-MM-dd HH:mm:ss`. */
  readonly setlTime: string;
  /** The HIS's own message id, echoed as medins_setl_id. */
  readonly msgid: string;
}

interface Tier {
  readonly fund: FundCode;
  readonly paidFen: number;
}

function tiersOf(result: PaidClaimResult, config: HsaConfig, ctx: SettlementContext): Tier[] {
  const funds = fundsOf(config, ctx.region);
  return [
    { fund: funds.basic[ctx.scheme], paidFen: result.basic?.paidFen ?? 0 },
    { fund: funds.criticalIllness[ctx.scheme], paidFen: result.criticalIllness?.paidFen ?? 0 },
    { fund: funds.assistance, paidFen: result.assistance?.paidFen ?? 0 },
    { fund: funds.supplementary, paidFen: result.supplementary?.paidFen ?? 0 },
  ];
}

/**
 * `setlinfo` and `setldetail` of a settled claim or a quote: every figure is the
 * engine's, in yuan; `sign` −1 writes a reversal (every amount negative).
 * Invariants (tested): medfee_sumamt = fund_pay_sumamt + psn_part_amt and
 * psn_part_amt = acct_pay + acct_mulaid_pay + psn_cash_pay.
 */
export function settlementOutput(
  result: PaidClaimResult,
  config: HsaConfig,
  ctx: SettlementContext,
  sign: 1 | -1 = 1,
): { setlinfo: Record<string, unknown>; setldetail: Record<string, unknown>[] } {
  const y = (f: number) => yuanOf(sign * f);
  const tiers = tiersOf(result, config, ctx);
  const fields: Record<FundField, number> = {
    hifp_pay: 0,
    hifmi_pay: 0,
    hifob_pay: 0,
    hifes_pay: 0,
    cvlserv_pay: 0,
    maf_pay: 0,
    oth_pay: 0,
    hifdm_pay: 0,
  };
  for (const t of tiers) fields[t.fund.field] += t.paidFen;
  const fundFen = tiers.reduce((s, t) => s + t.paidFen, 0);
  const { ownAccountFen, familyAccountFen, cashFen } = result.payments;
  const basic = result.basic;
  const scopeFen = basic?.scopeFen ?? 0;
  const setlinfo = {
    mdtrt_id: ctx.mdtrtId,
    setl_id: ctx.setlId,
    psn_no: ctx.psnNo,
    insutype: ctx.insutype,
    setl_time: ctx.setlTime,
    mdtrt_cert_type: ctx.mdtrtCertType,
    med_type: ctx.medType,
    medfee_sumamt: y(result.totalFen),
    fulamt_ownpay_amt: y((basic?.selfFundedFen ?? 0) + (basic?.nonMedicalFen ?? 0)),
    overlmt_selfpay: 0,
    preselfpay_amt: y(basic?.firstSelfPayFen ?? 0),
    inscp_scp_amt: y(scopeFen),
    act_pay_dedc: y(basic?.deductibleFen ?? 0),
    pool_prop_selfpay: y(Math.max(0, (basic?.inPolicySelfPayFen ?? 0) - (basic?.deductibleFen ?? 0))),
    ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, y(v)])),
    fund_pay_sumamt: y(fundFen),
    psn_part_amt: y(result.totalFen - fundFen),
    acct_pay: y(ownAccountFen),
    acct_mulaid_pay: y(familyAccountFen),
    psn_cash_pay: y(cashFen),
    hosp_part_amt: 0,
    balc: yuanOf(ctx.balanceFen),
    medins_setl_id: ctx.msgid,
    clr_optins: ctx.region,
  };
  const setldetail = tiers
    .filter((t) => t.paidFen > 0)
    .map((t) => ({
      fund_pay_type: t.fund.code,
      fund_pay_type_name: t.fund.name,
      inscp_scp_amt: y(scopeFen),
      crt_payb_lmt_amt: null,
      fund_payamt: y(t.paidFen),
      setl_proc_info: null,
    }));
  return { setlinfo, setldetail };
}

/**
 * `cuminfo` of 5206: one row per year accumulator of the member, its value in
 * yuan text (the platform declares `cum` a string). The code is the region's
 * configured cum_type_code of the accumulator's kind (our counter name with its
 * plan written `*`), else our counter name.
 *
 * @example
 * ```ts
 * cuminfoOf({ 'basic:b21:outpatient:deductible': 20000 }, config, '310', 2021, '202103');
 * // [{ insutype: '310', year: '2021', cum_ym: '202103', cum_type_code: 'basic:*:outpatient:deductible', cum: '200.00' }]
 * ```
 */
export function cuminfoOf(
  counters: Readonly<Record<string, number>>,
  config: HsaConfig,
  insutype: string,
  year: number,
  cumYm: string,
): Record<string, unknown>[] {
  return Object.keys(counters)
    .sort()
    .map((name) => {
      const parts = name.split(':');
      const kind = parts.length > 1 ? [parts[0], '*', ...parts.slice(2)].join(':') : name;
      return {
        insutype,
        year: String(year),
        cum_ym: cumYm,
        cum_type_code: config.cumTypes[kind] ?? kind,
        cum: yuanText(counters[name] ?? 0),
      };
    });
}
