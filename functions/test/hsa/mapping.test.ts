import { type Fen, fen, type PaidClaimResult } from '@medins/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HsaConfigSchema, NATIONAL_DEFAULTS } from '../../src/hsa/config.ts';
import { cuminfoOf, detailResult, settlementOutput } from '../../src/hsa/mapping.ts';
import { fenOfYuanText } from '../../src/hsa/wire.ts';

const config = HsaConfigSchema.parse(NATIONAL_DEFAULTS);
const detail = (amountFen: number) => ({
  feedetlSn: 'F1',
  chrgBchno: 'B1',
  listCode: 'X',
  amountFen,
  cnt: '1',
  pric: '1',
  feeTime: '',
  setlId: null,
});
const f = (y: unknown) => fenOfYuanText(JSON.stringify(y)) as number;

const ctx = {
  mdtrtId: 'M1',
  setlId: 'S1',
  psnNo: 'm1',
  insutype: '310',
  medType: '11',
  mdtrtCertType: '01',
  region: '330800',
  scheme: 'employee' as const,
  balanceFen: 100,
  setlTime: '2021-03-02 10:00:00',
  msgid: 'H1',
};

/** A settled result whose parts add up, as the engine's EOB does. */
function resultOf(parts: number[]): PaidClaimResult {
  const [basic = 0, ci = 0, aid = 0, supp = 0, own = 0, family = 0, cash = 0] = parts;
  const total = parts.reduce((s, p) => s + p, 0);
  return {
    id: 'c1' as never,
    type: 'claim',
    status: 'settled',
    reasons: [],
    notes: [],
    totalFen: fen(total),
    basic: {
      planId: 'b' as never,
      scopeFen: fen(total),
      firstSelfPayFen: fen(0),
      selfFundedFen: fen(0),
      nonMedicalFen: fen(0),
      deductibleFen: fen(0),
      paidFen: fen(basic),
      inPolicySelfPayFen: fen(total - basic),
    },
    criticalIllness: { planId: 'ci' as never, aboveThresholdFen: fen(0), paidFen: fen(ci) },
    assistance: { planId: 'a' as never, category: 'x', baseFen: fen(0), deductibleFen: fen(0), paidFen: fen(aid) },
    supplementary: { planId: 'p' as never, policyId: 'pol' as never, paidFen: fen(supp), responsibilities: [] },
    payments: { ownAccountFen: fen(own), familyAccountFen: fen(family), familyHolderId: null, cashFen: fen(cash) as Fen },
  };
}

describe('settlementOutput', () => {
  it('keeps the platform’s invariants for any result whose parts add up, and negates a reversal exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 7, maxLength: 7 }), (parts) => {
        for (const sign of [1, -1] as const) {
          const { setlinfo: s } = settlementOutput(resultOf(parts), config, ctx, sign);
          expect(f(s.medfee_sumamt)).toBe(f(s.fund_pay_sumamt) + f(s.psn_part_amt));
          expect(f(s.psn_part_amt)).toBe(f(s.acct_pay) + f(s.acct_mulaid_pay) + f(s.psn_cash_pay));
          expect(f(s.medfee_sumamt)).toBe(sign * parts.reduce((a, b) => a + b, 0));
        }
      }),
    );
  });

  it('writes each tier to its configured field and fund code', () => {
    const { setlinfo, setldetail } = settlementOutput(resultOf([1000, 200, 30, 4, 5, 6, 7]), config, ctx);
    expect(setlinfo).toMatchObject({
      hifp_pay: 10,
      hifob_pay: 2,
      maf_pay: 0.3,
      oth_pay: 0.04,
      acct_pay: 0.05,
      acct_mulaid_pay: 0.06,
      psn_cash_pay: 0.07,
    });
    expect(setldetail.map((d) => d.fund_pay_type)).toEqual(['310100', '330100', '610100', '999996']);
    const resident = settlementOutput(resultOf([0, 200]), config, { ...ctx, scheme: 'resident' });
    expect(resident.setlinfo.hifmi_pay).toBe(2);
    expect(resident.setldetail).toEqual([expect.objectContaining({ fund_pay_type: '390200', fund_payamt: 2 })]);
  });
});

describe('detailResult', () => {
  it('answers a line with the engine’s split', () => {
    expect(detailResult(detail(50_050), { category: 'B', selfPayRatio: 0.1 })).toMatchObject({
      chrgitm_lv: '02',
      preselfpay_amt: 50.05,
      inscp_scp_amt: 450.45,
    });
    expect(detailResult(detail(999), { category: 'OOC' })).toMatchObject({
      chrgitm_lv: '03',
      selfpay_prop: 1,
      fulamt_ownpay_amt: 9.99,
      inscp_scp_amt: 0,
    });
  });
});

describe('cuminfoOf', () => {
  it('names accumulators by kind, configured codes first, values as yuan text', () => {
    const rows = cuminfoOf(
      { 'basic:b21:outpatient:deductible': 20_000, 'ci:c21:selfPay': 5 },
      { ...config, cumTypes: { 'ci:*:selfPay': 'C0001' } },
      '310',
      2021,
      '202103',
    );
    expect(rows).toEqual([
      { insutype: '310', year: '2021', cum_ym: '202103', cum_type_code: 'basic:*:outpatient:deductible', cum: '200.00' },
      { insutype: '310', year: '2021', cum_ym: '202103', cum_type_code: 'C0001', cum: '0.05' },
    ]);
  });
});
