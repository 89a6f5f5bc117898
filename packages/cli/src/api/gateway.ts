/**
 * What API Gateway does in front of the `api/http` function, done locally: match
 * the route (the routes of infra's HttpApi construct), turn the HTTP request into
 * an HTTP API payload v2 event with the authorizer's context (IAM, or the JWT
 * authorizer's claims on member routes), and turn the function's result back into
 * a status, headers and a body.
 *
 * Locally a service caller is named by a header instead of a SigV4 signature:
 * `x-medins-principal: <IAM ARN>` stands for the identity API Gateway would have
 * verified; the handler then looks it up among the registered principals. A member
 * sends `Authorization: Bearer <token>`, verified here as API Gateway's JWT
 * authorizer verifies it (the same code, against the local issuer's key).
 */
import { randomUUID } from 'node:crypto';
import { matchRoute as matchApiRoute } from '@medins/functions/api/routes';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';

/** The header that names the caller locally (on AWS: the SigV4 signature's IAM identity). */
export const PRINCIPAL_HEADER = 'x-medins-principal';

/** The account id of local ARNs (the local stack's). */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** A route matched by the local gateway, with its path parameters decoded as API Gateway decodes them. */
export interface MatchedRoute {
  /** `POST /claims`, `GET /events/{eventId}`… as API Gateway names it. */
  readonly routeKey: string;
  /** Which authorizer guards it (IAM, or the members' JWT authorizer). */
  readonly auth?: 'iam' | 'member';
  readonly pathParameters?: Record<string, string>;
}

/** Percent-decoding that never throws: a malformed escape is kept as written. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The route a method and raw path match (the handler's own route table), or null: API Gateway answers 404 itself. */
export function matchRoute(method: string, rawPath: string): MatchedRoute | null {
  const matched = matchApiRoute(method, rawPath);
  if (!matched) return null;
  const raw = matched.rawParameters;
  return {
    routeKey: matched.routeKey,
    auth: matched.route.auth,
    ...(raw ? { pathParameters: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, decodeSegment(v)])) } : {}),
  };
}

/** The parts of an HTTP request the conversion needs (node:http's IncomingMessage has them all). */
export interface RequestParts {
  readonly method: string;
  /** The request target as sent: path and query string. */
  readonly url: string;
  /** Header names in any case; repeated headers as arrays. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Buffer;
  readonly sourceIp?: string;
  readonly protocol?: string;
}

/** Content types API Gateway hands the function as text; anything else is base64-encoded. */
const TEXT_TYPES = /^(text\/|application\/(json|[\w.+-]+\+json|x-www-form-urlencoded|xml|javascript))/i;

/** The caller's ARN as the local header names it, or undefined when absent or blank. */
export function principalOf(headers: RequestParts['headers']): string | undefined {
  const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === PRINCIPAL_HEADER)?.[1];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed === '' ? undefined : trimmed;
}

/** The bearer token of an `Authorization` header, or undefined. */
export function bearerOf(headers: RequestParts['headers']): string | undefined {
  const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const m = typeof value === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return m?.[1];
}

/** Who API Gateway verified: an IAM ARN, or a member token's claims (the JWT authorizer's context). */
export type VerifiedCaller = string | { readonly jwtClaims: Readonly<Record<string, unknown>> };

/**
 * The HTTP API payload v2 event API Gateway would send for this request, with an
 * IAM authorizer context for an ARN, or a JWT authorizer context for verified claims.
 */
export function toApiGatewayEvent(
  req: RequestParts,
  route: MatchedRoute,
  caller: VerifiedCaller,
  now = new Date(),
): APIGatewayProxyEventV2WithIAMAuthorizer {
  const principalArn = typeof caller === 'string' ? caller : '';
  const q = req.url.indexOf('?');
  const rawPath = q < 0 ? req.url : req.url.slice(0, q);
  const rawQueryString = q < 0 ? '' : req.url.slice(q + 1);

  // API Gateway lowercases header names and joins repeated headers with commas; cookies travel apart.
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const joined = Array.isArray(value) ? value.join(',') : (value as string);
    if (key === 'cookie')
      cookies = joined
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean);
    else headers[key] = headers[key] === undefined ? joined : `${headers[key]},${joined}`;
  }

  let queryStringParameters: Record<string, string> | undefined;
  if (rawQueryString) {
    queryStringParameters = {};
    for (const [k, v] of new URLSearchParams(rawQueryString)) {
      queryStringParameters[k] = queryStringParameters[k] === undefined ? v : `${queryStringParameters[k]},${v}`;
    }
  }

  const text = req.body.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? 'application/json');
  const requestId = randomUUID();
  const sourceIp = req.sourceIp ?? '127.0.0.1';
  const userId = principalArn.split(/[:/]/).pop() ?? principalArn;
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'local',
      authorizer:
        typeof caller === 'string'
          ? {
              iam: {
                accessKey: 'LOCAL',
                accountId: LOCAL_ACCOUNT_ID,
                callerId: userId,
                cognitoIdentity: null as never,
                principalOrgId: null as never,
                userArn: principalArn,
                userId,
              },
            }
          : // API Gateway's JWT authorizer context: the claims, and the scopes (none here).
            ({ jwt: { claims: caller.jwtClaims, scopes: null } } as never),
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
      http: { method: req.method, path: rawPath, protocol: req.protocol ?? 'HTTP/1.1', sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(req.body.length > 0 ? { body: text ? req.body.toString('utf8') : req.body.toString('base64') } : {}),
    isBase64Encoded: !text,
  };
}

export interface HttpAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** The HTTP answer API Gateway makes of the function's result (payload v2 rules). */
export function fromApiGatewayResult(result: APIGatewayProxyResultV2): HttpAnswer {
  if (typeof result === 'string' || typeof result !== 'object' || result === null || !('statusCode' in result || 'body' in result)) {
    // A result that is not a structured response is the body of a 200 JSON answer.
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body, 'utf8') };
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  const raw = result.body ?? '';
  return {
    statusCode: result.statusCode ?? 200,
    headers,
    body: result.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8'),
  };
}
