/** HTTP answers: JSON bodies, errors that name the field and the rule, never a stack trace. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

export const problem = (statusCode: number, code: string, message: string, issues?: readonly { path: string; message: string }[]) =>
  json(statusCode, { error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}) } });
