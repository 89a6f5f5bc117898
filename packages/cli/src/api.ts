/**
 * `npm run api -- --port P [--scenario FILE | --members N --seed S]`: the cloud
 * stack's HTTP API (the real `api/http` function) on the embedded stack, served
 * with node:http so an integrator can try it with curl. Submissions go through
 * the real queue and workflow; reads come from the tables.
 *
 * The caller is named by the header `x-medins-principal: <IAM ARN>` (on AWS the
 * SigV4 signature names it); four demo principals, one per role, are registered
 * on start and printed with the URL and ready-to-paste curl commands.
 * Ctrl-C stops everything. Exit 2 for bad arguments or an invalid scenario.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ContractError } from '@medins/contract';
import { demoFromScenarioText, demoFromWorkload, type DemoWorld } from './api/demo.ts';
import { PRINCIPAL_HEADER } from './api/gateway.ts';
import { startLocalApi, type LocalApi } from './api/local-api.ts';
import { probePort } from './api/server.ts';
import { describeContractError } from './scenario.ts';

export const USAGE =
  'usage: npm run api -- [--port P] [--host H] [--scenario FILE | --members N --seed S] [--concurrency K] [--log-file FILE] [--quiet]';

export interface ApiOptions {
  readonly port: number;
  readonly host: string;
  readonly scenario?: string;
  readonly members: number;
  readonly seed: number;
  readonly concurrency: number;
  readonly logFile?: string;
  /** No access log lines on stderr. */
  readonly quiet: boolean;
  readonly help: boolean;
}

export const HELP = `${USAGE}

Serves the cloud stack's HTTP API (the real api/http function) on the embedded stack:
POST /claims /quotes /reversals /enrollments /bindings, GET /events/{eventId},
GET /members/{memberId}/balances. Submissions go through the real queue and workflow.

The world: --scenario FILE (a scenario document; its events are not applied), or a
generated city of --members N (default 200) with --seed S (default 7).

The caller: on AWS, API Gateway verifies the SigV4 signature and hands the function the
caller's IAM ARN; locally the header "x-medins-principal: <IAM ARN>" names it. The ARN must
be registered (catalog item principal|<arn>) with a role: operations, insurer (regions),
provider (provider ids) or member (member id). One demo principal per role is registered
on start and printed with ready-to-paste curl commands.

--port P (default 8080; 0 picks a free one), --host H (default 127.0.0.1),
--concurrency K queue workers per queue (default 2), --log-file FILE handler logs,
--quiet no access log on stderr. Ctrl-C stops the server, the workers and the stack.
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseApiArgs(args: readonly string[]): ApiOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        scenario: { type: 'string' },
        members: { type: 'string' },
        seed: { type: 'string' },
        concurrency: { type: 'string' },
        'log-file': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const int = (name: string, v: string | undefined, fallback: number, min: number, max: number) => {
    if (v === undefined) return fallback;
    const x = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(x) || x < min || x > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
    return x;
  };
  if (values.scenario !== undefined && (values.members !== undefined || values.seed !== undefined)) {
    throw new UsageError('--scenario and --members/--seed are alternatives: the world comes from one or the other');
  }
  return {
    port: int('port', values.port, 8080, 0, 65_535),
    host: values.host ?? '127.0.0.1',
    ...(values.scenario !== undefined ? { scenario: values.scenario } : {}),
    members: int('members', values.members, 200, 1, 100_000),
    seed: int('seed', values.seed, 7, 0, Number.MAX_SAFE_INTEGER),
    concurrency: int('concurrency', values.concurrency, 2, 1, 64),
    ...(values['log-file'] !== undefined ? { logFile: values['log-file'] } : {}),
    quiet: values.quiet ?? false,
    help: values.help ?? false,
  };
}

/** The demo world: the scenario file's (validated), or a generated city. */
export function loadWorld(options: ApiOptions): DemoWorld {
  if (options.scenario === undefined) return demoFromWorkload({ members: options.members, seed: options.seed });
  let text: string;
  try {
    text = readFileSync(options.scenario, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${options.scenario}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  return demoFromScenarioText(text, options.scenario);
}

/** What the command prints once the API is up. */
export function banner(api: LocalApi, world: DemoWorld): string {
  const events = world.doc.events?.length ?? 0;
  const lines = [
    `medins HTTP API on the embedded stack: ${api.url}`,
    `World: ${world.source}: ${world.doc.members.length} members, ${world.doc.providers.length} providers${events > 0 ? ` (its ${events} events are not applied: send them)` : ''}.`,
    '',
    'Routes: POST /claims /quotes /reversals /enrollments /bindings · GET /events/{eventId} · GET /members/{memberId}/balances',
    `Caller: header ${PRINCIPAL_HEADER}: <IAM ARN> (stands for the SigV4 identity API Gateway verifies on AWS). Registered principals:`,
    ...api.principals.map((p) => `  ${p.principal.role.padEnd(10)} ${p.arn}\n  ${''.padEnd(10)} may: ${p.scope}`),
    '',
    'Try:',
    ...api.examples.map((c) => `  ${c}`),
    '',
    'A submission answers 202 with its outcome URL; poll it until it is there (settled or rejected). Ctrl-C stops.',
  ];
  return `${lines.join('\n')}\n`;
}

/** Starts the API on the world (see local-api.ts); access log lines on stderr unless quiet. */
export function startApi(options: ApiOptions, world: DemoWorld): Promise<LocalApi> {
  return startLocalApi({
    world,
    port: options.port,
    host: options.host,
    concurrency: options.concurrency,
    ...(options.logFile ? { logFile: options.logFile } : {}),
    ...(options.quiet ? {} : { onRequest: (r) => process.stderr.write(`${r.method} ${r.path} → ${r.status} (${r.ms} ms)\n`) }),
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const exit = (code: number, message?: string) => {
    if (message) process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
    process.stdout.write('', () => process.exit(code));
  };
  let options: ApiOptions | undefined;
  let world: DemoWorld | undefined;
  try {
    options = parseApiArgs(process.argv.slice(2));
    if (options.help) {
      process.stdout.write(HELP);
      options = undefined;
    } else world = loadWorld(options);
  } catch (e) {
    if (e instanceof ContractError) exit(2, describeContractError(e));
    else if (e instanceof UsageError || e instanceof RangeError) exit(2, `${e.message}\n${USAGE}`);
    else exit(1, `api failed: ${(e as Error).message}`);
  }
  if (options && world) {
    const port = options.port;
    let api: LocalApi | undefined;
    let stopping = false;
    const shutDown = async (running: LocalApi) => {
      try {
        await running.stop();
        exit(0, 'Stopped.');
      } catch (e) {
        exit(1, `stop failed: ${(e as Error).message}`);
      }
    };
    const onSignal = (signal: string) => {
      if (stopping) {
        process.stderr.write('Forced exit.\n');
        process.exit(130);
      }
      stopping = true;
      process.stderr.write(`\n${signal}: stopping the server, the workers and the stack…\n`);
      if (api) void shutDown(api); // else: stopped as soon as the start finishes
    };
    process.on('SIGINT', () => onSignal('SIGINT'));
    process.on('SIGTERM', () => onSignal('SIGTERM'));
    try {
      if (port !== 0) await probePort(port, options.host);
      process.stderr.write('Starting the embedded stack…\n');
      api = await startApi(options, world);
      if (stopping) await shutDown(api);
      else process.stdout.write(banner(api, world));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why =
        err.code === 'EADDRINUSE' ? `port ${port} is in use (try --port 0 for a free one)`
        : err.code === 'EACCES' ? `port ${port} needs privileges (try a port above 1023)`
        : err.message;
      exit(1, `api failed: ${why}`);
    }
  }
}
