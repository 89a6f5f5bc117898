/**
 * functions → api: the reads an integrator needs beside an event's outcome — a
 * member's accumulators of a year, the policies a member is insured by, a settled
 * claim's explanation of benefits (the API's JSON, or FHIR R4). Each is
 * authorized by the role table (`readAccumulators`, `readPolicies`, `readClaim`);
 * whatever the caller may not read answers exactly like what does not exist (404).
 */
import { parseEvent } from '@medins/contract';
import type { ClaimEvent, MemberId, PaidClaimResult } from '@medins/engine';
import type { AppliedEvent } from '@medins/store/ports';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { explanationOfBenefit } from '../fhir/explanation-of-benefit.ts';
import { type Action, authorize, type Subject } from './authorize.ts';
import { explanationOf, memberDisplayOf } from './explanation.ts';
import type { ApiDeps } from './http.ts';
import { keyOf, scopedId, scopeOf } from './idempotency.ts';
import type { Principal } from './principals.ts';
import { json, notFound, problem, queued } from './responses.ts';
import type { MatchedRoute } from './routes.ts';

type Answer = APIGatewayProxyStructuredResultV2;

/** What a read needs from the HTTP handler: the caller, the route, and the handler's own checks. */
export interface ReadContext {
  readonly deps: ApiDeps;
  readonly principal: Principal;
  readonly matched: MatchedRoute;
  /** A path parameter checked as a contract id, or the 400 naming it. */
  readonly param: (name: string) => { id: string } | { refused: Answer };
  /** The subject of a stored event (its members, regions, provider). */
  readonly subjectOf: (doc: Record<string, unknown>, action: Action) => Promise<Subject>;
  readonly regionsOf: (memberIds: readonly string[]) => Promise<string[]>;
}

/** The `application/fhir+json` media type FHIR servers answer with. */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** A year path parameter: four digits, 1900–2999 (the contract's year rule); else the 400 naming it. */
function yearOfParam(matched: MatchedRoute): number | Answer {
  const raw = matched.rawParameters?.year ?? '';
  const year = Number(raw);
  if (/^[0-9]{4}$/.test(raw) && year >= 1900 && year <= 2999) return year;
  const message = 'must be a year (four digits, 1900 to 2999)';
  return problem(400, 'INVALID_REQUEST', `invalid request: year: ${message}`, [{ path: 'year', message }]);
}

/** The member a member read is about: the caller on `/me/…`, else the path's `memberId`, if the caller may read them. */
async function memberOf(ctx: ReadContext, action: Action): Promise<MemberId | Answer> {
  let memberId: string;
  if (ctx.principal.role === 'member') memberId = ctx.principal.memberId;
  else {
    const param = ctx.param('memberId');
    if ('refused' in param) return param.refused;
    memberId = param.id;
  }
  const subject: Subject = { memberIds: [memberId], regions: await ctx.regionsOf([memberId]) };
  return authorize(ctx.principal, action, subject) ? (memberId as MemberId) : notFound();
}

async function readAccumulators(ctx: ReadContext): Promise<Answer> {
  const year = yearOfParam(ctx.matched);
  if (typeof year !== 'number') return year;
  const memberId = await memberOf(ctx, 'readAccumulators');
  if (typeof memberId !== 'string') return memberId;
  if (!(await ctx.deps.store.member(memberId))) return notFound();
  // A year without claims has no item: every counter is zero, which is an answer, not a 404.
  const counters = (await ctx.deps.store.readAccumulators(memberId, year)) ?? {};
  return json(200, { memberId, year, counters });
}

async function readPolicies(ctx: ReadContext): Promise<Answer> {
  const memberId = await memberOf(ctx, 'readPolicies');
  if (typeof memberId !== 'string') return memberId;
  if (!(await ctx.deps.store.member(memberId))) return notFound();
  const byProduct = (await ctx.deps.store.readPolicies(memberId)) ?? {};
  const policies = Object.keys(byProduct)
    .sort()
    .map((productId) => byProduct[productId]);
  return json(200, { memberId, policies });
}

/** The claim a caller names (its own key first, then a stored id it may read), or the answer instead. */
async function claimOf(ctx: ReadContext, key: string): Promise<{ id: string; applied: AppliedEvent } | Answer> {
  const scope = scopeOf(ctx.principal);
  const own = scopedId(scope, key);
  for (const id of key.startsWith(`${scope}:`) ? [key] : [own, key]) {
    const applied = await ctx.deps.store.readApplied(id);
    if (applied?.result.type !== 'claim') continue;
    const doc = applied.event && typeof applied.event === 'object' ? (applied.event as Record<string, unknown>) : {};
    if (keyOf(scope, id) !== null || authorize(ctx.principal, 'readClaim', await ctx.subjectOf(doc, 'readClaim'))) return { id, applied };
  }
  // Still queued under the caller's own key: come back here.
  const accepted = await ctx.deps.store.readAccepted(own);
  if (accepted?.status === 'queued') return queued(key, ctx.matched.route.path.replace('{claimId}', encodeURIComponent(key)));
  return notFound();
}

async function readClaim(ctx: ReadContext): Promise<Answer> {
  const param = ctx.param('claimId');
  if ('refused' in param) return param.refused;
  const found = await claimOf(ctx, param.id);
  if (!('applied' in found)) return found;
  const { applied } = found;
  if (applied.result.status !== 'settled' || !applied.event) {
    return problem(404, 'NOT_SETTLED', `claim ${param.id} was not settled (${applied.result.status}): its outcome says why`);
  }
  const claim = parseEvent(applied.event) as ClaimEvent;
  const result = applied.result as PaidClaimResult;
  const reversedBy = applied.reversedBy ?? null;
  if (ctx.matched.route.path.endsWith('/eob')) return json(200, explanationOf(claim, result, reversedBy));
  const [catalog, member] = await Promise.all([ctx.deps.store.catalog(), ctx.deps.store.member(claim.memberId)]);
  const eob = explanationOfBenefit({ claim, result, reversedBy, catalog, patientDisplay: memberDisplayOf(member) });
  return json(200, eob, { 'content-type': FHIR_JSON });
}

/** Answers a read route other than an event's outcome and balances. */
export function readRoute(ctx: ReadContext): Promise<Answer> {
  switch (ctx.matched.route.action) {
    case 'readAccumulators':
      return readAccumulators(ctx);
    case 'readPolicies':
      return readPolicies(ctx);
    default:
      return readClaim(ctx);
  }
}
