/**
 * functions → hsa: a visit at the counter — 2201 registers it (the patient's
 * e-voucher says who), 2203 adds its medical type, 2204 holds its fee details
 * (answered per line with the catalogue's class and the engine's split), 2205
 * revokes unsettled details of a batch. Visits and details are stored through
 * the store's port, scoped to the calling institution.
 */
import { createHash } from 'node:crypto';
import type { MemberId } from '@medins/engine';
import type { HsaFeeDetail, HsaVisit } from '@medins/store/ports';
import type { z } from 'zod';
import { CredentialError } from '../api/credentials.ts';
import type { ListItem } from './config.ts';
import { type HsaCall, HsaRefusal, updateVisit, visitOf } from './context.ts';
import { detailResult } from './mapping.ts';
import type { FeeDetailInput, Input2201Schema, Input2203Schema, Input2204Schema, Input2205Schema } from './schemas.ts';
import { dateOfPlatformDateTime, platformDateTime } from './wire.ts';

/** An id of ours for a message's result (mdtrt_id, setl_id): fixed by the caller's scope and msgid, so a replay gets the same. */
export function idOf(prefix: string, scope: string, msgid: string): string {
  return `${prefix}${createHash('sha256').update(`${scope}|${msgid}`).digest('hex').slice(0, 23)}`;
}

/** The member the patient's e-voucher names, verified at the server's time; the refusal names mdtrt_cert_no. */
export async function credentialMember(call: HsaCall, token: string, field: string): Promise<string> {
  try {
    return (await call.deps.credentials.verify('voucher', token, call.now)).memberId;
  } catch (e) {
    if (e instanceof CredentialError)
      throw new HsaRefusal(`${field}.mdtrt_cert_no`, e.message.replace(/^the \w+ credential /, 'the e-voucher '));
    throw e;
  }
}

/** A datetime of the provider's (begntime, fee_ocur_time) may not lie after the server's clock. */
export function notInFuture(call: HsaCall, text: string, field: string): void {
  if (text > platformDateTime(call.now))
    throw new HsaRefusal(field, `must not be after the time the platform received it (${platformDateTime(call.now)})`);
}

/** The member of psn_no, and that insutype is the member's scheme. */
export async function insuredOf(call: HsaCall, psnNo: string, insutype: string, field: string) {
  const member = await call.deps.store.member(psnNo as MemberId);
  if (!member) throw new HsaRefusal(`${field}.psn_no`, 'no insured person by this number');
  const scheme = call.config.insutypes[insutype];
  if (scheme !== member.scheme)
    throw new HsaRefusal(
      `${field}.insutype`,
      `is not the person's insurance type (${insuTypeOf(call, member.scheme) ?? 'none configured'})`,
    );
  return member;
}

/** The configured insutype code of a scheme. */
export const insuTypeOf = (call: HsaCall, scheme: string) => Object.entries(call.config.insutypes).find(([, s]) => s === scheme)?.[0];

export async function register(call: HsaCall, input: z.infer<typeof Input2201Schema>) {
  const data = input.data;
  const field = 'input.data';
  const memberId = await credentialMember(call, data.mdtrt_cert_no, field);
  if (memberId !== data.psn_no)
    throw new HsaRefusal(
      `${field}.psn_no`,
      'is not the person of the e-voucher presented (mdtrt_cert_no): a visit is the card holder’s own',
    );
  await insuredOf(call, data.psn_no, data.insutype, field);
  notInFuture(call, data.begntime, `${field}.begntime`);
  const visit: HsaVisit = {
    scope: call.scope,
    mdtrtId: idOf('M', call.scope, call.envelope.msgid),
    memberId,
    providerId: call.envelope.fixmedins_code,
    insutype: data.insutype,
    medType: null,
    begntime: data.begntime,
    registeredAt: call.now,
    details: [],
    settlements: [],
    version: 1,
  };
  // A replay of the same message finds its own visit already there.
  if (!(await call.deps.store.putHsaVisit(visit)) && !(await call.deps.store.hsaVisit(call.scope, visit.mdtrtId)))
    throw new HsaRefusal('msgid', 'the visit could not be registered: send the message again');
  return { data: { mdtrt_id: visit.mdtrtId, psn_no: data.psn_no, ipt_otp_no: data.ipt_otp_no ?? null } };
}

export async function uploadVisitInfo(call: HsaCall, input: z.infer<typeof Input2203Schema>) {
  const info = input.mdtrtinfo;
  await visitOf(call, info.mdtrt_id, info.psn_no, 'input.mdtrtinfo');
  if (!call.config.medTypes[info.med_type])
    throw new HsaRefusal(
      'input.mdtrtinfo.med_type',
      `is not a medical type this gateway settles (${Object.keys(call.config.medTypes).join(', ')})`,
    );
  await updateVisit(call, info.mdtrt_id, (v) => (v.medType === info.med_type ? v : { ...v, medType: info.med_type }));
  return {};
}

/** The catalogue entry of a list code, or the refusal naming the detail's field. */
export function listItemOf(call: HsaCall, code: string, field: string): ListItem {
  const item = call.config.list[code];
  if (!item) throw new HsaRefusal(field, 'is not on the medical list catalogue (医保目录) of this gateway');
  return item;
}

const sameDetail = (a: HsaFeeDetail, b: HsaFeeDetail) =>
  a.chrgBchno === b.chrgBchno && a.listCode === b.listCode && a.amountFen === b.amountFen && a.cnt === b.cnt && a.pric === b.pric;

export async function uploadFeeDetails(call: HsaCall, input: z.infer<typeof Input2204Schema>) {
  const lines = input.feedetail;
  const first = lines[0] as FeeDetailInput;
  const visit = await visitOf(call, first.mdtrt_id, first.psn_no, 'input.feedetail[0]');
  const seen = new Set<string>();
  const details = lines.map((d, i): HsaFeeDetail => {
    const field = `input.feedetail[${i}]`;
    if (d.mdtrt_id !== visit.mdtrtId) throw new HsaRefusal(`${field}.mdtrt_id`, 'must be the same visit as every detail of the message');
    if (d.psn_no !== visit.memberId) throw new HsaRefusal(`${field}.psn_no`, 'is not the person of this visit');
    if (seen.has(d.feedetl_sn)) throw new HsaRefusal(`${field}.feedetl_sn`, 'occurs twice in the message');
    seen.add(d.feedetl_sn);
    notInFuture(call, d.fee_ocur_time, `${field}.fee_ocur_time`);
    listItemOf(call, d.med_list_codg, `${field}.med_list_codg`);
    if (dateOfPlatformDateTime(d.fee_ocur_time) === null) throw new HsaRefusal(`${field}.fee_ocur_time`, 'must be a real datetime');
    return {
      feedetlSn: d.feedetl_sn,
      chrgBchno: d.chrg_bchno,
      listCode: d.med_list_codg,
      amountFen: d.det_item_fee_sumamt,
      cnt: d.cnt,
      pric: d.pric,
      feeTime: d.fee_ocur_time,
      setlId: null,
    };
  });
  await updateVisit(call, visit.mdtrtId, (v) => {
    const held = new Map(v.details.map((d) => [d.feedetlSn, d]));
    const added = details.filter((d, i) => {
      const before = held.get(d.feedetlSn);
      if (!before) return true;
      if (before.setlId === null && sameDetail(before, d)) return false; // uploaded before, unchanged
      throw new HsaRefusal(
        `input.feedetail[${i}].feedetl_sn`,
        'was uploaded before with other figures or is settled: revoke it first (2205)',
      );
    });
    if (v.details.length + added.length > 1000) throw new HsaRefusal('input.feedetail', 'a visit holds at most 1000 fee details');
    return added.length === 0 ? v : { ...v, details: [...v.details, ...added] };
  });
  return { result: details.map((d) => detailResult(d, listItemOf(call, d.listCode, 'med_list_codg'))) };
}

/** chrg_bchno "0000" revokes every unsettled detail of the visit (the platform's convention). */
export const ALL_BATCHES = '0000';

export async function revokeFeeDetails(call: HsaCall, input: z.infer<typeof Input2205Schema>) {
  const data = input.data;
  await visitOf(call, data.mdtrt_id, data.psn_no, 'input.data');
  await updateVisit(call, data.mdtrt_id, (v) => {
    const kept = v.details.filter((d) => d.setlId !== null || (data.chrg_bchno !== ALL_BATCHES && d.chrgBchno !== data.chrg_bchno));
    return kept.length === v.details.length ? v : { ...v, details: kept };
  });
  return {};
}
