/**
 * functions → api: the one route table of the HTTP API. The handler dispatches on
 * it, infra declares exactly these routes on API Gateway, the local gateway
 * matches requests with it, and the CLI's help lists it.
 */
import type { DomainEvent } from '@medins/engine';
import type { Action } from './authorize.ts';

/**
 * How API Gateway verifies the caller of a route: `iam` (SigV4: hospitals, insurers,
 * operations) or `member` (the JWT authorizer: a member's bearer token).
 */
export type RouteAuth = 'iam' | 'member';

export interface ApiRoute {
  readonly method: 'GET' | 'POST';
  /** API Gateway's path pattern: `{name}` is a path parameter. */
  readonly path: string;
  readonly auth: RouteAuth;
  /** The action of a read; a submission's action is its event type's (`actionOfType`). */
  readonly action: Action;
  /** For submissions: the event types the route takes. */
  readonly types?: readonly DomainEvent['type'][];
  /** A gateway speaking another dialect (the national platform's envelope: functions/src/hsa). */
  readonly gateway?: 'hsa';
  readonly summary: string;
}

export const API_ROUTES = [
  { method: 'POST', path: '/claims', auth: 'iam', action: 'submitClaim', types: ['claim'], summary: 'submit a claim (queued: 202)' },
  {
    method: 'POST',
    path: '/quotes',
    auth: 'iam',
    action: 'quote',
    types: ['quote'],
    summary: 'a quote (试算), answered at once, changes nothing',
  },
  {
    method: 'POST',
    path: '/reversals',
    auth: 'iam',
    action: 'reverseClaim',
    types: ['reverseClaim'],
    summary: 'reverse a settled claim (queued: 202)',
  },
  {
    method: 'POST',
    path: '/reviews',
    auth: 'iam',
    action: 'reviewDecision',
    types: ['reviewDecision'],
    summary: 'a reviewer decides a held claim: approve (optionally without lines) or reject (queued: 202)',
  },
  { method: 'GET', path: '/events/{eventId}', auth: 'iam', action: 'readEvent', summary: 'the outcome of an event' },
  {
    method: 'GET',
    path: '/claims/{claimId}/explanation',
    auth: 'iam',
    action: 'readEvent',
    summary: 'a claim’s or quote’s 结算单 in plain language, from its stored result',
  },
  {
    method: 'GET',
    path: '/members/{memberId}/balances',
    auth: 'iam',
    action: 'readBalances',
    summary: 'a member’s personal-account balances (insurer, operations)',
  },
  {
    method: 'POST',
    path: '/enrollments',
    auth: 'member',
    action: 'enroll',
    types: ['enroll'],
    summary: 'a member enrolls in the supplementary product (queued: 202)',
  },
  {
    method: 'POST',
    path: '/bindings',
    auth: 'member',
    action: 'bindFamily',
    types: ['bindFamily', 'unbindFamily', 'bindViewer'],
    summary: 'a member binds or unbinds family, binds a viewer (queued: 202)',
  },
  { method: 'GET', path: '/me/events/{eventId}', auth: 'member', action: 'readEvent', summary: 'the outcome of a member’s own event' },
  {
    method: 'GET',
    path: '/me/claims/{claimId}/explanation',
    auth: 'member',
    action: 'readEvent',
    summary: 'the 结算单 of a claim of the member’s own, in plain language',
  },
  { method: 'GET', path: '/me/balances', auth: 'member', action: 'readBalances', summary: 'the member’s own balances' },
  {
    method: 'POST',
    path: '/hsa',
    auth: 'iam',
    action: 'quote',
    gateway: 'hsa',
    summary: 'the national platform’s interface (国家医保信息平台 2201–2208, 5206) for a hospital’s HIS',
  },
  {
    method: 'GET',
    path: '/members/{memberId}/accumulators/{year}',
    auth: 'iam',
    action: 'readAccumulators',
    summary: 'a member’s accumulators of a year (insurer, operations)',
  },
  {
    method: 'GET',
    path: '/me/accumulators/{year}',
    auth: 'member',
    action: 'readAccumulators',
    summary: 'the member’s own accumulators of a year',
  },
  {
    method: 'GET',
    path: '/members/{memberId}/policies',
    auth: 'iam',
    action: 'readPolicies',
    summary: 'the policies a member is insured by (insurer, operations)',
  },
  { method: 'GET', path: '/me/policies', auth: 'member', action: 'readPolicies', summary: 'the policies the member is insured by' },
  {
    method: 'GET',
    path: '/claims/{claimId}/eob',
    auth: 'iam',
    action: 'readClaim',
    summary: 'a settled claim’s explanation of benefits',
  },
  {
    method: 'GET',
    path: '/claims/{claimId}/fhir',
    auth: 'iam',
    action: 'readClaim',
    summary: 'a settled claim as a FHIR R4 ExplanationOfBenefit',
  },
] as const satisfies readonly ApiRoute[];

/** The action a submitted event type is authorized as. */
export const actionOfType = (type: string): Action =>
  type === 'claim' ? 'submitClaim' : (type as Exclude<Action, 'submitClaim' | ReadAction>);

/** The actions of the read routes (no event type is authorized as one). */
type ReadAction = 'readEvent' | 'readBalances' | 'readAccumulators' | 'readPolicies' | 'readClaim';

/** `POST /claims`, `GET /events/{eventId}`… as API Gateway names a route. */
export const routeKeyOf = (route: Pick<ApiRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;

export interface MatchedRoute {
  readonly route: ApiRoute;
  readonly routeKey: string;
  /** Path parameters as they appear in the raw path, still percent-encoded (undefined when none). */
  readonly rawParameters?: Record<string, string>;
}

/** The route a method and raw path match, or null (API Gateway answers 404 without calling the function). */
export function matchRoute(method: string, rawPath: string): MatchedRoute | null {
  const segments = rawPath.split('/');
  for (const route of API_ROUTES as readonly ApiRoute[]) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const p = pattern[i] ?? '';
      const s = segments[i] ?? '';
      if (p.startsWith('{') && p.endsWith('}')) {
        if (s === '') ok = false;
        else params[p.slice(1, -1)] = s;
      } else ok = p === s;
    }
    if (ok) return { route, routeKey: routeKeyOf(route), ...(Object.keys(params).length > 0 ? { rawParameters: params } : {}) };
  }
  return null;
}

/**
 * The methods the route table serves at a raw path (empty when no route has that
 * path): a request with another method is answered 405 with them in `Allow`.
 */
export function allowedMethods(rawPath: string): ApiRoute['method'][] {
  return (['GET', 'POST'] as const).filter((method) => matchRoute(method, rawPath) !== null);
}

/** One line per route, for a command's help. */
export function routeLines(): string[] {
  return (API_ROUTES as readonly ApiRoute[]).map(
    (r) => `  ${r.method.padEnd(4)} ${r.path.padEnd(30)} ${r.auth === 'iam' ? 'IAM   ' : 'member'} ${r.summary}`,
  );
}
