/**
 * functions → hsa: the national medical-insurance platform's gateway (`POST
 * /hsa`), for hospitals' HIS systems that speak the platform's dialect. handler →
 * the envelope (zod) → the caller may act for `fixmedins_code` (the role table)
 * → the interface's input (zod) → the patient's e-voucher → msgid, the
 * idempotency key scoped to the caller (same message, same answer; another
 * message under a used msgid, refused) → the interface (visits.ts, settle.ts) →
 * the platform's answer envelope. Bad input answers `infcode -1` with an
 * `err_msg` naming the field and the rule, and changes nothing.
 */
import { createHash } from 'node:crypto';
import { ContractError } from '@medins/contract';
import type { MemberId } from '@medins/engine';
import type { z } from 'zod';
import { type Action, authorize } from '../api/authorize.ts';
import { fingerprintOf, scopeOf } from '../api/idempotency.ts';
import type { Principal } from '../api/principals.ts';
import { HSA_CONFIG_KEY, type HsaConfig, HsaConfigSchema } from './config.ts';
import { type HsaCall, type HsaDeps, HsaRefusal } from './context.ts';
import { cuminfoOf } from './mapping.ts';
import { describeIssues, type Envelope, EnvelopeSchema, INPUT_SCHEMAS, type Input5206Schema } from './schemas.ts';
import { preSettle, reverse, settle } from './settle.ts';
import { credentialMember, insuTypeOf, register, revokeFeeDetails, uploadFeeDetails, uploadVisitInfo } from './visits.ts';
import { parseWireJson, platformStamp } from './wire.ts';

/** The answer envelope (infcode 0 success, −1 failure). */
export interface HsaAnswer {
  readonly infcode: 0 | -1;
  readonly inf_refmsgid: string;
  readonly refmsg_time: string;
  readonly respond_time: string;
  readonly err_msg: string | null;
  readonly output: Record<string, unknown> | null;
}

/** What each interface is authorized as in the role table: a hospital acts for its own visits. */
const ACTION: Readonly<Record<Envelope['infno'], Action>> = {
  '2201': 'quote',
  '2203': 'quote',
  '2204': 'quote',
  '2205': 'quote',
  '2206': 'quote',
  '2207': 'submitClaim',
  '2208': 'reverseClaim',
  '5206': 'quote',
};

/** Our receiver message id: the platform's shape, 6-digit division + time + serial. */
const refMsgId = (admdvs: string | undefined, now: number, msgid: string) =>
  `${/^\d{6}$/.test(admdvs ?? '') ? admdvs : '000000'}${platformStamp(now).slice(0, 14)}${BigInt(
    `0x${createHash('sha256').update(msgid).digest('hex').slice(0, 12)}`,
  )
    .toString()
    .slice(-10)
    .padStart(10, '0')}`;

function answer(
  now: number,
  receivedAt: number,
  envelope: Partial<Envelope>,
  outcome: { output: Record<string, unknown> } | { error: string },
): HsaAnswer {
  return {
    infcode: 'output' in outcome ? 0 : -1,
    inf_refmsgid: refMsgId(envelope.mdtrtarea_admvs, receivedAt, typeof envelope.msgid === 'string' ? envelope.msgid : ''),
    refmsg_time: platformStamp(receivedAt),
    respond_time: platformStamp(now),
    err_msg: 'error' in outcome ? outcome.error : null,
    output: 'output' in outcome ? outcome.output : null,
  };
}

async function configOf(deps: HsaDeps): Promise<HsaConfig> {
  const doc = await deps.store.hsaConfig();
  const parsed = HsaConfigSchema.safeParse(doc ?? undefined);
  if (!parsed.success)
    throw new HsaRefusal('(gateway)', `the gateway is not configured (${HSA_CONFIG_KEY}): ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** 5206: the member's year accumulators, for an institution that registered a visit of the member. */
async function accumulators(call: HsaCall, input: z.infer<typeof Input5206Schema>) {
  const { psn_no, cum_ym } = input.data;
  if (!(await call.deps.store.hsaPatient(call.scope, psn_no)))
    throw new HsaRefusal('input.data.psn_no', 'no visit of this person registered by this institution');
  const member = await call.deps.store.member(psn_no as MemberId);
  if (!member) throw new HsaRefusal('input.data.psn_no', 'no insured person by this number');
  const ym = cum_ym ?? platformStamp(call.now).slice(0, 6);
  const year = Number(ym.slice(0, 4));
  const counters = (await call.deps.store.readAccumulators(psn_no as MemberId, year)) ?? {};
  return { cuminfo: cuminfoOf(counters, call.config, insuTypeOf(call, member.scheme) ?? '', year, ym) };
}

type Outcome = { output: Record<string, unknown> } | { refused: string };

async function dispatch(call: HsaCall, input: unknown): Promise<Outcome> {
  const run = async (): Promise<Record<string, unknown> | { refused: string }> => {
    switch (call.envelope.infno) {
      case '2201':
        return register(call, input as never);
      case '2203':
        return uploadVisitInfo(call, input as never);
      case '2204':
        return uploadFeeDetails(call, input as never);
      case '2205':
        return revokeFeeDetails(call, input as never);
      case '2206':
        return preSettle(call, input as never);
      case '2207':
        return settle(call, input as never);
      case '2208':
        return reverse(call, input as never);
      case '5206':
        return accumulators(call, input as never);
    }
  };
  const out = await run();
  return 'refused' in out && typeof out.refused === 'string' ? { refused: out.refused } : { output: out };
}

/** What the credential says, for the fingerprint: a replay with a fresh token of the same patient is the same message. */
async function derivedOf(call: HsaCall, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const data = input.data as { mdtrt_cert_no?: unknown } | undefined;
  if (typeof data?.mdtrt_cert_no !== 'string') return {};
  return { cardHolderId: await credentialMember(call, data.mdtrt_cert_no, 'input.data') };
}

const withoutToken = (input: Record<string, unknown>) => {
  const data = input.data as Record<string, unknown> | undefined;
  if (!data || typeof data.mdtrt_cert_no !== 'string') return input;
  const { mdtrt_cert_no: _token, ...rest } = data;
  return { ...input, data: rest };
};

/**
 * Answers one message of the platform from a verified caller. Never throws for
 * bad input: the answer says `infcode -1` and names the field.
 *
 * @example
 * ```ts
 * const answer = await answerHsa('{"infno":"5206","msgid":"…","fixmedins_code":"H1","input":{"data":{"psn_no":"m1"}}}', hospital, deps);
 * answer.infcode; // 0, with output.cuminfo
 * ```
 */
export async function answerHsa(body: string, principal: Principal, deps: HsaDeps): Promise<HsaAnswer> {
  const receivedAt = deps.clock.now();
  let envelope: Partial<Envelope> = {};
  const refuse = (error: string) => answer(deps.clock.now(), receivedAt, envelope, { error });
  try {
    let json: unknown;
    try {
      json = parseWireJson(body);
    } catch {
      return refuse('(message): must be a JSON object (the platform envelope)');
    }
    const parsedEnvelope = EnvelopeSchema.safeParse(json);
    if (!parsedEnvelope.success) {
      if (json && typeof json === 'object') envelope = json as Partial<Envelope>;
      return refuse(describeIssues(parsedEnvelope.error));
    }
    envelope = parsedEnvelope.data;
    const env = parsedEnvelope.data;
    if (!authorize(principal, ACTION[env.infno], { memberIds: [], regions: [], providerId: env.fixmedins_code }))
      return refuse('fixmedins_code: is not an institution this caller may act for');
    const parsedInput = INPUT_SCHEMAS[env.infno].safeParse(env.input);
    if (!parsedInput.success) return refuse(describeIssues(parsedInput.error, 'input'));
    const scope = scopeOf(principal);
    const config = await configOf(deps);
    let call: HsaCall = { deps, config, envelope: env, scope, principal, now: receivedAt };
    const input = parsedInput.data as Record<string, unknown>;

    const fingerprint = fingerprintOf(
      { fixmedins_code: env.fixmedins_code, infno: env.infno, input: withoutToken(env.input) },
      await derivedOf(call, input),
    );
    const earlier = await deps.store.acceptHsaMessage({ scope, msgid: env.msgid, fingerprint, receivedAt, answer: null });
    if (earlier && earlier.fingerprint !== fingerprint)
      return refuse('msgid: was used before with another message: nothing changed; send a new msgid');
    if (earlier?.answer) return earlier.answer as HsaAnswer;
    // A replay not answered yet runs again at its first receive time: every step is idempotent.
    if (earlier) call = { ...call, now: earlier.receivedAt };

    const outcome = await dispatch(call, input);
    const result = answer(deps.clock.now(), call.now, env, 'output' in outcome ? outcome : { error: outcome.refused });
    await deps.store.answerHsaMessage(scope, env.msgid, result);
    return result;
  } catch (e) {
    if (e instanceof HsaRefusal) return refuse(e.message);
    if (e instanceof ContractError) return refuse(e.message);
    throw e;
  }
}
