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
import { ContractError } from '@medins/contract';
import { routeLines } from '@medins/functions/api/routes';
import { type DemoWorld, demoFromScenarioText, demoFromWorkload } from './api/demo.ts';
import { PRINCIPAL_HEADER } from './api/gateway.ts';
import { type LocalApi, startLocalApi } from './api/local-api.ts';
import { probePort } from './api/server.ts';
import { defineCommand, instant, integer, runAsMain, text, UsageError, type Values } from './args.ts';
import { DEFAULT_DATA_DIR, loadOrCreateKeys } from './credential-keys.ts';
import { describeContractError } from './scenario.ts';

export { UsageError } from './args.ts';

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
  /** Where the credential keys live (shared with `npm run credential`). */
  readonly dataDir: string;
  /** The server's clock starts here (ms); default the system clock. */
  readonly startAt?: number;
}

const DEFAULT_MEMBERS = 200;
const DEFAULT_SEED = 7;

export const apiCommand = defineCommand({
  name: 'npm run api --',
  synopsis: '[--port P] [--host H] [--scenario FILE | --members N --seed S] [--concurrency K] [--log-file FILE] [--quiet]',
  summary:
    "Serves the cloud stack's HTTP API (the real api/http function) on the embedded stack. Submissions go through the real queue " +
    'and workflow; reads come from the tables. Ctrl-C stops the server, the workers and the stack.',
  options: {
    port: { type: 'string', value: 'P', help: 'the port; 0 picks a free one', parse: integer(0, 65_535), default: 8080 },
    host: { type: 'string', value: 'H', help: 'the address to listen on', parse: text, default: '127.0.0.1' },
    scenario: { type: 'string', value: 'FILE', help: 'the world of a scenario document (its events are not applied)', parse: text },
    members: {
      type: 'string',
      value: 'N',
      help: `or a generated city of N members (default ${DEFAULT_MEMBERS})`,
      parse: integer(1, 100_000),
    },
    seed: { type: 'string', value: 'S', help: `the generated city's seed (default ${DEFAULT_SEED})`, parse: integer(0) },
    concurrency: { type: 'string', value: 'K', help: 'queue workers per queue', parse: integer(1, 64), default: 2 },
    'log-file': { type: 'string', value: 'FILE', help: 'where the handlers log', parse: text },
    quiet: { type: 'boolean', help: 'no access log on stderr' },
    'data-dir': {
      type: 'string',
      value: 'DIR',
      help: `where the credential keys are kept, generated on first use (default ${DEFAULT_DATA_DIR}); npm run credential uses the same`,
      parse: text,
      default: DEFAULT_DATA_DIR,
    },
    now: {
      type: 'string',
      value: 'TIME',
      help: 'start the server’s clock at this ISO 8601 time (a demo world’s year); it then runs on. Default: the system clock',
      parse: instant,
    },
  },
  details: `Routes:
${routeLines().join('\n')}
The caller: on AWS, API Gateway verifies the SigV4 signature and hands the function the
caller's IAM ARN (a role session is looked up as its role); locally the header
"${PRINCIPAL_HEADER}: <IAM ARN>" names it. The ARN must be registered (catalog item
principal|<arn>) with a role: operations, insurer (regions), provider (provider ids) or reviewer (regions;
npm run --silent review -- decide CLAIM_ID approve|reject sends its decisions).
Members call the member routes with "Authorization: Bearer <token>" (npm run credential --
member MEMBER_ID). A claim or a quote carries the patient's e-voucher in the header
x-medins-credential (npm run credential -- voucher MEMBER_ID). Every submission is stamped
with the server's clock: a body carrying "at" is refused. One demo principal per service
role is registered on start and printed with ready-to-paste curl commands.
Exit 2 for bad arguments or an invalid scenario (before anything starts), 1 when the stack fails.`,
});

export const USAGE = apiCommand.usage;

/** The API's options from its command line; throws a UsageError. */
export function parseApiArgs(args: readonly string[]): ApiOptions {
  return apiOptions(apiCommand.parse(args).values);
}

function apiOptions(values: Values<typeof apiCommand.spec.options>): ApiOptions {
  if (values.scenario !== undefined && (values.members !== undefined || values.seed !== undefined)) {
    throw new UsageError('--scenario and --members/--seed are alternatives: the world comes from one or the other', {
      entity: '--scenario',
    });
  }
  return {
    port: values.port,
    host: values.host,
    ...(values.scenario !== undefined ? { scenario: values.scenario } : {}),
    members: values.members ?? DEFAULT_MEMBERS,
    seed: values.seed ?? DEFAULT_SEED,
    concurrency: values.concurrency,
    ...(values['log-file'] !== undefined ? { logFile: values['log-file'] } : {}),
    quiet: values.quiet,
    dataDir: values['data-dir'],
    ...(values.now !== undefined ? { startAt: values.now } : {}),
  };
}

/** The demo world: the scenario file's (validated), or a generated city. */
export function loadWorld(options: ApiOptions): DemoWorld {
  if (options.scenario === undefined) return demoFromWorkload({ members: options.members, seed: options.seed });
  let text: string;
  try {
    text = readFileSync(options.scenario, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${options.scenario}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`, {
      entity: '--scenario',
      cause: e,
    });
  }
  return demoFromScenarioText(text, options.scenario);
}

/** What the command prints once the API is up. */
export function banner(api: LocalApi, world: DemoWorld, dataDir = DEFAULT_DATA_DIR): string {
  const events = world.doc.events?.length ?? 0;
  const lines = [
    `medins HTTP API on the embedded stack: ${api.url}`,
    `World: ${world.source}: ${world.doc.members.length} members, ${world.doc.providers.length} providers${events > 0 ? ` (its ${events} events are not applied: send them)` : ''}.`,
    '',
    'Routes:',
    ...routeLines(),
    `Service callers: header ${PRINCIPAL_HEADER}: <IAM ARN> (stands for the SigV4 identity API Gateway verifies on AWS). Registered principals:`,
    ...api.principals.map((p) => `  ${p.principal.role.padEnd(10)} ${p.arn}\n  ${''.padEnd(10)} may: ${p.scope}`),
    `Members: Authorization: Bearer <token>. Credentials (signed with the keys in ${dataDir}):`,
    `  npm run --silent credential -- voucher MEMBER_ID   the patient's e-voucher, header x-medins-credential (5 minutes)`,
    '  npm run --silent credential -- face MEMBER_ID      a face verification, header x-medins-face-verification (5 minutes)',
    `  npm run --silent credential -- member MEMBER_ID    a member's bearer token (1 hour)`,
    `The server's clock: ${new Date(api.now()).toISOString()} (every submission is stamped with it).`,
    '',
    'Try:',
    ...api.examples.map((c) => `  ${c}`),
    '',
    'A submission answers 202 with its outcome URL; poll it until it is there (settled or rejected). Ctrl-C stops.',
  ];
  return `${lines.join('\n')}\n`;
}

/** Starts the API on the world (see local-api.ts); access log lines on stderr unless quiet. */
export async function startApi(options: ApiOptions, world: DemoWorld): Promise<LocalApi> {
  return startLocalApi({
    world,
    port: options.port,
    host: options.host,
    concurrency: options.concurrency,
    keys: await loadOrCreateKeys(options.dataDir),
    ...(options.startAt !== undefined ? { startAt: options.startAt } : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
    ...(options.quiet ? {} : { onRequest: (r) => process.stderr.write(`${r.method} ${r.path} → ${r.status} (${r.ms} ms)\n`) }),
  });
}

/** What the command starts and where it listens and prints: this process's, unless a test hands its own. */
export interface ServeIo {
  /** Starts the API on the world (the embedded stack and the server). */
  readonly start: (options: ApiOptions, world: DemoWorld) => Promise<LocalApi>;
  /** Fails when the port cannot be listened on. */
  readonly probe: (port: number, host: string) => Promise<void>;
  /** Where SIGINT and SIGTERM arrive. */
  readonly signals: { on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  /** A second Ctrl-C while stopping: exit at once. */
  readonly exit: (code: number) => void;
}

const PROCESS_IO: ServeIo = {
  start: startApi,
  probe: probePort,
  signals: process,
  stdout: process.stdout,
  stderr: process.stderr,
  exit: (code) => process.exit(code),
};

/**
 * The command: validates the world before anything starts, serves until SIGINT
 * or SIGTERM, and resolves with the exit code once everything has stopped.
 *
 * @example
 * ```ts
 * const code = await serve(parseApiArgs(['--port', '0', '--members', '40']));
 * ```
 */
export async function serve(options: ApiOptions, io: ServeIo = PROCESS_IO): Promise<number> {
  let world: DemoWorld;
  try {
    world = loadWorld(options);
  } catch (e) {
    if (e instanceof ContractError) {
      io.stderr.write(describeContractError(e));
      return 2;
    }
    throw e; // a UsageError: exit 2 with the usage
  }
  const port = options.port;
  let api: LocalApi | undefined;
  let stopping = false;
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const shutDown = async (running: LocalApi) => {
    try {
      await running.stop();
      io.stderr.write('Stopped.\n');
      finish(0);
    } catch (e) {
      io.stderr.write(`stop failed: ${(e as Error).message}\n`);
      finish(1);
    }
  };
  const onSignal = (signal: string) => {
    if (stopping) {
      io.stderr.write('Forced exit.\n');
      io.exit(130);
      return;
    }
    stopping = true;
    io.stderr.write(`\n${signal}: stopping the server, the workers and the stack…\n`);
    if (api) void shutDown(api); // else: stopped as soon as the start finishes
  };
  io.signals.on('SIGINT', () => onSignal('SIGINT'));
  io.signals.on('SIGTERM', () => onSignal('SIGTERM'));
  try {
    if (port !== 0) await io.probe(port, options.host);
    io.stderr.write('Starting the embedded stack…\n');
    api = await io.start(options, world);
    if (stopping) await shutDown(api);
    else io.stdout.write(banner(api, world, options.dataDir));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'EADDRINUSE'
        ? `port ${port} is in use (try --port 0 for a free one)`
        : err.code === 'EACCES'
          ? `port ${port} needs privileges (try a port above 1023)`
          : err.message;
    io.stderr.write(`api failed: ${why}\n`);
    return 1;
  }
  return finished;
}

if (import.meta.main) runAsMain(apiCommand, ({ values }) => serve(apiOptions(values)));
