/** HTTP answers: JSON bodies, errors that name the field and the rule, never a stack trace. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { allowedMethods } from './routes.ts';

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

export const problem = (
  statusCode: number,
  code: string,
  message: string,
  issues?: readonly { path: string; message: string }[],
  headers: Record<string, string> = {},
) => json(statusCode, { error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}) } }, headers);

/** Seconds a caller should wait before asking a queued event's route again. */
export const RETRY_AFTER_S = 1;

/** 202: accepted and queued; the outcome will be at `location`. */
export const queued = (key: string, location: string) =>
  json(202, { eventId: key, status: 'queued', outcome: location }, { location, 'retry-after': String(RETRY_AFTER_S) });

/** The one answer for an id that does not exist and for one that is not the caller's (no existence oracle). */
export const notFound = () => problem(404, 'NOT_FOUND', 'no event or member by that id for this caller');

/**
 * No route for this method and path: 405 with `Allow` when the path is served with
 * other methods, else 404 (the local gateway and the function answer alike).
 */
export function noRoute(method: string, rawPath: string): APIGatewayProxyStructuredResultV2 {
  const allow = allowedMethods(rawPath);
  return allow.length > 0
    ? problem(405, 'METHOD_NOT_ALLOWED', `${method} is not served at ${rawPath}: use ${allow.join(', ')}`, undefined, {
        allow: allow.join(', '),
      })
    : problem(404, 'NO_ROUTE', `no route ${method} ${rawPath}`);
}
