/**
 * functions → hsa: what every interface handler of the gateway is given — the
 * ports, the server's clock, the verified caller — and the one refusal it throws:
 * `HsaRefusal` names the field and the rule, and is answered `infcode -1`.
 */

import { MedinsError } from '@medins/engine';
import type { ApiStore, HsaStore, HsaVisit } from '@medins/store/ports';
import type { CredentialVerifier } from '../api/credentials.ts';
import type { Principal } from '../api/principals.ts';
import type { Clock } from '../shared/clock.ts';
import type { QueueSender } from '../shared/queue-sender.ts';
import type { HsaConfig } from './config.ts';
import type { Envelope } from './schemas.ts';

export interface HsaDeps {
  readonly store: ApiStore & HsaStore;
  readonly queue: QueueSender;
  readonly clock: Clock;
  readonly credentials: CredentialVerifier;
  /** How long a 2207 or 2208 waits for its workflow (ms); the HIS at the cashier's desk waits for the answer. */
  readonly settleWaitMs?: number;
  /** How often it looks (ms). */
  readonly pollMs?: number;
}

/** One message being answered. */
export interface HsaCall {
  readonly deps: HsaDeps;
  readonly config: HsaConfig;
  readonly envelope: Envelope;
  /** The caller's id space (api/idempotency.ts). */
  readonly scope: string;
  /** Who sends it: recorded, with its registration's version, on what it queues. */
  readonly principal?: Principal;
  /** The server's time this message was first received (a replay keeps it). */
  readonly now: number;
}

/** Bad input or a business refusal at the gateway: answered `infcode -1`, naming the field; nothing changed. */
export class HsaRefusal extends MedinsError {
  override readonly name = 'HsaRefusal';
  readonly code = 'HSA_REFUSED';
  constructor(field: string, rule: string) {
    super(`${field}: ${rule}`, { entity: field });
  }
}

/** The caller's visit, or the refusal naming the field (another institution's visit answers exactly like none). */
export async function visitOf(call: HsaCall, mdtrtId: string, psnNo: string, field: string): Promise<HsaVisit> {
  const visit = await call.deps.store.hsaVisit(call.scope, mdtrtId);
  if (!visit) throw new HsaRefusal(`${field}.mdtrt_id`, 'no visit by this id registered by this institution (2201)');
  if (visit.memberId !== psnNo) throw new HsaRefusal(`${field}.psn_no`, 'is not the person of this visit');
  return visit;
}

/**
 * Writes a change to a visit, read again and redone when another message changed it
 * first (bounded): `change` returns the visit to write, or throws a refusal.
 */
export async function updateVisit(call: HsaCall, mdtrtId: string, change: (visit: HsaVisit) => HsaVisit): Promise<HsaVisit> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const visit = await call.deps.store.hsaVisit(call.scope, mdtrtId);
    if (!visit) throw new HsaRefusal('mdtrt_id', 'no visit by this id registered by this institution (2201)');
    const next = change(visit);
    if (next === visit) return visit;
    if (await call.deps.store.putHsaVisit({ ...next, version: visit.version + 1 })) return { ...next, version: visit.version + 1 };
  }
  throw new HsaRefusal('mdtrt_id', 'the visit is being changed by other messages at this moment: send the message again');
}
