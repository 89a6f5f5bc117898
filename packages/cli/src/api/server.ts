/**
 * The local HTTP server in front of the API function: node:http, one request at a
 * time handed to the function as API Gateway would (see gateway.ts). What API
 * Gateway itself answers — no such route, no caller identity, a body over the
 * limit — is answered here in the function's own problem format; everything
 * else is the function's answer, unchanged. Never a stack trace.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { noRoute, problem } from '@medins/functions/api/responses';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import {
  bearerOf,
  fromApiGatewayResult,
  type HttpAnswer,
  matchRoute,
  PRINCIPAL_HEADER,
  principalOf,
  toApiGatewayEvent,
  type VerifiedCaller,
} from './gateway.ts';

/** Calls the API function with one event (the real handler, or `route` with its dependencies). */
export type ApiFunction = (event: APIGatewayProxyEventV2WithIAMAuthorizer) => Promise<APIGatewayProxyResultV2>;

export interface ApiServerOptions {
  readonly invoke: ApiFunction;
  /** What the members' JWT authorizer does: the claims of a valid member token, or null (then 401). */
  readonly verifyMemberToken: (token: string) => Promise<Record<string, unknown> | null>;
  /** Bodies larger than this are refused with 413 before the function is called. */
  readonly maxBodyBytes: number;
  readonly port?: number;
  /** Default 127.0.0.1: the demo principals are only a header away, so stay on loopback unless asked. */
  readonly host?: string;
  /** The OpenAPI document (JSON text) served at `GET /openapi.json`; absent: not served. */
  readonly openapi?: string;
  /** Called once per request with its method, path and status (no bodies, no headers: personal data). */
  readonly onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Stops accepting, closes idle and open connections; resolves when the server is closed. */
  close(): Promise<void>;
}

/** Where the local gateway serves the API's OpenAPI document (docs/openapi.json). */
const OPENAPI_PATH = '/openapi.json';

/** Beyond this the connection is dropped instead of read to the end (API Gateway's own payload limit). */
const DRAIN_LIMIT_BYTES = 10 * 1024 * 1024;

const fromProblem = (result: ReturnType<typeof problem>): HttpAnswer => fromApiGatewayResult(result);

type BodyRead = { readonly body: Buffer } | { readonly tooLarge: true; readonly drained: boolean };

/** Reads the body, keeping at most `limit` bytes; a larger body is read on (discarded) up to the drain limit. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) {
      resolve({ tooLarge: true, drained: false });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        if (size > DRAIN_LIMIT_BYTES) {
          req.removeAllListeners('data');
          req.pause();
          resolve({ tooLarge: true, drained: false });
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? { tooLarge: true, drained: true } : { body: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: HttpAnswer, requestId: string, close = false): void {
  if (res.headersSent) return;
  res.writeHead(answer.statusCode, {
    ...answer.headers,
    'content-length': String(answer.body.length),
    'apigw-requestid': requestId,
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(answer.body);
}

/** Fails fast (EADDRINUSE, EACCES…) when the port cannot be listened on, before anything slow starts. */
export function probePort(port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

export function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    let requestId = 'local';
    const reply = (answer: HttpAnswer, close = false) => {
      send(res, answer, requestId, close);
      options.onRequest?.({ method, path, status: answer.statusCode, ms: Math.round(performance.now() - started) });
    };
    try {
      if (method === 'GET' && path === OPENAPI_PATH && options.openapi) {
        req.resume();
        reply({ statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(options.openapi) });
        return;
      }
      const route = matchRoute(method, path);
      if (!route) {
        req.resume();
        reply(fromProblem(noRoute(method, path)));
        return;
      }
      let caller: VerifiedCaller;
      if (route.auth === 'member') {
        // API Gateway's JWT authorizer: a missing or invalid token is its own 401; the function is never called.
        const token = bearerOf(req.headers);
        const claims = token ? await options.verifyMemberToken(token) : null;
        if (!claims) {
          req.resume();
          reply(
            fromProblem(
              problem(
                401,
                'UNAUTHORIZED',
                'this route is for members: send Authorization: Bearer <member token> (npm run credential -- member MEMBER_ID)',
                [{ path: 'headers.authorization', message: token ? 'is not a valid member token' : 'is required' }],
              ),
            ),
          );
          return;
        }
        caller = { jwtClaims: claims };
      } else {
        const principal = principalOf(req.headers);
        if (!principal) {
          req.resume();
          reply(
            fromProblem(
              problem(
                403,
                'FORBIDDEN',
                `no caller identity: send the header ${PRINCIPAL_HEADER}: <IAM ARN> (locally it stands for the SigV4 signature)`,
                [{ path: `headers.${PRINCIPAL_HEADER}`, message: 'is required' }],
              ),
            ),
          );
          return;
        }
        caller = principal;
      }
      const read = await readBody(req, options.maxBodyBytes);
      if ('tooLarge' in read) {
        reply(fromProblem(problem(413, 'TOO_LARGE', `the body is larger than ${options.maxBodyBytes} bytes`)), true);
        if (!read.drained) res.once('finish', () => req.socket.destroy());
        return;
      }
      const event = toApiGatewayEvent(
        {
          method,
          url,
          headers: req.headers,
          body: read.body,
          ...(req.socket.remoteAddress ? { sourceIp: req.socket.remoteAddress } : {}),
          protocol: `HTTP/${req.httpVersion}`,
        },
        route,
        caller,
      );
      requestId = event.requestContext.requestId;
      reply(fromApiGatewayResult(await options.invoke(event)));
    } catch {
      // The function answers its own faults; this is the server's last word, without details.
      reply(fromProblem(problem(500, 'INTERNAL', 'the request could not be completed; it changed nothing')));
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  // Slow or abandoned clients must not hold the server open forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const { port, address, family } = server.address() as AddressInfo;
      const shown = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address;
      const host = family === 'IPv6' && shown !== '127.0.0.1' ? `[${shown}]` : shown;
      let closing: Promise<void> | undefined;
      resolve({
        url: `http://${host}:${port}`,
        port,
        server,
        close: () =>
          (closing ??= new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          })),
      });
    });
  });
}
