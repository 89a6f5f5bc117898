/**
 * The HTTP API (API Gateway HTTP API, IAM-authorized): submit claims, quotes,
 * reversals, enrollments and bindings; read an event's outcome and a member's
 * balances. handler → validate (zod) → authorize the caller's role → enqueue, or
 * settle a quote on a snapshot (nothing changes), or read. A refused or invalid
 * request writes nothing and enqueues nothing.
 */
import { ContractError, IdSchema, parseEvent, parseJsonText } from '@medins/contract';
import { type DomainEvent, decide, type MemberId, SnapshotView } from '@medins/engine';
import type { ApiStore } from '@medins/store/ports';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { onAws } from '../adapters/aws.ts';
import type { HandlerDeps } from '../shared/handler.ts';
import type { QueueSender } from '../shared/queue-sender.ts';
import { queueFor } from '../shared/queue-sender.ts';
import type { Telemetry } from '../shared/telemetry.ts';
import { authorize, type Subject } from './authorize.ts';
import { type PrincipalDirectory, principalDirectory } from './principals.ts';
import { json, problem } from './responses.ts';
import { type MatchedRoute, matchRoute } from './routes.ts';

/** Requests larger than this are refused before parsing (the SQS message limit). */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ApiDeps {
  readonly store: ApiStore;
  readonly queue: QueueSender;
  readonly principals: PrincipalDirectory;
  readonly telemetry: Telemetry;
}

async function regionsOf(store: ApiStore, ids: readonly string[]): Promise<string[]> {
  const regions: string[] = [];
  for (const id of ids) {
    const m = await store.member(id as MemberId);
    if (m) regions.push(m.region);
  }
  return regions;
}

/** The subject of an event: whose members, which provider, who acts. */
async function subjectOf(store: ApiStore, doc: Record<string, unknown>): Promise<Subject> {
  const str = (k: string) => (typeof doc[k] === 'string' ? (doc[k] as string) : undefined);
  let members = ['memberId', 'payerId', 'insuredId', 'holderId', 'ownerId'].map(str).filter((x): x is string => !!x);
  let providerId = str('providerId');
  const claimId = str('claimId');
  if (doc.type === 'reverseClaim' && claimId) {
    // A reversal is about the claim it reverses: its patient and its provider.
    const original = await store.readApplied(claimId);
    const claim = original?.event && typeof original.event === 'object' ? (original.event as Record<string, unknown>) : null;
    members = claim && typeof claim.memberId === 'string' ? [claim.memberId] : [];
    providerId = claim && typeof claim.providerId === 'string' ? claim.providerId : undefined;
  }
  const acting = str('payerId') ?? str('holderId') ?? str('ownerId');
  return {
    memberIds: members,
    regions: await regionsOf(store, [...new Set(members)]),
    ...(providerId ? { providerId } : {}),
    ...(acting ? { actingMemberId: acting } : {}),
  };
}

/** A path parameter, percent-decoded and checked as a contract id; or the 400 problem naming it. */
function pathId(raw: string, name: string): { id: string } | { refused: APIGatewayProxyStructuredResultV2 } {
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

/** A path parameter, decoded once from the raw path and checked as a contract id; or the 400 problem naming it. */
function paramOf(matched: MatchedRoute, name: string): { id: string } | { refused: APIGatewayProxyStructuredResultV2 } {
  return pathId(matched.rawParameters?.[name] ?? '', name);
}

export async function route(event: APIGatewayProxyEventV2WithIAMAuthorizer, deps: ApiDeps): Promise<APIGatewayProxyStructuredResultV2> {
  const { logger } = deps.telemetry;
  const principal = await deps.principals.find(event.requestContext.authorizer?.iam?.userArn ?? '');
  if (!principal) return problem(403, 'FORBIDDEN', 'the caller is not registered for this API');
  const matched = matchRoute(event.requestContext.http.method, event.rawPath);
  if (!matched) return problem(404, 'NO_ROUTE', `no route ${event.requestContext.http.method} ${event.rawPath}`);
  const { route: r } = matched;

  if (r.types) {
    const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return problem(413, 'TOO_LARGE', `the body is larger than ${MAX_BODY_BYTES} bytes`);
    let domain: DomainEvent;
    let doc: Record<string, unknown>;
    try {
      doc = parseJsonText(raw, 'request') as Record<string, unknown>;
      domain = parseEvent(doc);
    } catch (e) {
      if (e instanceof ContractError) return problem(400, 'INVALID_REQUEST', e.message, e.issues);
      throw e;
    }
    if (!r.types.includes(domain.type)) {
      return problem(400, 'INVALID_REQUEST', `invalid request: type: ${r.path} takes ${r.types.join(', ')}, not ${domain.type}`, [
        { path: 'type', message: `must be one of ${r.types.join(', ')}` },
      ]);
    }
    if (!authorize(principal, r.action, await subjectOf(deps.store, doc))) {
      logger.warn('refused', { principal: principal.id, action: r.action, eventId: domain.id });
      return problem(403, 'FORBIDDEN', `this caller may not ${r.action} for these members or this provider`);
    }
    if (domain.type === 'quote') {
      // 试算: the rules against the current state; nothing is written.
      const loaded = await deps.store.load(domain);
      // An id applied before is answered with its first result, as every event id is.
      if (loaded.prior) return json(200, loaded.prior);
      return json(200, decide(domain, new SnapshotView(await deps.store.catalog(), loaded.snapshot)).result);
    }
    // The answer is made before the message is sent: nothing after the send may fail.
    const accepted = json(202, { eventId: domain.id, status: 'accepted', outcome: `/events/${encodeURIComponent(domain.id)}` });
    await deps.queue.send(queueFor(domain.type), JSON.stringify(doc));
    return accepted;
  }

  if (r.action === 'readEvent') {
    const eventId = paramOf(matched, 'eventId');
    if ('refused' in eventId) return eventId.refused;
    const applied = await deps.store.readApplied(eventId.id);
    if (!applied) return problem(404, 'NOT_FOUND', 'no applied event has that id (it may still be queued)');
    const doc = applied.event && typeof applied.event === 'object' ? (applied.event as Record<string, unknown>) : {};
    if (!authorize(principal, 'readEvent', await subjectOf(deps.store, doc)))
      return problem(403, 'FORBIDDEN', 'this caller may not read that event');
    return json(200, applied.result);
  }

  // readBalances
  const param = paramOf(matched, 'memberId');
  if ('refused' in param) return param.refused;
  const memberId = param.id as MemberId;
  const subject: Subject = { memberIds: [memberId], regions: await regionsOf(deps.store, [memberId]) };
  if (!authorize(principal, 'readBalances', subject)) return problem(403, 'FORBIDDEN', 'this caller may not read that member');
  const account = await deps.store.readBalances(memberId);
  if (!account) return problem(404, 'NOT_FOUND', 'that member has no personal account');
  return json(200, { memberId, ...account });
}

export const create = ({ store, queue, telemetry }: Pick<HandlerDeps, 'store' | 'queue' | 'telemetry'>) => {
  const deps: ApiDeps = { store, queue, telemetry, principals: principalDirectory(store) };
  return telemetry.wrap(async (event: APIGatewayProxyEventV2WithIAMAuthorizer) => {
    try {
      return await route(event, deps);
    } catch (e) {
      telemetry.logger.error('request failed', { error: (e as Error).name });
      return problem(500, 'INTERNAL', 'the request could not be completed; it changed nothing');
    }
  });
};

export const handler = onAws(create);
