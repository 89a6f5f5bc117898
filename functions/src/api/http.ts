/**
 * The HTTP API (API Gateway HTTP API, IAM-authorized): submit claims, quotes,
 * reversals, enrollments and bindings; read an event's outcome and a member's
 * balances. handler → validate (zod) → authorize the caller's role → enqueue, or
 * settle a quote on a snapshot (nothing changes), or read. A refused or invalid
 * request writes nothing and enqueues nothing.
 */
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ContractError, IdSchema, parseEvent, parseJsonText } from '@medins/contract';
import { decide, SnapshotView, type DomainEvent, type MemberId } from '@medins/engine';
import { getItem, type MemberItem, type Store } from '@medins/store';
import { getStore } from '../shared/store.ts';
import { logger, withObservability } from '../shared/observability.ts';
import { queueFor, sqsSender, type QueueSender } from '../shared/queue-sender.ts';
import { authorize, type Action, type Subject } from './authorize.ts';
import { findPrincipal } from './principals.ts';
import { json, problem } from './responses.ts';

/** Requests larger than this are refused before parsing (the SQS message limit). */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ApiDeps {
  readonly store: Store;
  readonly queue: QueueSender;
}

const SUBMISSIONS: Record<string, { types: readonly DomainEvent['type'][]; action: Action }> = {
  '/claims': { types: ['claim'], action: 'submitClaim' },
  '/quotes': { types: ['quote'], action: 'quote' },
  '/reversals': { types: ['reverseClaim'], action: 'reverseClaim' },
  '/enrollments': { types: ['enroll'], action: 'enroll' },
  '/bindings': { types: ['bindFamily', 'unbindFamily', 'bindViewer'], action: 'bind' },
};

async function regionsOf(store: Store, ids: readonly string[]): Promise<string[]> {
  const regions: string[] = [];
  for (const id of ids) {
    const m = await getItem<MemberItem>(store.db, store.tables.members, { memberId: id as MemberId });
    if (m) regions.push(m.region);
  }
  return regions;
}

/** The subject of an event: whose members, which provider, who acts. */
async function subjectOf(store: Store, doc: Record<string, unknown>): Promise<Subject> {
  const str = (k: string) => (typeof doc[k] === 'string' ? (doc[k] as string) : undefined);
  let members = ['memberId', 'payerId', 'insuredId', 'holderId', 'ownerId'].map(str).filter((x): x is string => !!x);
  let providerId = str('providerId');
  if (doc.type === 'reverseClaim' && str('claimId')) {
    // A reversal is about the claim it reverses: its patient and its provider.
    const original = await store.readEvent(str('claimId')!);
    const claim = original?.event ? (JSON.parse(original.event) as Record<string, unknown>) : null;
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

export async function route(event: APIGatewayProxyEventV2WithIAMAuthorizer, deps: ApiDeps): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext.http.method;
  const path = event.rawPath;
  const principal = await findPrincipal(deps.store, event.requestContext.authorizer?.iam?.userArn ?? '');
  if (!principal) return problem(403, 'FORBIDDEN', 'the caller is not registered for this API');

  // Own keys only: a path such as `__proto__` or `constructor` must not find Object.prototype's members.
  if (method === 'POST' && Object.hasOwn(SUBMISSIONS, path)) {
    const { types, action } = SUBMISSIONS[path]!;
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
    if (!types.includes(domain.type)) {
      return problem(400, 'INVALID_REQUEST', `invalid request: type: ${path} takes ${types.join(', ')}, not ${domain.type}`, [
        { path: 'type', message: `must be one of ${types.join(', ')}` },
      ]);
    }
    if (!authorize(principal, action, await subjectOf(deps.store, doc))) {
      logger.warn('refused', { principal: principal.id, action, eventId: domain.id });
      return problem(403, 'FORBIDDEN', `this caller may not ${action} for these members or this provider`);
    }
    if (domain.type === 'quote') {
      // 试算: the rules against the current state; nothing is written.
      const loaded = await deps.store.load(domain);
      return json(200, decide(domain, new SnapshotView(await deps.store.catalog(), loaded.snapshot)).result);
    }
    // The answer is made before the message is sent: nothing after the send may fail.
    const accepted = json(202, { eventId: domain.id, status: 'accepted', outcome: `/events/${encodeURIComponent(domain.id)}` });
    await deps.queue.send(queueFor(domain.type), JSON.stringify(doc));
    return accepted;
  }

  const eventMatch = /^\/events\/([^/]+)$/.exec(path);
  if (method === 'GET' && eventMatch) {
    const eventId = pathId(eventMatch[1]!, 'eventId');
    if ('refused' in eventId) return eventId.refused;
    const item = await deps.store.readEvent(eventId.id);
    if (!item) return problem(404, 'NOT_FOUND', 'no applied event has that id (it may still be queued)');
    const doc = item.event ? (JSON.parse(item.event) as Record<string, unknown>) : {};
    if (!authorize(principal, 'readEvent', await subjectOf(deps.store, doc))) return problem(403, 'FORBIDDEN', 'this caller may not read that event');
    return json(200, JSON.parse(item.result));
  }

  const balanceMatch = /^\/members\/([^/]+)\/balances$/.exec(path);
  if (method === 'GET' && balanceMatch) {
    const param = pathId(balanceMatch[1]!, 'memberId');
    if ('refused' in param) return param.refused;
    const memberId = param.id;
    const subject: Subject = { memberIds: [memberId], regions: await regionsOf(deps.store, [memberId]) };
    if (!authorize(principal, 'readBalances', subject)) return problem(403, 'FORBIDDEN', 'this caller may not read that member');
    const account = await deps.store.readBalances(memberId);
    if (!account) return problem(404, 'NOT_FOUND', 'that member has no personal account');
    return json(200, { memberId, ...account });
  }
  return problem(404, 'NO_ROUTE', `no route ${method} ${path}`);
}

let deps: ApiDeps | null = null;

export function setApiDeps(next: ApiDeps): void {
  deps = next;
}

export const handler = withObservability(async (event: APIGatewayProxyEventV2WithIAMAuthorizer) => {
  deps ??= { store: getStore(), queue: sqsSender({ claims: process.env.CLAIMS_QUEUE_URL, enrollments: process.env.ENROLLMENTS_QUEUE_URL }) };
  try {
    return await route(event, deps);
  } catch (e) {
    logger.error('request failed', { error: (e as Error).name, message: (e as Error).message });
    return problem(500, 'INTERNAL', 'the request could not be completed; it changed nothing');
  }
});
