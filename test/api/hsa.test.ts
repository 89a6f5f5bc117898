/**
 * The national platform's gateway (POST /hsa) over real HTTP on `npm run api`'s
 * stack: a HIS registers a visit with the patient's e-voucher (2201), uploads its
 * medical type (2203) and fee details (2204), pre-settles (2206), settles (2207),
 * reads the accumulators (5206) and reverses (2208) — in the platform's
 * envelope, money in yuan. The settlement is the engine's, fen for fen: after the
 * reversal, the same bill as a native claim settles exactly as 2207 did. Then the
 * attacks: another hospital's visit, a wrong or forged credential, tampered
 * amounts, bad money, a reused msgid — each answered `infcode -1` naming the
 * field, and changing nothing.
 */
import { principalDoc } from '@medins/functions/api/principals';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFromWorkload } from '../../packages/cli/src/api/demo.ts';
import { type LocalApi, startLocalApi } from '../../packages/cli/src/api/local-api.ts';

/** A JSON answer read field by field in the assertions. */
// biome-ignore lint/suspicious/noExplicitAny: the platform's answers are JSON, asserted field by field.
type Json = any;

let api: LocalApi;
let hospital: string;
let providerId: string;
let memberId: string;
let otherMember: string;
let otherHospital: string;
let otherProvider: string;
let seq = 0;

/** The platform's msgid: institution code + time + serial (unique per message). */
const newMsgid = () => `H${String(++seq).padStart(4, '0')}${Date.now()}`.slice(0, 30);

type Answer = {
  infcode: number;
  err_msg: string | null;
  inf_refmsgid: string;
  respond_time: string;
  output: Record<string, Json> | null;
};

/** Sends one envelope as the HIS does; the body is raw text so money can be written exactly as a HIS writes it. */
async function send(
  infno: string,
  input: string | Record<string, unknown>,
  opts: { msgid?: string; caller?: string; fixmedins?: string } = {},
) {
  const msgid = opts.msgid ?? newMsgid();
  const inputText = typeof input === 'string' ? input : JSON.stringify(input);
  const body = `{"infno":"${infno}","msgid":"${msgid}","mdtrtarea_admvs":"330800","insuplc_admdvs":"330800","recer_sys_code":"YBXT","infver":"V1.0","opter_type":"1","opter":"001","opter_name":"收费员","inf_time":"2000-01-01 00:00:00","fixmedins_code":"${opts.fixmedins ?? providerId}","fixmedins_name":"医院","sign_no":"","input":${inputText}}`;
  const r = await fetch(`${api.url}/hsa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-medins-principal': opts.caller ?? hospital },
    body,
  });
  expect(r.status).toBe(200);
  return { msgid, answer: (await r.json()) as Answer };
}

const voucher = (m = memberId) => api.credential('voucher', m);
const balance = async (m = memberId) => {
  const r = await fetch(`${api.url}/members/${m}/balances`, { headers: { 'x-medins-principal': api.principals[0]!.arn } });
  return (await r.json()) as { currentFen: number; historicalFen: number };
};
/** Yuan on the wire → fen, for the invariants (the answer's numbers have at most 2 decimals). */
const fen = (yuan: number) => Math.round(yuan * 100);

beforeAll(async () => {
  const world = demoFromWorkload({ members: 40, seed: 7 });
  const year = world.doc.plans.find((p) => p.tier === 'basic')?.year ?? 2021;
  api = await startLocalApi({ world, port: 0, concurrency: 1, startAt: Date.parse(`${year}-06-15T02:00:00Z`) });
  hospital = api.principals.find((p) => p.principal.role === 'provider')!.arn;
  providerId = api.sample.providerId;
  memberId = api.sample.memberId;
  scheme = world.doc.members.find((m) => m.id === memberId)!.scheme;
  otherMember = world.doc.members.find((m) => m.id !== memberId && m.status === 'active')!.id;
  otherProvider = world.doc.providers.find((p) => p.id !== providerId)!.id;
  otherHospital = 'arn:aws:iam::000000000000:role/hsa-other-hospital';
  const { pk, doc } = principalDoc({ id: otherHospital, role: 'provider', providerIds: [otherProvider] });
  await api.embedded.store.writeConfig(pk, doc);
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

/** The patient's insurance type code (险种): 310 employee, 390 resident (the seeded configuration's). */
let scheme = 'employee';
const insutype = () => (scheme === 'employee' ? '310' : '390');
const begntime = () => {
  const d = new Date(api.now() + 8 * 3_600_000 - 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)}`;
};

describe('POST /hsa: the real sequence 2201 → 2203 → 2204 → 2206 → 2207 → 5206 → 2208', () => {
  let mdtrtId = '';
  let setlId = '';
  let settleMsgid = '';
  let quoted: Record<string, Json> = {};
  let settledAnswer: Answer;
  let before: { currentFen: number; historicalFen: number };

  const lines = (ids: string[], amounts: string[], batch = 'B1') =>
    `{"feedetail":[${ids
      .map(
        (id, i) =>
          `{"feedetl_sn":"${id}","mdtrt_id":"${mdtrtId}","psn_no":"${memberId}","chrg_bchno":"${batch}","rxno":"","rx_circ_flag":"0","fee_ocur_time":"${begntime()}","med_list_codg":"${i % 2 === 0 ? 'XA01AAA000A001010100001' : 'XB01BBB000B001010100002'}","medins_list_codg":"L${i}","det_item_fee_sumamt":${amounts[i]},"cnt":1,"pric":${amounts[i]},"bilg_dept_codg":"D1","bilg_dept_name":"内科","bilg_dr_codg":"Y1","bilg_dr_name":"医生","hosp_appr_flag":"1"}`,
      )
      .join(',')}]}`;
  const settleInput = async (sum: string, batch = 'B1') => ({
    data: {
      psn_no: memberId,
      mdtrt_cert_type: '01',
      mdtrt_cert_no: await voucher(),
      med_type: '11',
      medfee_sumamt: `__${sum}__`,
      psn_setlway: '01',
      mdtrt_id: mdtrtId,
      chrg_bchno: batch,
      acct_used_flag: '1',
      insutype: insutype(),
    },
  });
  /** The input with medfee_sumamt written as a raw JSON number (exactly as given). */
  const raw = (input: Record<string, unknown>) => JSON.stringify(input).replace(/"__([^_]+)__"/g, '$1');

  it('2201 registers the visit of the e-voucher’s holder and answers its mdtrt_id', async () => {
    before = await balance();
    const { answer } = await send('2201', {
      data: {
        psn_no: memberId,
        insutype: insutype(),
        begntime: begntime(),
        mdtrt_cert_type: '01',
        mdtrt_cert_no: await voucher(),
        ipt_otp_no: 'MZ0001',
        atddr_no: 'D01',
        dr_name: '医生',
        dept_code: 'K01',
        dept_name: '内科',
        caty: 'A03',
      },
    });
    expect(answer.err_msg).toBeNull();
    expect(answer.infcode).toBe(0);
    mdtrtId = answer.output!.data.mdtrt_id;
    expect(mdtrtId).toMatch(/^M[0-9a-f]{23}$/);
    expect(answer.output!.data).toEqual({ mdtrt_id: mdtrtId, psn_no: memberId, ipt_otp_no: 'MZ0001' });
    expect(answer.respond_time).toMatch(/^\d{17}$/);
  });

  it('2203 uploads the medical type; 2204 holds the details and answers each line with its class and split', async () => {
    const info = await send('2203', {
      mdtrtinfo: { mdtrt_id: mdtrtId, psn_no: memberId, med_type: '11', begntime: begntime() },
      diseinfo: [],
    });
    expect(info.answer.infcode).toBe(0);
    const { answer } = await send('2204', lines(['F1', 'F2'], ['1000.00', '500.5']));
    expect(answer.err_msg).toBeNull();
    expect(answer.output!.result).toEqual([
      expect.objectContaining({
        feedetl_sn: 'F1',
        det_item_fee_sumamt: 1000,
        chrgitm_lv: '01',
        selfpay_prop: 0,
        fulamt_ownpay_amt: 0,
        preselfpay_amt: 0,
        inscp_scp_amt: 1000,
      }),
      // B at 10 % first self-pay: 500.50 → 50.05 kept out, 450.45 in scope (the engine's split, exact to the fen).
      expect.objectContaining({
        feedetl_sn: 'F2',
        det_item_fee_sumamt: 500.5,
        chrgitm_lv: '02',
        selfpay_prop: 0.1,
        preselfpay_amt: 50.05,
        inscp_scp_amt: 450.45,
      }),
    ]);
  });

  it('bad money in 2204 answers -1 naming the field and holds nothing', async () => {
    for (const [amount, rule] of [
      ['12.345', 'at most two decimals'],
      ['-3.00', 'must not be negative'],
      ['"12.00"', 'must be a JSON number in yuan'],
      ['1e2', 'at most two decimals'],
    ] as const) {
      const { answer } = await send('2204', lines(['F9'], [amount]));
      expect(answer.infcode).toBe(-1);
      expect(answer.err_msg).toContain('input.feedetail[0].det_item_fee_sumamt');
      expect(answer.err_msg).toContain(rule);
      expect(answer.output).toBeNull();
    }
  });

  it('2206 pre-settles: setlinfo adds up, matches the native quote fen for fen, and moves nothing', async () => {
    const { answer } = await send('2206', raw(await settleInput('1500.50')));
    expect(answer.err_msg).toBeNull();
    quoted = answer.output!;
    const s = quoted.setlinfo;
    expect(s.setl_id).toBeNull();
    expect(s.medfee_sumamt).toBe(1500.5);
    expect(fen(s.hifp_pay)).toBeGreaterThan(0);
    expect(fen(s.medfee_sumamt)).toBe(fen(s.fund_pay_sumamt) + fen(s.psn_part_amt));
    expect(fen(s.psn_part_amt)).toBe(fen(s.acct_pay) + fen(s.acct_mulaid_pay) + fen(s.psn_cash_pay));
    expect(fen(s.inscp_scp_amt)).toBe(145_045);
    expect(fen(s.preselfpay_amt)).toBe(5_005);
    // The native quote of the same bill, through POST /quotes.
    const native = await fetch(`${api.url}/quotes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-medins-principal': hospital, 'x-medins-credential': await voucher() },
      body: JSON.stringify({
        type: 'quote',
        id: 'native-quote-1',
        memberId,
        providerId,
        visitType: 'outpatient',
        serviceDate: begntime().slice(0, 10),
        lines: [
          { code: 'XA01AAA000A001010100001', category: 'A', amountFen: 100_000 },
          { code: 'XB01BBB000B001010100002', category: 'B', amountFen: 50_050, selfPayRatio: 0.1 },
        ],
      }),
    });
    const q = (await native.json()) as Json;
    expect(fen(s.hifp_pay)).toBe(q.basic?.paidFen ?? 0);
    expect(fen(s.act_pay_dedc)).toBe(q.basic?.deductibleFen ?? 0);
    expect(fen(s.acct_pay)).toBe(q.payments.ownAccountFen);
    expect(fen(s.acct_mulaid_pay)).toBe(q.payments.familyAccountFen);
    expect(fen(s.psn_cash_pay)).toBe(q.payments.cashFen);
    expect(await balance()).toEqual(before);
  });

  it('tampered amounts: a medfee_sumamt other than the uploaded details is refused, nothing settles', async () => {
    const { answer } = await send('2207', raw(await settleInput('1.00')));
    expect(answer.infcode).toBe(-1);
    expect(answer.err_msg).toContain('input.data.medfee_sumamt');
    expect(answer.err_msg).toContain('1500.50');
    const three = await send('2207', raw(await settleInput('1500.501')));
    expect(three.answer.err_msg).toContain('input.data.medfee_sumamt: must be yuan with at most two decimals');
    expect(await balance()).toEqual(before);
  });

  it('2207 settles the batch once: the quote’s figures, a setl_id, the balance debited', async () => {
    const sent = await send('2207', raw(await settleInput('1500.50')));
    settledAnswer = sent.answer;
    settleMsgid = sent.msgid;
    expect(settledAnswer.err_msg).toBeNull();
    const s = settledAnswer.output!.setlinfo;
    setlId = s.setl_id;
    expect(setlId).toMatch(/^S[0-9a-f]{23}$/);
    for (const k of [
      'medfee_sumamt',
      'fund_pay_sumamt',
      'psn_part_amt',
      'hifp_pay',
      'acct_pay',
      'acct_mulaid_pay',
      'psn_cash_pay',
      'inscp_scp_amt',
    ])
      expect(s[k], k).toBe(quoted.setlinfo[k]);
    expect(fen(s.medfee_sumamt)).toBe(fen(s.fund_pay_sumamt) + fen(s.psn_part_amt));
    expect(fen(s.psn_part_amt)).toBe(fen(s.acct_pay) + fen(s.acct_mulaid_pay) + fen(s.psn_cash_pay));
    const after = await balance();
    expect(before.currentFen + before.historicalFen - (after.currentFen + after.historicalFen)).toBe(fen(s.acct_pay));
    expect(fen(s.balc)).toBe(after.currentFen + after.historicalFen);
    if (fen(s.hifp_pay) > 0) expect(settledAnswer.output!.setldetail).toContainEqual(expect.objectContaining({ fund_payamt: s.hifp_pay }));
  });

  it('a HIS retry (same msgid, same message) answers the same setl_id and settles nothing again', async () => {
    const after = await balance();
    const again = await send('2207', raw(await settleInput('1500.50')), { msgid: settleMsgid });
    expect(again.answer).toEqual(settledAnswer);
    expect(await balance()).toEqual(after);
  });

  it('the same visit under a new msgid is refused as a duplicate visit (the engine’s DUPLICATE_VISIT)', async () => {
    const after = await balance();
    const dup = await send('2207', raw(await settleInput('1500.50')));
    expect(dup.answer.infcode).toBe(-1);
    expect(dup.answer.err_msg).toContain('DUPLICATE_VISIT');
    expect(await balance()).toEqual(after);
  });

  it('another message under a used msgid is refused and changes nothing', async () => {
    const { answer } = await send('2205', { data: { mdtrt_id: mdtrtId, chrg_bchno: '0000', psn_no: memberId } }, { msgid: settleMsgid });
    expect(answer.infcode).toBe(-1);
    expect(answer.err_msg).toContain('msgid: was used before with another message');
  });

  it('5206 reads the member’s year accumulators', async () => {
    const { answer } = await send('5206', { data: { psn_no: memberId, cum_ym: `${begntime().slice(0, 4)}06` } });
    expect(answer.err_msg).toBeNull();
    const rows = answer.output!.cuminfo as { cum_type_code: string; cum: string; year: string }[];
    const paid = rows.find((r) => /^basic:\*:outpatient:paid$/.test(r.cum_type_code));
    expect(paid?.cum).toBe(settledAnswer.output!.setlinfo.hifp_pay.toFixed(2));
    expect(rows.every((r) => r.year === begntime().slice(0, 4))).toBe(true);
    for (const r of rows) expect(r.cum).toMatch(/^\d+\.\d{2}$/);
  });

  it('attacks: another hospital cannot reach the visit, nor act for this institution', async () => {
    const foreign = await send(
      '2208',
      { data: { setl_id: setlId, mdtrt_id: mdtrtId, psn_no: memberId } },
      { caller: otherHospital, fixmedins: otherProvider },
    );
    expect(foreign.answer.infcode).toBe(-1);
    expect(foreign.answer.err_msg).toContain('input.data.mdtrt_id: no visit by this id registered by this institution');
    const impersonated = await send('5206', { data: { psn_no: memberId } }, { caller: otherHospital });
    expect(impersonated.answer.err_msg).toBe('fixmedins_code: is not an institution this caller may act for');
    const peek = await send('5206', { data: { psn_no: memberId } }, { caller: otherHospital, fixmedins: otherProvider });
    expect(peek.answer.err_msg).toContain('input.data.psn_no: no visit of this person registered by this institution');
  });

  it('attacks: a wrong or forged credential registers nothing', async () => {
    const wrong = await send('2201', {
      data: {
        psn_no: memberId,
        insutype: insutype(),
        begntime: begntime(),
        mdtrt_cert_type: '01',
        mdtrt_cert_no: await voucher(otherMember),
      },
    });
    expect(wrong.answer.err_msg).toContain('input.data.psn_no: is not the person of the e-voucher');
    const forged = await send('2201', {
      data: {
        psn_no: memberId,
        insutype: insutype(),
        begntime: begntime(),
        mdtrt_cert_type: '01',
        mdtrt_cert_no: 'eyJhbGciOiJFUzI1NiJ9.e30.x',
      },
    });
    expect(forged.answer.err_msg).toContain('input.data.mdtrt_cert_no: the e-voucher is not a valid signed credential');
    const idCard = await send('2201', {
      data: { psn_no: memberId, insutype: insutype(), begntime: begntime(), mdtrt_cert_type: '02', mdtrt_cert_no: '330802199001011234' },
    });
    expect(idCard.answer.err_msg).toContain('input.data.mdtrt_cert_type');
    // Settling with someone else's e-voucher: the engine's CREDENTIAL_MISMATCH, nothing moves.
    const after = await balance();
    const input = await settleInput('1500.50');
    (input.data as Record<string, unknown>).mdtrt_cert_no = await voucher(otherMember);
    const mismatch = await send('2206', raw(input));
    expect(mismatch.answer.err_msg).toContain('CREDENTIAL_MISMATCH');
    expect(await balance()).toEqual(after);
  });

  it('2208 reverses: the claim’s setlinfo negated, the account credited back; then the same bill as a native claim settles identically', async () => {
    const { answer } = await send('2208', { data: { setl_id: setlId, mdtrt_id: mdtrtId, psn_no: memberId } });
    expect(answer.err_msg).toBeNull();
    const s = answer.output!.setlinfo;
    const settled = settledAnswer.output!.setlinfo;
    for (const k of ['medfee_sumamt', 'fund_pay_sumamt', 'psn_part_amt', 'hifp_pay', 'acct_pay', 'psn_cash_pay'])
      expect(s[k], k).toBe(settled[k] === 0 ? 0 : -settled[k]);
    expect(s.medfee_sumamt).toBe(-1500.5);
    expect(await balance()).toEqual(before);
    // The native claim of the same bill, on the same state: the engine's result equals 2207's, fen for fen.
    const native = await fetch(`${api.url}/claims`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-medins-principal': hospital, 'x-medins-credential': await voucher() },
      body: JSON.stringify({
        type: 'claim',
        id: 'native-claim-1',
        memberId,
        providerId,
        visitType: 'outpatient',
        serviceDate: begntime().slice(0, 10),
        visitId: 'native-visit-1',
        lines: [
          { code: 'XA01AAA000A001010100001', category: 'A', amountFen: 100_000 },
          { code: 'XB01BBB000B001010100002', category: 'B', amountFen: 50_050, selfPayRatio: 0.1 },
        ],
      }),
    });
    expect(native.status).toBe(202);
    let result: Json;
    for (let i = 0; i < 200 && !result; i++) {
      const r = await fetch(`${api.url}/events/native-claim-1`, { headers: { 'x-medins-principal': hospital } });
      if (r.status === 200) result = await r.json();
      else await new Promise((res) => setTimeout(res, 50));
    }
    const viaHsa = await fetch(`${api.url}/events/${encodeURIComponent(`hsa-2207-${settleMsgid}`)}`, {
      headers: { 'x-medins-principal': hospital },
    });
    const hsaResult = (await viaHsa.json()) as Json;
    const strip = (r: Json) => ({ ...r, id: undefined });
    expect(strip(result)).toEqual(strip(hsaResult));
    expect(hsaResult.status).toBe('settled');
  });

  it('a settlement reversed once is not reversed again', async () => {
    const again = await send('2208', { data: { setl_id: setlId, mdtrt_id: mdtrtId, psn_no: memberId } });
    expect(again.answer.infcode).toBe(-1);
    expect(again.answer.err_msg).toContain('ALREADY_REVERSED');
  });
});
