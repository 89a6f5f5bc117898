/**
 * The local HTTP server in front of the API function (src/api/server.ts), with a
 * scripted function: what API Gateway itself answers (no such route, no caller
 * identity, a body over the limit) is answered here in the function's problem
 * format without calling it; everything else is the function's answer unchanged;
 * a function that throws is a 500 that says nothing more. Real sockets, no stack.
 */
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { PRINCIPAL_HEADER } from '../../src/api/gateway.ts';
import { type ApiServer, probePort, startApiServer } from '../../src/api/server.ts';

const ARN = 'arn:aws:iam::000000000000:user/demo-operations';
const LIMIT = 64;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One request over a real socket; the body as given, or `declared` as its content-length with only a part sent. */
function send(url: string, method: string, path: string, o: { headers?: Record<string, string>; body?: string; declared?: number } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(`${url}${path}`, {
      method,
      headers: { ...(o.headers ?? {}), ...(o.declared !== undefined ? { 'content-length': String(o.declared) } : {}) },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (o.declared !== undefined) req.write('x'.repeat(16));
    else req.end(o.body);
  });
}

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server whose function answers `answer` (or throws it), recording the events it was given and each access line. */
async function serveWith(answer: APIGatewayProxyResultV2 | Error, host?: string) {
  const events: APIGatewayProxyEventV2WithIAMAuthorizer[] = [];
  const lines: { method: string; path: string; status: number }[] = [];
  server = await startApiServer({
    invoke: async (event) => {
      events.push(event);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    maxBodyBytes: LIMIT,
    verifyMemberToken: async () => null,
    ...(host ? { host } : {}),
    onRequest: ({ method, path, status }) => lines.push({ method, path, status }),
  });
  return { server, events, lines };
}

describe('startApiServer', () => {
  it("hands the function API Gateway's event and answers with what it returns, the request id beside it", async () => {
    // Prepare
    const s = await serveWith({ statusCode: 202, headers: { 'Content-Type': 'application/json' }, body: '{"accepted":true}' });
    // Act
    const a = await send(s.server.url, 'POST', '/claims?dry=1', { headers: { [PRINCIPAL_HEADER]: ARN }, body: '{"id":"c1"}' });
    // Assess
    expect(s.server.url).toBe(`http://127.0.0.1:${s.server.port}`);
    expect([a.status, a.headers['content-type'], a.body]).toEqual([202, 'application/json', '{"accepted":true}']);
    expect(s.events).toHaveLength(1);
    expect(s.events[0]).toMatchObject({
      routeKey: 'POST /claims',
      rawPath: '/claims',
      rawQueryString: 'dry=1',
      body: '{"id":"c1"}',
      requestContext: { authorizer: { iam: { userArn: ARN } }, http: { method: 'POST', sourceIp: '127.0.0.1', protocol: 'HTTP/1.1' } },
    });
    expect(a.headers['apigw-requestid']).toBe(s.events[0]!.requestContext.requestId);
    expect(s.lines).toEqual([{ method: 'POST', path: '/claims', status: 202 }]);
  });

  it('answers 405 (Allow) for another method of a served path, 404 for a path not served, 403 without a caller identity, without calling the function', async () => {
    // Prepare
    const s = await serveWith({ statusCode: 200, body: '' });
    // Act
    const wrongMethod = await send(s.server.url, 'DELETE', '/claims', { headers: { [PRINCIPAL_HEADER]: ARN } });
    const noRoute = await send(s.server.url, 'GET', '/nowhere', { headers: { [PRINCIPAL_HEADER]: ARN } });
    const anonymous = await send(s.server.url, 'POST', '/claims', { body: '{}' });
    // Assess
    expect([wrongMethod.status, wrongMethod.headers.allow]).toEqual([405, 'POST']);
    expect(JSON.parse(wrongMethod.body).error).toEqual({
      code: 'METHOD_NOT_ALLOWED',
      message: 'DELETE is not served at /claims: use POST',
    });
    expect(noRoute.status).toBe(404);
    expect(JSON.parse(noRoute.body).error).toEqual({ code: 'NO_ROUTE', message: 'no route GET /nowhere' });
    expect(anonymous.status).toBe(403);
    expect(JSON.parse(anonymous.body).error).toEqual({
      code: 'FORBIDDEN',
      message: `no caller identity: send the header ${PRINCIPAL_HEADER}: <IAM ARN> (locally it stands for the SigV4 signature)`,
      issues: [{ path: `headers.${PRINCIPAL_HEADER}`, message: 'is required' }],
    });
    expect(noRoute.headers['apigw-requestid']).toBe('local');
    expect(s.events).toEqual([]);
    expect(s.lines.map((l) => l.status)).toEqual([405, 404, 403]);
  });

  it('answers 413 for a body over the limit and closes the connection, without calling the function', async () => {
    // Prepare
    const s = await serveWith({ statusCode: 200, body: '' });
    // Act
    const a = await send(s.server.url, 'POST', '/claims', { headers: { [PRINCIPAL_HEADER]: ARN }, body: 'x'.repeat(LIMIT + 1) });
    // Assess
    expect(a.status).toBe(413);
    expect(a.headers.connection).toBe('close');
    expect(JSON.parse(a.body).error).toEqual({ code: 'TOO_LARGE', message: `the body is larger than ${LIMIT} bytes` });
    expect(s.events).toEqual([]);
  });

  it('answers 413 at once, without reading on, for a body declared over the drain limit', async () => {
    // Prepare
    const s = await serveWith({ statusCode: 200, body: '' });
    // Act: 11 MB declared, a few bytes sent.
    const a = await send(s.server.url, 'POST', '/claims', { headers: { [PRINCIPAL_HEADER]: ARN }, declared: 11 * 1024 * 1024 });
    // Assess
    expect(a.status).toBe(413);
    expect(s.events).toEqual([]);
  });

  it('answers 500 saying nothing more when the function throws', async () => {
    // Prepare
    const s = await serveWith(new Error('secret detail /work/functions/src/api/http.ts:12'));
    // Act
    const a = await send(s.server.url, 'GET', '/members/m-1/balances', { headers: { [PRINCIPAL_HEADER]: ARN } });
    // Assess
    expect(a.status).toBe(500);
    expect(JSON.parse(a.body).error).toEqual({ code: 'INTERNAL', message: 'the request could not be completed; it changed nothing' });
    expect(a.body).not.toContain('secret');
  });

  it('shows a server listening on every address as 127.0.0.1, and closes once however often asked', async () => {
    // Prepare
    const s = await serveWith({ statusCode: 200, body: '' }, '0.0.0.0');
    // Act
    const first = s.server.close();
    const second = s.server.close();
    await Promise.all([first, second]);
    // Assess
    expect(s.server.url).toBe(`http://127.0.0.1:${s.server.port}`);
    expect(first).toBe(second);
    expect(s.server.server.listening).toBe(false);
  });
});

describe('probePort', () => {
  it('resolves for a free port and fails with EADDRINUSE for a taken one', async () => {
    // Prepare
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      // Act / Assess
      await expect(probePort(0)).resolves.toBeUndefined();
      await expect(probePort(port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      taken.close();
    }
  });
});
