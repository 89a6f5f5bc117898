/**
 * `npm run api` as an integrator meets it:
 * - its arguments (bad ones exit 2 with the usage; an invalid scenario exits 2
 *   naming the field, before anything starts);
 * - what it hands the function: API Gateway's payload v2 event with the IAM
 *   authorizer's context (routes, path parameters, headers, cookies, base64);
 * - the real command in a child process: it prints the URL, the principals and
 *   curl commands that work when pasted into a shell (the claim settles, its
 *   outcome and the balances read back), and Ctrl-C (SIGINT) stops the server,
 *   the workers and the stack — DynamoDB Local's JVM included — with exit 0.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { demoFromWorkload, demoPrincipals, demoSample, exampleCommands, shellQuote } from '../../packages/cli/src/api/demo.ts';
import { fromApiGatewayResult, matchRoute, principalOf, toApiGatewayEvent } from '../../packages/cli/src/api/gateway.ts';
import { parseApiArgs } from '../../packages/cli/src/api.ts';
import { looksLikeStackTrace } from './support/state.ts';

const ROOT = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const API = join(ROOT, 'packages/cli/src/api.ts');

/** Runs the command to its end (for the cases that exit at once). */
async function command(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [API, ...args], { cwd: ROOT, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('arguments', () => {
  it('parses the options and refuses bad ones', () => {
    expect(parseApiArgs(['--port', '0', '--members', '30', '--seed', '3'])).toMatchObject({
      port: 0,
      members: 30,
      seed: 3,
      host: '127.0.0.1',
    });
    expect(parseApiArgs(['--scenario', 'x.json'])).toMatchObject({ scenario: 'x.json', port: 8080, dataDir: 'out/api' });
    expect(parseApiArgs(['--data-dir', '/tmp/k', '--now', '2024-04-01T10:00:00+08:00'])).toMatchObject({
      dataDir: '/tmp/k',
      startAt: Date.parse('2024-04-01T10:00:00+08:00'),
    });
    expect(() => parseApiArgs(['--now', '2024-04-01'])).toThrow('--now must be an ISO 8601 time with an offset');
    for (const bad of [
      ['--port', '70000'],
      ['--port', 'x'],
      ['--members', '0'],
      ['--members', '1.5'],
      ['--scenario', 'x', '--members', '3'],
      ['--nope'],
      ['stray'],
    ]) {
      expect(() => parseApiArgs(bad), bad.join(' ')).toThrow();
    }
  });

  it('exits 2 with the usage or the field at fault, never a stack trace, before starting anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medins-api-'));
    try {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify({ version: 1, plans: [], providers: [], members: [{ id: 'm 1' }], events: [] }));
      const invalid = await command(['--scenario', file]);
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toMatch(/^invalid scenario: members\[0\]/);
      const usage = await command(['--port', 'eighty']);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('usage: npm run api');
      const missing = await command(['--scenario', join(dir, 'none.json')]);
      expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('cannot read')]);
      for (const r of [invalid, usage, missing]) expect(looksLikeStackTrace(r.stderr)).toBe(false);
      const help = await command(['--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('x-medins-principal: <IAM ARN>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('API Gateway’s side, locally', () => {
  it('matches the routes of the HttpApi construct, with decoded path parameters', () => {
    expect(matchRoute('POST', '/claims')).toEqual({ routeKey: 'POST /claims', auth: 'iam' });
    expect(matchRoute('GET', '/me/balances')).toEqual({ routeKey: 'GET /me/balances', auth: 'member' });
    expect(matchRoute('GET', '/events/a%2Fb')).toEqual({
      routeKey: 'GET /events/{eventId}',
      auth: 'iam',
      pathParameters: { eventId: 'a/b' },
    });
    expect(matchRoute('GET', '/members/m-1/balances')).toEqual({
      routeKey: 'GET /members/{memberId}/balances',
      auth: 'iam',
      pathParameters: { memberId: 'm-1' },
    });
    expect(matchRoute('GET', '/events/%E0%A4%A')?.pathParameters).toEqual({ eventId: '%E0%A4%A' }); // kept as written
    for (const [m, p] of [
      ['GET', '/claims'],
      ['POST', '/events/x'],
      ['GET', '/events/'],
      ['GET', '/events/a/b'],
      ['POST', '/claims/'],
      ['GET', '/__proto__'],
    ]) {
      expect(matchRoute(m!, p!), `${m} ${p}`).toBeNull();
    }
  });

  it('builds the payload v2 event with the IAM authorizer context, and reads the answer back', () => {
    const event = toApiGatewayEvent(
      {
        method: 'POST',
        url: '/claims?x=1&x=2',
        headers: {
          'Content-Type': 'application/json',
          'X-Medins-Principal': 'arn:aws:iam::000000000000:user/a',
          cookie: 'a=1; b=2',
          host: 'localhost:8080',
        },
        body: Buffer.from('{"a":1}'),
      },
      { routeKey: 'POST /claims' },
      'arn:aws:iam::000000000000:user/a',
    );
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /claims',
      rawPath: '/claims',
      rawQueryString: 'x=1&x=2',
      queryStringParameters: { x: '1,2' },
      cookies: ['a=1', 'b=2'],
      body: '{"a":1}',
      isBase64Encoded: false,
      requestContext: {
        authorizer: { iam: { userArn: 'arn:aws:iam::000000000000:user/a', userId: 'a' } },
        http: { method: 'POST', path: '/claims' },
        stage: '$default',
      },
    });
    expect(event.headers['content-type']).toBe('application/json');
    const binary = toApiGatewayEvent(
      { method: 'POST', url: '/claims', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 255]) },
      { routeKey: 'POST /claims' },
      'x',
    );
    expect([binary.isBase64Encoded, binary.body]).toEqual([true, 'AP8=']);
    expect(principalOf({ 'x-medins-principal': '  ' })).toBeUndefined();
    expect(principalOf({ 'X-MEDINS-PRINCIPAL': ' arn:x ' })).toBe('arn:x');
    const answer = fromApiGatewayResult({ statusCode: 202, headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect([answer.statusCode, answer.headers['content-type'], answer.body.toString()]).toEqual([202, 'application/json', '{}']);
  });

  it('picks a demo that can settle: an active, covered member with an account, a designated hospital, one principal per service role', async () => {
    const world = demoFromWorkload({ members: 40, seed: 5 });
    const sample = demoSample(world.doc);
    const member = world.doc.members.find((m) => m.id === sample.memberId)!;
    expect([member.status, member.scheme, !!member.personalAccount]).toEqual(['active', 'employee', true]);
    expect(world.doc.providers.find((p) => p.id === sample.providerId)).toMatchObject({ designated: true, type: 'hospital' });
    const principals = demoPrincipals(world.doc, sample);
    expect(principals.map((p) => p.principal.role)).toEqual(['operations', 'insurer', 'provider', 'reviewer']);
    const commands = await exampleCommands('http://127.0.0.1:1', sample, principals, async (kind, id) => `${kind}-token-${id}`);
    expect(commands).toHaveLength(3);
    expect(commands[0]).toContain(`x-medins-credential: voucher-token-${sample.memberId}`);
    expect(commands[0]).not.toMatch(/"at"|cardHolderId/);
    expect(commands[2]).toContain(`authorization: Bearer member-token-${sample.memberId}`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe('the command, in a child process', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints curl commands that work when pasted, and stops everything on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'medins-api-keys-'));
    child = spawn(process.execPath, [API, '--port', '0', '--members', '40', '--seed', '5', '--quiet', '--data-dir', dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 90_000;
    while (!stdout.includes('Ctrl-C stops')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the API did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout)![0];
    for (const role of ['operations', 'insurer', 'provider', 'reviewer'])
      expect(stdout).toMatch(new RegExp(`^  ${role}\\s+arn:aws:iam::`, 'm'));
    const curls = stdout
      .split('\n')
      .filter((l) => l.startsWith('  curl '))
      .map((l) => l.trim());
    expect(curls).toHaveLength(3);

    // The JVM the command started (DynamoDB Local) must go when it stops.
    const { stdout: ps } = await run('ps', ['-o', 'pid=,args=', '--ppid', String(child.pid)]);
    const jvms = ps
      .split('\n')
      .filter((l) => /java/.test(l))
      .map((l) => Number(l.trim().split(/\s+/)[0]));
    expect(jvms.length).toBeGreaterThan(0);

    const sh = async (cmd: string) => JSON.parse((await run('sh', ['-c', cmd], { timeout: 15_000 })).stdout) as Record<string, unknown>;
    expect(stdout).toContain('npm run --silent credential -- voucher MEMBER_ID');
    expect(await sh(curls[0]!)).toEqual({ status: 'queued', eventId: 'demo-claim-1', outcome: '/events/demo-claim-1' });
    let outcome: Record<string, unknown> = {};
    for (let i = 0; i < 200 && outcome.status !== 'settled'; i++) {
      outcome = await sh(curls[1]!);
      if (outcome.status !== 'settled') await new Promise((r) => setTimeout(r, 100));
    }
    expect(outcome).toMatchObject({ id: expect.stringMatching(/^svc-[0-9a-f]{16}:demo-claim-1$/), status: 'settled' });
    const balances = await sh(curls[2]!);
    expect(balances).toHaveProperty('currentFen');
    expect(curls[0]).toContain(url);

    // `npm run credential` signs with the keys of the same data directory: its voucher is taken, a foreign one is not.
    const CREDENTIAL = join(ROOT, 'packages/cli/src/credential.ts');
    const memberId = /"memberId":"([^"]+)"/.exec(curls[0]!)![1]!;
    const voucher = (await run(process.execPath, [CREDENTIAL, 'voucher', memberId, '--data-dir', dataDir], { cwd: ROOT })).stdout.trim();
    const otherDir = mkdtempSync(join(tmpdir(), 'medins-api-keys-'));
    const foreign = (await run(process.execPath, [CREDENTIAL, 'voucher', memberId, '--data-dir', otherDir], { cwd: ROOT })).stdout.trim();
    const claimBody = /-d '(\{.*\})'$/.exec(curls[0]!)![1]!.replace('demo-claim-1', 'demo-claim-2');
    const provider = /x-medins-principal: (arn:[^']+)'/.exec(curls[0]!)![1]!;
    const post = (token: string) =>
      fetch(`${url}/claims`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-medins-principal': provider, 'x-medins-credential': token },
        body: claimBody,
      });
    expect((await post(foreign)).status).toBe(401);
    expect((await post(voucher)).status).toBe(202);
    rmSync(otherDir, { recursive: true, force: true });

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('Stopped.');
    expect(looksLikeStackTrace(stderr)).toBe(false);
    for (const pid of jvms) expect(() => process.kill(pid, 0), `JVM ${pid} still running`).toThrow();
    rmSync(dataDir, { recursive: true, force: true });
    await expect(fetch(`${url}/claims`, { method: 'POST' })).rejects.toThrow();
  }, 120_000);
});
