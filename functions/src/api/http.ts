/**
 * The HTTP API (API Gateway HTTP API): providers submit claims, quotes and
 * reversals (IAM); members enroll and bind (JWT); every caller reads the outcome
 * of its events; insurers and operations read. handler → who is calling (what API
 * Gateway verified) → the request schema (the contract's, without the server's
 * fields) → credentials (the patient's e-voucher, a face verification) → the
 * server's clock stamps `at` → the role table → an accept record (the idempotency
 * key, scoped to the caller, and the body's fingerprint) → enqueue; or settle a
 * quote on a snapshot (nothing changes); or read. A refused or invalid request
 * writes nothing and enqueues nothing.
 */
import { ContractError, IdSchema, parseEvent, parseJsonText, type SealedEventDoc, sealEventDoc, toEvent } from '@medins/contract';
import { ConfigurationError, type Digester, type DomainEvent, decide, type MemberId, SnapshotView } from '@medins/engine';
import { explainClaim } from '@medins/insurer/explain';
import type { ApiStore, AppliedEvent, HsaStore } from '@medins/store/ports';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { onAws } from '../adapters/aws.ts';
import type { HsaDeps } from '../hsa/context.ts';
import { answerHsa } from '../hsa/gateway.ts';
import type { Clock } from '../shared/clock.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import type { QueueSender } from '../shared/queue-sender.ts';
import { queueFor } from '../shared/queue-sender.ts';
import type { Telemetry } from '../shared/telemetry.ts';
import { type Action, authorize, type Subject } from './authorize.ts';
import { CredentialError, type CredentialVerifier } from './credentials.ts';
import { fingerprintOf, keyOf, scopedId, scopeOf } from './idempotency.ts';
import { type AuthorizerContext, callerOf } from './identity.ts';
import { memberPrincipal, type Principal, type PrincipalDirectory, principalDirectory } from './principals.ts';
import { readRoute } from './reads.ts';
import { checkRequest, futureServiceDate, type RequestBody, receiveInstant } from './request.ts';
import { json, noRoute, notFound, problem, queued } from './responses.ts';
import { actionOfType, type MatchedRoute, matchRoute } from './routes.ts';

/**
 * Requests larger than this are refused (413) before parsing. Set from the measured
 * budget (test/api/limits.test.ts, docs/performance.md "A bounded state"): a claim
 * rides whole in the claims queue's message and in every ClaimWorkflow state, and
 * the largest state measured is the body plus about 3 KB (1,000 lines); Step
 * Functions and the queues take 256 KiB, and a dead-letter record adds the error
 * (its cause up to 32 KiB). 192 KiB keeps every one of them under 80 % of its bound.
 */
export const MAX_BODY_BYTES = 192 * 1024;

/** The header that carries the patient's medical e-voucher (医保电子凭证) with a claim or a quote. */
export const CREDENTIAL_HEADER = 'x-medins-credential';
/** The header that carries a face verifier's signed statement with a viewer binding. */
export const FACE_HEADER = 'x-medins-face-verification';

export interface ApiDeps {
  readonly store: ApiStore & HsaStore;
  readonly queue: QueueSender;
  readonly principals: PrincipalDirectory;
  readonly telemetry: Telemetry;
  /** The server's clock: every submission is stamped with the time the API received it. */
  readonly clock: Clock;
  readonly credentials: CredentialVerifier;
  /** Seals the body's personal data before anything is kept or queued (keyed digests: core/personal.ts). */
  readonly digest: Digester;
  /** The national gateway's waits (a 2207 waits for its settlement); default 10 s (inside the function’s 15 s timeout), polled every 50 ms. */
  readonly hsa?: Pick<HsaDeps, 'settleWaitMs' | 'pollMs'>;
}

/** A payload v2 event with either authorizer's context (IAM routes, member routes). */
export type ApiEvent = Omit<APIGatewayProxyEventV2, 'requestContext'> & {
  readonly requestContext: APIGatewayProxyEventV2['requestContext'] & { readonly authorizer?: AuthorizerContext };
};

type Answer = APIGatewayProxyStructuredResultV2;

async function regionsOf(store: ApiStore, ids: readonly string[]): Promise<string[]> {
  const regions: string[] = [];
  for (const id of new Set(ids)) {
    const m = await store.member(id as MemberId);
    if (m) regions.push(m.region);
  }
  return regions;
}

const str = (doc: Record<string, unknown>, k: string) => (typeof doc[k] === 'string' ? (doc[k] as string) : undefined);
const present = (xs: (string | undefined)[]) => xs.filter((x): x is string => !!x);

/** The subject of a stored or submitted event (contract JSON, ids as stored): whose members, which provider, who acts. */
async function subjectOf(store: ApiStore, doc: Record<string, unknown>, forAction: Action): Promise<Subject> {
  let members = present(['memberId', 'payerId', 'insuredId', 'holderId', 'ownerId'].map((k) => str(doc, k)));
  let providerId = str(doc, 'providerId');
  const claimId = str(doc, 'claimId');
  if ((doc.type === 'reverseClaim' || doc.type === 'reviewDecision') && claimId) {
    // A reversal (a reviewer's decision) is about the claim it reverses (decides): its patient and its provider.
    const original = await store.readApplied(claimId);
    const claim = original?.event && typeof original.event === 'object' ? (original.event as Record<string, unknown>) : null;
    members = claim ? present([str(claim, 'memberId')]) : [];
    providerId = claim ? str(claim, 'providerId') : undefined;
  }
  // A member's own action: who must be the caller.
  const acting =
    forAction === 'enroll'
      ? present([str(doc, 'payerId'), str(doc, 'insuredId')])
      : forAction === 'bindFamily'
        ? present([str(doc, 'holderId')])
        : forAction === 'unbindFamily'
          ? present([str(doc, 'holderId'), str(doc, 'memberId')])
          : forAction === 'bindViewer'
            ? present([str(doc, 'ownerId')])
            : undefined;
  return {
    memberIds: members,
    regions: await regionsOf(store, members),
    ...(providerId ? { providerId } : {}),
    ...(acting ? { actingMemberIds: acting, allPartiesActing: forAction === 'enroll' } : {}),
  };
}

/** A path parameter, percent-decoded and checked as a contract id; or the 400 problem naming it. */
function paramOf(matched: MatchedRoute, name: string): { id: string } | { refused: Answer } {
  const raw = matched.rawParameters?.[name] ?? '';
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    const message = 'is not a valid percent-encoded path segment';
    return { refused: problem(400, 'INVALID_REQUEST', `invalid request: ${name}: ${message}`, [{ path: name, message }]) };
  }
  const parsed = IdSchema.safeParse(id);
  if (parsed.success) return { id };
  const message = parsed.error.issues[0]?.message ?? 'must be an id';
  return { refused: problem(400, 'INVALID_REQUEST', `invalid request: ${name}: ${message}`, [{ path: name, message }]) };
}

const header = (event: ApiEvent, name: string): string | undefined => {
  const v = event.headers?.[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

const credentialProblem = (name: string, message: string, code = 'CREDENTIAL_INVALID') =>
  problem(401, code, `headers.${name}: ${message}`, [{ path: `headers.${name}`, message }], { 'www-authenticate': 'MedinsCredential' });

/** Where a caller reads the outcome of its key. */
const locationOf = (principal: Principal, key: string) =>
  `${principal.role === 'member' ? '/me/events/' : '/events/'}${encodeURIComponent(key)}`;

/**
 * What the route of a caller's event answers: the outcome once applied, the
 * failure once failed for good, 202 while queued; the same 404 for an id that is
 * not there and one that is not the caller's.
 */
async function eventAnswer(deps: ApiDeps, principal: Principal, key: string): Promise<Answer> {
  const applied = await readableApplied(deps, principal, key);
  if (applied) return json(200, applied.result);
  const own = scopedId(scopeOf(principal), key);
  const accepted = await deps.store.readAccepted(own);
  // A quote is answered at once and kept with its key: reading it back answers what it answered.
  if (accepted?.status === 'quoted' && accepted.result) return json(200, accepted.result);
  if (accepted?.status === 'failed') {
    return json(200, {
      eventId: key,
      status: 'failed',
      reasons: [accepted.failure ?? { code: 'EVENT_FAILED', message: 'failed for good' }],
    });
  }
  if (accepted) return queued(key, locationOf(principal, key));
  return notFound();
}

/**
 * The applied event a caller may read under `key`: its own key first; then, for a
 * reader, a stored id as the outcome names it (a member's claims, a region's events).
 */
async function readableApplied(deps: ApiDeps, principal: Principal, key: string): Promise<AppliedEvent | null> {
  const scope = scopeOf(principal);
  for (const id of key.startsWith(`${scope}:`) ? [key] : [scopedId(scope, key), key]) {
    const applied = await deps.store.readApplied(id);
    if (!applied) continue;
    const doc = applied.event && typeof applied.event === 'object' ? (applied.event as Record<string, unknown>) : {};
    const mine = keyOf(scope, id) !== null;
    if (mine || authorize(principal, 'readEvent', await subjectOf(deps.store, doc, 'readEvent'))) return applied;
  }
  return null;
}

/**
 * `GET /claims/{id}/explanation`: the 结算单 of a claim or quote the caller may read,
 * made from its stored result and the claim as received (no rule runs again). While
 * the claim is queued or failed, the event route's answer; anything else is the same 404.
 */
async function explanationAnswer(deps: ApiDeps, principal: Principal, key: string): Promise<Answer> {
  const applied = await readableApplied(deps, principal, key);
  if (!applied) return eventAnswer(deps, principal, key);
  const result = applied.result;
  if (result.type !== 'claim' && result.type !== 'quote') return notFound();
  let event: DomainEvent | undefined;
  try {
    event = applied.event ? parseEvent(applied.event) : undefined;
  } catch {
    event = undefined; // an event stored before today's contract: explain from the result alone
  }
  const visit = event?.type === 'claim' || event?.type === 'quote' ? event : undefined;
  const explanation = explainClaim({
    result,
    event: visit,
    catalog: await deps.store.catalog(),
    member: visit ? ((await deps.store.member(visit.memberId)) ?? undefined) : undefined,
  });
  return json(200, { ...explanation, text: explanation.lines.join('\n') });
}

/** Who is calling this route: the registered service principal (IAM routes) or the member (member routes); else the refusal. */
async function principalFor(event: ApiEvent, matched: MatchedRoute, deps: ApiDeps): Promise<Principal | Answer> {
  const caller = callerOf(event.requestContext.authorizer);
  if (matched.route.auth === 'member') {
    if (caller?.kind !== 'member') return problem(401, 'UNAUTHENTICATED', 'this route is for members: send a member bearer token');
    return memberPrincipal(caller.memberId);
  }
  if (caller?.kind !== 'iam') return problem(403, 'FORBIDDEN', 'this route is for registered service callers (IAM)');
  return (await deps.principals.find(caller.arn)) ?? problem(403, 'FORBIDDEN', 'the caller is not registered for this API');
}

/** 409: the key was used before with another body; nothing changed. */
const idempotencyConflict = (key: string) =>
  problem(409, 'IDEMPOTENCY_CONFLICT', `id ${key} was used before with another body: nothing changed; use a new id`, [
    { path: 'id', message: 'was used before with another body' },
  ]);

async function submit(event: ApiEvent, matched: MatchedRoute, principal: Principal, deps: ApiDeps): Promise<Answer> {
  const { logger } = deps.telemetry;
  const types = matched.route.types ?? [];
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return problem(413, 'TOO_LARGE', `the body is larger than ${MAX_BODY_BYTES} bytes`);
  let json0: unknown;
  try {
    json0 = parseJsonText(raw, 'request');
  } catch (e) {
    if (e instanceof ContractError) return problem(400, 'INVALID_REQUEST', e.message, e.issues);
    throw e;
  }
  const checked = checkRequest(json0, types);
  if ('refused' in checked) return problem(400, 'INVALID_REQUEST', checked.message, checked.refused);
  const body: RequestBody = checked.body;
  const now = deps.clock.now();
  const future = body.type === 'claim' || body.type === 'quote' ? futureServiceDate(body.serviceDate, now) : null;
  if (future) return problem(400, 'INVALID_REQUEST', `invalid request: ${future.path}: ${future.message}`, [future]);

  // The caller's key scoped to the caller; a reversal names a claim in the same space.
  const scope = scopeOf(principal);
  const id = scopedId(scope, body.id);
  const ids: Record<string, unknown> = { id, ...(body.type === 'reverseClaim' ? { claimId: scopedId(scope, String(body.claimId)) } : {}) };
  const action = actionOfType(body.type);
  const subject = await subjectOf(deps.store, { ...body, ...ids }, action);
  // A reversal of a claim not (yet) applied names nothing to check: in the caller's own space, it is the engine's CLAIM_NOT_FOUND.
  const unknownClaim = body.type === 'reverseClaim' && principal.role === 'provider' && subject.providerId === undefined;
  if (!(unknownClaim || authorize(principal, action, subject))) {
    logger.warn('refused', { principal: principal.id, action, eventId: id });
    return problem(403, 'FORBIDDEN', `this caller may not ${action} for these members or this provider`);
  }

  // What the credentials say (verified at the server's time), never what the body says.
  const derived: Record<string, unknown> = {};
  try {
    if (body.type === 'claim' || body.type === 'quote') {
      const token = header(event, CREDENTIAL_HEADER);
      if (!token)
        return credentialProblem(CREDENTIAL_HEADER, 'the patient’s medical e-voucher (医保电子凭证) is required', 'CREDENTIAL_REQUIRED');
      derived.cardHolderId = (await deps.credentials.verify('voucher', token, now)).memberId;
    }
    if (body.type === 'bindViewer') {
      const token = header(event, FACE_HEADER);
      let verified = false;
      if (token) {
        const face = await deps.credentials.verify('face', token, now);
        if (face.memberId !== body.ownerId) return credentialProblem(FACE_HEADER, 'the face verification is not about the owner');
        verified = true;
      }
      derived.faceVerified = verified;
    }
  } catch (e) {
    if (!(e instanceof CredentialError)) throw e;
    const name = body.type === 'bindViewer' ? FACE_HEADER : CREDENTIAL_HEADER;
    return credentialProblem(name, e.message.replace(/^the \w+ credential /, ''));
  }

  // The full event: the body, what the credentials say, the scoped ids and the server's time, validated by the contract
  // and sealed: from here on no clear name, ID number or phone exists (not in the record, the queue or the workflow).
  let sealed: SealedEventDoc;
  let domain: DomainEvent;
  try {
    sealed = sealEventDoc({ ...body, ...derived, ...ids, at: receiveInstant(now) }, deps.digest);
    domain = toEvent(sealed);
  } catch (e) {
    if (e instanceof ContractError) return problem(400, 'INVALID_REQUEST', e.message, e.issues);
    throw e;
  }
  // Of the sealed body (without the server's time): the stored fingerprint is no unkeyed hash of personal data.
  const { at: _receivedAt, ...sealedBody } = sealed;
  const fingerprint = fingerprintOf(sealedBody, derived);
  if (domain.type === 'quote') {
    // 试算: the rules against the current state at the server's time; no state changes. The answer is kept
    // under the caller's key (as every submission's), so `GET /events/{id}` reads back what it answered.
    const loaded = await deps.store.load(domain);
    const result =
      loaded.prior ?? decide(domain, new SnapshotView(await deps.store.catalog(loaded.catalogVersion), loaded.snapshot)).result;
    const earlier = await deps.store.acceptSubmission({
      eventId: id,
      fingerprint,
      acceptedAt: now,
      ...acceptedBy(principal),
      status: 'quoted',
      result,
    });
    if (!earlier) return json(200, result);
    if (earlier.fingerprint !== fingerprint) return idempotencyConflict(body.id);
    return eventAnswer(deps, principal, body.id);
  }

  const earlier = await deps.store.acceptSubmission({
    eventId: id,
    fingerprint,
    acceptedAt: now,
    ...acceptedBy(principal),
    status: 'queued',
  });
  if (earlier && earlier.fingerprint !== fingerprint) return idempotencyConflict(body.id);
  if (earlier) {
    const answer = await eventAnswer(deps, principal, body.id);
    // Still queued: send it again, stamped as first received (the commit applies an id once, so a second copy is harmless;
    // the first send may never have happened if the API stopped between the record and the send).
    if (answer.statusCode === 202)
      await deps.queue.send(queueFor(domain.type), JSON.stringify({ ...sealed, at: receiveInstant(earlier.acceptedAt) }));
    return answer;
  }
  // The answer is made before the message is sent: nothing after the send may fail.
  const answer = queued(body.id, locationOf(principal, body.id));
  await deps.queue.send(queueFor(domain.type), JSON.stringify(sealed));
  return answer;
}

/** Who accepts a submission, for its record: a service principal and its registration's version (a member is in the event). */
const acceptedBy = (p: Principal) => (p.role === 'member' ? {} : { principal: p.id, principalVersion: p.version ?? 0 });

/** The national platform's gateway: the platform's envelope in, its answer envelope out (200, infcode 0 or −1). */
async function hsa(event: ApiEvent, principal: Principal, deps: ApiDeps): Promise<Answer> {
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return problem(413, 'TOO_LARGE', `the body is larger than ${MAX_BODY_BYTES} bytes`);
  return json(200, await answerHsa(raw, principal, { ...deps, ...(deps.hsa ?? {}) }));
}

export async function route(event: ApiEvent, deps: ApiDeps): Promise<Answer> {
  const matched = matchRoute(event.requestContext.http.method, event.rawPath);
  if (!matched) return noRoute(event.requestContext.http.method, event.rawPath);
  const principal = await principalFor(event, matched, deps);
  if (!('role' in principal)) return principal;
  const { route: r } = matched;

  if (r.types) return submit(event, matched, principal, deps);
  if (r.gateway === 'hsa') return hsa(event, principal, deps);

  if (r.action !== 'readEvent' && r.action !== 'readBalances') {
    const param = (name: string) => paramOf(matched, name);
    const subject = (doc: Record<string, unknown>, action: Action) => subjectOf(deps.store, doc, action);
    return readRoute({ deps, principal, matched, param, subjectOf: subject, regionsOf: (ids) => regionsOf(deps.store, ids) });
  }

  if (r.path === '/claims/{claimId}/explanation' || r.path === '/me/claims/{claimId}/explanation') {
    const claimId = paramOf(matched, 'claimId');
    if ('refused' in claimId) return claimId.refused;
    return explanationAnswer(deps, principal, claimId.id);
  }

  if (r.action === 'readEvent') {
    const eventId = paramOf(matched, 'eventId');
    if ('refused' in eventId) return eventId.refused;
    return eventAnswer(deps, principal, eventId.id);
  }

  // readBalances: a member's own (/me/balances), or a member named in the path (insurer, operations).
  let memberId: MemberId;
  if (principal.role === 'member') memberId = principal.memberId as MemberId;
  else {
    const param = paramOf(matched, 'memberId');
    if ('refused' in param) return param.refused;
    memberId = param.id as MemberId;
  }
  const subject: Subject = { memberIds: [memberId], regions: await regionsOf(deps.store, [memberId]) };
  if (!authorize(principal, 'readBalances', subject)) return notFound();
  const account = await deps.store.readBalances(memberId);
  if (!account) return notFound();
  return json(200, { memberId, ...account });
}

/** Without a digest key personal data cannot be sealed: a request carrying it fails loudly, as a deployment error. */
const unsealable: Digester = () => {
  throw new ConfigurationError('no digest key: set MEDINS_DIGEST_KEY_SECRET_ARN', { entity: 'MEDINS_DIGEST_KEY_SECRET_ARN' });
};

/** Credentials cannot be verified without keys: every claim and quote then fails loudly, as a deployment error. */
const unconfigured: CredentialVerifier = {
  verify: async () => {
    throw new ConfigurationError('no credential keys: set MEDINS_CREDENTIAL_KEYS', { entity: 'MEDINS_CREDENTIAL_KEYS' });
  },
};

export const create = ({
  store,
  queue,
  telemetry,
  clock,
  credentials,
  digest,
}: Pick<HandlerDeps, 'store' | 'queue' | 'telemetry' | 'clock' | 'credentials' | 'digest'>) => {
  const deps: ApiDeps = {
    store,
    queue,
    telemetry,
    clock,
    credentials: credentials ?? unconfigured,
    digest: digest ?? unsealable,
    principals: principalDirectory(store),
  };
  return telemetry.wrap(async (event: ApiEvent) => {
    try {
      return await route(event, deps);
    } catch (e) {
      telemetry.logger.error('request failed', { error: (e as Error).name });
      return problem(500, 'INTERNAL', 'the request could not be completed; it changed nothing');
    }
  });
};

export const handler = onAws(create);
