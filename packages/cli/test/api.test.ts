/**
 * `npm run api` as a command (src/api.ts), in-process with the stack's start
 * scripted (the real command in a child process is test/api/command.test.ts):
 * the world validated before anything starts, the port checked first, what it
 * prints once up, and Ctrl-C — stop everything, exit 0; a second Ctrl-C forces
 * the exit; a signal during the start stops as soon as the start finishes.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routeLines } from '@medins/functions/api/routes';
import { afterAll, describe, expect, it } from 'vitest';
import { demoFromWorkload, demoPrincipals, demoSample } from '../src/api/demo.ts';
import type { LocalApi } from '../src/api/local-api.ts';
import { probePort } from '../src/api/server.ts';
import { type ApiOptions, banner, loadWorld, parseApiArgs, type ServeIo, serve, UsageError } from '../src/api.ts';

const dir = mkdtempSync(join(tmpdir(), 'medins-api-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const URL = 'http://127.0.0.1:4321';

/** What the started API answers with: the demo principals and commands of the world, a stop that can be scripted. */
function fakeApi(options: { stop?: () => Promise<void> } = {}) {
  const world = demoFromWorkload({ members: 40, seed: 5 });
  const sample = demoSample(world.doc);
  const principals = demoPrincipals(world.doc, sample);
  let stops = 0;
  const api = {
    url: URL,
    principals,
    sample,
    // The curl commands as the demo writes them, with stand-in credentials.
    examples: ['curl -s -X POST http://127.0.0.1:8080/claims (demo)', 'curl -s http://127.0.0.1:8080/me/balances (demo)'],
    now: () => Date.parse('2021-03-02T02:00:00Z'),
    stop: async () => {
      stops++;
      await options.stop?.();
    },
  } as unknown as LocalApi;
  return { api, world, stops: () => stops };
}

/** A scripted process: signals to raise, the start to resolve when the test says, everything printed. */
function scriptedIo(start: () => Promise<LocalApi>, probe: ServeIo['probe'] = async () => undefined) {
  const signals = new EventEmitter();
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exits: number[] = [];
  let starts = 0;
  const io: ServeIo = {
    start: () => {
      starts++;
      return start();
    },
    probe,
    signals,
    stdout: { write: (s: string) => stdout.push(s) },
    stderr: { write: (s: string) => stderr.push(s) },
    exit: (code) => void exits.push(code),
  };
  return { io, signals, stdout, stderr, exits, starts: () => starts };
}

const options = (args: string[] = []): ApiOptions => parseApiArgs(['--members', '40', '--seed', '5', ...args]);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('loadWorld', () => {
  it("is a generated city by default, else the scenario file's world", () => {
    // Prepare
    const file = join(dir, 'world.json');
    writeFileSync(file, JSON.stringify(demoFromWorkload({ members: 20, seed: 2 }).doc));
    // Act
    const generated = loadWorld(options());
    const fromFile = loadWorld(parseApiArgs(['--scenario', file]));
    // Assess
    expect(generated.source).toBe('a generated city (40 members, seed 5)');
    expect(generated.doc.members).toHaveLength(40);
    expect(fromFile.source).toBe(file);
    expect(fromFile.doc.members).toHaveLength(20);
  });

  it('refuses a file it cannot read as a usage error naming --scenario', () => {
    // Act / Assess
    expect(() => loadWorld(parseApiArgs(['--scenario', join(dir, 'none.json')]))).toThrow(
      expect.objectContaining({ name: 'UsageError', message: `cannot read ${join(dir, 'none.json')}: ENOENT`, entity: '--scenario' }),
    );
  });
});

describe('banner', () => {
  it('prints the URL, the world, the routes, each principal with what it may do, and the curl commands', () => {
    // Prepare
    const { api, world } = fakeApi();
    const withoutEvents = { ...world, doc: { ...world.doc, events: [] } };
    // Act
    const text = banner(api, withoutEvents);
    const noted = banner(api, world);
    // Assess
    const lines = text.split('\n');
    expect(lines[0]).toBe(`medins HTTP API on the embedded stack: ${URL}`);
    expect(lines[1]).toBe(`World: a generated city (40 members, seed 5): 40 members, ${world.doc.providers.length} providers.`);
    for (const route of routeLines()) expect(lines).toContain(route);
    for (const p of api.principals) {
      expect(text).toContain(`  ${p.principal.role.padEnd(10)} ${p.arn}\n`);
      expect(text).toContain(`may: ${p.scope}\n`);
    }
    for (const c of api.examples) expect(lines).toContain(`  ${c}`);
    expect(text.endsWith('Ctrl-C stops.\n')).toBe(true);
    // A world with events: they are left for the caller to send.
    expect(world.doc.events.length).toBeGreaterThan(0);
    expect(noted.split('\n')[1]).toBe(
      `World: a generated city (40 members, seed 5): 40 members, ${world.doc.providers.length} providers (its ${world.doc.events.length} events are not applied: send them).`,
    );
  });
});

describe('serve', () => {
  it('refuses an invalid scenario with exit 2, naming the field, before probing or starting anything', async () => {
    // Prepare
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ version: 1, plans: [], providers: [], members: [{ id: 'm 1' }], events: [] }));
    let probed = 0;
    const s = scriptedIo(
      async () => fakeApi().api,
      async () => void probed++,
    );
    // Act
    const code = await serve(parseApiArgs(['--scenario', file]), s.io);
    // Assess
    expect(code).toBe(2);
    expect(s.stderr.join('')).toMatch(/^invalid scenario: members\[0\]/);
    expect([probed, s.starts()]).toEqual([0, 0]);
  });

  it('lets a usage error through (the command answers it with exit 2 and the usage)', async () => {
    // Prepare
    const s = scriptedIo(async () => fakeApi().api);
    // Act / Assess
    await expect(serve(parseApiArgs(['--scenario', join(dir, 'none.json')]), s.io)).rejects.toThrow(UsageError);
    expect(s.starts()).toBe(0);
  });

  it('exits 1 before starting the stack when the port is in use, and says to try --port 0', async () => {
    // Prepare: a port this process listens on.
    const busy: Server = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    const s = scriptedIo(async () => fakeApi().api, probePort);
    try {
      // Act
      const code = await serve(options(['--port', String(port)]), s.io);
      // Assess
      expect(code).toBe(1);
      expect(s.stderr).toEqual([`api failed: port ${port} is in use (try --port 0 for a free one)\n`]);
      expect(s.starts()).toBe(0);
    } finally {
      busy.close();
    }
  });

  it('explains a privileged port, and passes on why the start failed otherwise', async () => {
    // Prepare
    const denied = scriptedIo(
      async () => fakeApi().api,
      async () => {
        throw Object.assign(new Error('listen EACCES'), { code: 'EACCES' });
      },
    );
    const broken = scriptedIo(async () => {
      throw new Error('DynamoDB Local did not start');
    });
    // Act
    const deniedCode = await serve(options(['--port', '80']), denied.io);
    const brokenCode = await serve(options(['--port', '0']), broken.io);
    // Assess
    expect([deniedCode, denied.stderr]).toEqual([1, ['api failed: port 80 needs privileges (try a port above 1023)\n']]);
    expect([brokenCode, broken.stderr.at(-1)]).toEqual([1, 'api failed: DynamoDB Local did not start\n']);
  });

  it('prints the banner once up, and on Ctrl-C stops everything and exits 0', async () => {
    // Prepare
    const { api, world } = fakeApi();
    const s = scriptedIo(async () => api);
    // Act
    const served = serve(options(['--port', '0']), s.io);
    while (s.stdout.length === 0) await tick();
    s.signals.emit('SIGINT');
    const code = await served;
    // Assess
    expect(code).toBe(0);
    expect(s.stdout).toEqual([banner(api, world)]);
    expect(s.stderr).toEqual([
      'Starting the embedded stack…\n',
      '\nSIGINT: stopping the server, the workers and the stack…\n',
      'Stopped.\n',
    ]);
  });

  it('forces the exit on a second signal while stopping', async () => {
    // Prepare: a stop that hangs until released.
    let release: () => void = () => undefined;
    const { api } = fakeApi({ stop: () => new Promise<void>((r) => (release = r)) });
    const s = scriptedIo(async () => api);
    // Act
    const served = serve(options(['--port', '0']), s.io);
    while (s.stdout.length === 0) await tick();
    s.signals.emit('SIGTERM');
    s.signals.emit('SIGINT');
    release();
    const code = await served;
    // Assess
    expect(s.exits).toEqual([130]);
    expect(s.stderr).toContain('Forced exit.\n');
    expect(code).toBe(0);
  });

  it('stops as soon as the start finishes when the signal came during it, without printing the banner', async () => {
    // Prepare: a start that finishes when the test says.
    const fake = fakeApi();
    let started: (api: LocalApi) => void = () => undefined;
    const s = scriptedIo(() => new Promise<LocalApi>((r) => (started = r)));
    // Act
    const served = serve(options(['--port', '0']), s.io);
    while (s.starts() === 0) await tick();
    s.signals.emit('SIGTERM');
    started(fake.api);
    const code = await served;
    // Assess
    expect(code).toBe(0);
    expect(fake.stops()).toBe(1);
    expect(s.stdout).toEqual([]);
    expect(s.stderr.at(-1)).toBe('Stopped.\n');
  });

  it('exits 1 when stopping fails, saying why', async () => {
    // Prepare
    const { api } = fakeApi({
      stop: async () => {
        throw new Error('the JVM did not exit');
      },
    });
    const s = scriptedIo(async () => api);
    // Act
    const served = serve(options(['--port', '0']), s.io);
    while (s.stdout.length === 0) await tick();
    s.signals.emit('SIGINT');
    const code = await served;
    // Assess
    expect(code).toBe(1);
    expect(s.stderr.at(-1)).toBe('stop failed: the JVM did not exit\n');
  });
});
