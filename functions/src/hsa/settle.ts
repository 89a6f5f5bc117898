/**
 * functions → hsa: pre-settlement (2206, our quote), settlement (2207, our claim)
 * and its reversal (2208, our reverseClaim) of a visit's held fee details. The
 * claim is the native API's: the same contract event, the same queue and
 * workflow, the same engine — a visit settles once because the engine's
 * DUPLICATE_VISIT holds its mdtrt_id. A 2207 waits for its settlement, as a HIS at
 * the cashier's desk expects; if the workflow outlasts the wait, the HIS sends
 * the same message again and gets the answer.
 */
import { parseEvent } from '@medins/contract';
import { type ClaimResult, decide, type EventResult, type MemberId, type PaidClaimResult, SnapshotView } from '@medins/engine';
import type { HsaFeeDetail } from '@medins/store/ports';
import type { z } from 'zod';
import { fingerprintOf, scopedId } from '../api/idempotency.ts';
import { receiveInstant } from '../api/request.ts';
import { queueFor } from '../shared/queue-sender.ts';
import { type HsaCall, HsaRefusal, updateVisit, visitOf } from './context.ts';
import { costLineOf, type SettlementContext, settlementOutput } from './mapping.ts';
import type { Input2206Schema, Input2208Schema } from './schemas.ts';
import { credentialMember, idOf, insuredOf, listItemOf, notInFuture } from './visits.ts';
import { dateOfPlatformDateTime, platformDateTime, yuanText } from './wire.ts';

type SettleData = z.infer<typeof Input2206Schema>['data'];

const reasonsText = (result: EventResult) =>
  'reasons' in result ? result.reasons.map((r) => `${r.code}: ${r.message}`).join('; ') : String(result.status);

/** The claim (or quote) document of a visit's batch, as the native API would build it, and what the answer needs. */
async function billOf(call: HsaCall, data: SettleData, type: 'claim' | 'quote') {
  const field = 'input.data';
  const cardHolderId = await credentialMember(call, data.mdtrt_cert_no, field);
  const visit = await visitOf(call, data.mdtrt_id, data.psn_no, field);
  const member = await insuredOf(call, data.psn_no, data.insutype, field);
  const visitType = call.config.medTypes[data.med_type];
  if (!visitType)
    throw new HsaRefusal(
      `${field}.med_type`,
      `is not a medical type this gateway settles (${Object.keys(call.config.medTypes).join(', ')})`,
    );
  notInFuture(call, visit.begntime, 'begntime (2201)');
  const details = visit.details.filter((d) => d.chrgBchno === data.chrg_bchno);
  if (details.length === 0)
    throw new HsaRefusal(`${field}.chrg_bchno`, 'no fee details of this batch are held for the visit (upload them with 2204)');
  const uploadedFen = details.reduce((s, d) => s + d.amountFen, 0);
  if (data.medfee_sumamt !== uploadedFen) {
    throw new HsaRefusal(
      `${field}.medfee_sumamt`,
      `must equal the fee details uploaded for batch ${data.chrg_bchno} (${yuanText(uploadedFen)} yuan), got ${yuanText(data.medfee_sumamt)}`,
    );
  }
  const doc = {
    type,
    id: scopedId(call.scope, `hsa-${call.envelope.infno}-${call.envelope.msgid}`),
    at: receiveInstant(call.now),
    memberId: visit.memberId,
    cardHolderId,
    providerId: visit.providerId,
    visitType,
    serviceDate: dateOfPlatformDateTime(visit.begntime),
    visitId: visit.mdtrtId,
    useAccount: data.acct_used_flag !== '0',
    lines: details.map((d: HsaFeeDetail) => costLineOf(d, listItemOf(call, d.listCode, 'med_list_codg'))),
  };
  return { doc, visit, member, details };
}

function contextOf(
  call: HsaCall,
  data: SettleData,
  member: { region: string; scheme: 'employee' | 'resident' },
  setlId: string | null,
  balanceFen: number,
): SettlementContext {
  return {
    mdtrtId: data.mdtrt_id,
    setlId,
    psnNo: data.psn_no,
    insutype: data.insutype,
    medType: data.med_type,
    mdtrtCertType: data.mdtrt_cert_type,
    region: member.region,
    scheme: member.scheme,
    balanceFen,
    setlTime: platformDateTime(call.now),
    msgid: call.envelope.msgid,
  };
}

async function balanceOf(call: HsaCall, memberId: string): Promise<number> {
  const account = await call.deps.store.readBalances(memberId as MemberId);
  return account ? account.currentFen + account.historicalFen : 0;
}

/** 2206: the engine's quote of the batch against the current state; nothing changes. */
export async function preSettle(call: HsaCall, input: z.infer<typeof Input2206Schema>) {
  const { doc, member } = await billOf(call, input.data, 'quote');
  const event = parseEvent(doc);
  if (event.type !== 'quote') throw new HsaRefusal('infno', 'is not a pre-settlement');
  const loaded = await call.deps.store.load(event);
  const result = decide(event, new SnapshotView(await call.deps.store.catalog(loaded.catalogVersion), loaded.snapshot))
    .result as ClaimResult;
  if (result.status === 'rejected') throw new HsaRefusal('input.data', `the visit cannot be settled: ${reasonsText(result)}`);
  const balance = (await balanceOf(call, doc.memberId)) - result.payments.ownAccountFen;
  return settlementOutput(result, call.config, contextOf(call, input.data, member, null, balance));
}

/** Queues an event (once accepted, as the native API does) unless applied, and waits for its outcome. */
async function applied(call: HsaCall, doc: Record<string, unknown> & { id: string; type: string }): Promise<EventResult> {
  const { store, queue } = call.deps;
  const earlier = await store.readApplied(doc.id);
  if (earlier) return earlier.result;
  const by =
    call.principal && call.principal.role !== 'member'
      ? { principal: call.principal.id, principalVersion: call.principal.version ?? 0 }
      : {};
  await store.acceptSubmission({ eventId: doc.id, fingerprint: fingerprintOf(doc, {}), acceptedAt: call.now, ...by, status: 'queued' });
  await queue.send(queueFor(doc.type), JSON.stringify(doc));
  const deadline = Date.now() + (call.deps.settleWaitMs ?? 10_000);
  for (;;) {
    await new Promise((r) => setTimeout(r, call.deps.pollMs ?? 50));
    const outcome = await store.readApplied(doc.id);
    if (outcome) return outcome.result;
    const accepted = await store.readAccepted(doc.id);
    if (accepted?.status === 'failed')
      throw new HsaRefusal('input', `the settlement failed: ${accepted.failure?.message ?? 'failed for good'}`);
    if (Date.now() > deadline)
      throw new HsaRefusal('msgid', 'the settlement is still running: send the same message again (same msgid) for its answer');
  }
}

/** 2207: the engine's claim of the batch; settled once per visit (DUPLICATE_VISIT), held details marked with the setl_id. */
export async function settle(call: HsaCall, input: z.infer<typeof Input2206Schema>) {
  const data = input.data;
  const { doc, member, details } = await billOf(call, data, 'claim');
  parseEvent(doc); // the contract's own check, before anything is queued
  const result = (await applied(call, doc)) as ClaimResult;
  if (result.status === 'rejected') return { refused: `the visit was not settled: ${reasonsText(result)}` } as const;
  const setlId = idOf('S', call.scope, call.envelope.msgid);
  const settled = new Set(details.map((d) => d.feedetlSn));
  await updateVisit(call, data.mdtrt_id, (v) =>
    v.settlements.some((s) => s.setlId === setlId)
      ? v
      : {
          ...v,
          details: v.details.map((d) => (settled.has(d.feedetlSn) ? { ...d, setlId } : d)),
          settlements: [
            ...v.settlements,
            { setlId, claimEventId: doc.id, chrgBchno: data.chrg_bchno, msgid: call.envelope.msgid, reversalEventId: null },
          ],
        },
  );
  return settlementOutput(result, call.config, contextOf(call, data, member, setlId, await balanceOf(call, doc.memberId)));
}

/** 2208: the engine's reversal of the settlement's claim; the setlinfo is the claim's, every amount negative. */
export async function reverse(call: HsaCall, input: z.infer<typeof Input2208Schema>) {
  const data = input.data;
  const visit = await visitOf(call, data.mdtrt_id, data.psn_no, 'input.data');
  const settlement = visit.settlements.find((s) => s.setlId === data.setl_id);
  if (!settlement) throw new HsaRefusal('input.data.setl_id', 'no settlement by this id of this visit');
  const claim = await call.deps.store.readApplied(settlement.claimEventId);
  const original = claim?.result as PaidClaimResult | undefined;
  const claimDoc = claim?.event as { cardHolderId?: string } | undefined;
  if (original?.status !== 'settled') throw new HsaRefusal('input.data.setl_id', 'is not a settled claim');
  const doc = {
    type: 'reverseClaim',
    id: scopedId(call.scope, `hsa-2208-${call.envelope.msgid}`),
    at: receiveInstant(call.now),
    claimId: settlement.claimEventId,
  };
  parseEvent(doc);
  const result = await applied(call, doc);
  if (result.status !== 'reversed') return { refused: `the settlement was not reversed: ${reasonsText(result)}` } as const;
  await updateVisit(call, data.mdtrt_id, (v) =>
    v.settlements.every((s) => s.setlId !== settlement.setlId || s.reversalEventId !== null)
      ? v
      : {
          ...v,
          details: v.details.map((d) => (d.setlId === settlement.setlId ? { ...d, setlId: null } : d)),
          settlements: v.settlements.map((s) => (s.setlId === settlement.setlId ? { ...s, reversalEventId: doc.id } : s)),
        },
  );
  const member = await call.deps.store.member(visit.memberId as MemberId);
  const ctx: SettlementContext = {
    mdtrtId: visit.mdtrtId,
    setlId: idOf('R', call.scope, call.envelope.msgid),
    psnNo: visit.memberId,
    insutype: visit.insutype,
    medType: visit.medType ?? '',
    // The settlement was made with an e-voucher (the only credential the gateway takes).
    mdtrtCertType: claimDoc?.cardHolderId ? '01' : '',
    region: member?.region ?? '',
    scheme: member?.scheme ?? 'employee',
    balanceFen: await balanceOf(call, visit.memberId),
    setlTime: platformDateTime(call.now),
    msgid: call.envelope.msgid,
  };
  return settlementOutput(original, call.config, ctx, -1);
}
