/**
 * `npm start`: the main job. Generates a realistic city year (reproducible by
 * seed), runs it on the embedded stack — claims concurrently through the queue
 * and the workflow — shows progress, prints a summary and writes to --out:
 * scenario.json (the workload, events in commit order), outcome.json (read back
 * from the tables), summary.json and notifications.jsonl (masked). Handler logs
 * go to DIR/handlers.log at --log-level (default INFO; LOG_LEVEL also works).
 * With --data-dir the tables survive the process: killed halfway and started again
 * with the same flags, the run resumes (applied events answer with their result).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderOutcome } from '@medins/contract';
import { generateWorkload } from '@medins/workload';
import { progress } from './report/progress.ts';
import { renderSummary } from './main/report.ts';
import { summarize } from './main/summary.ts';

export interface MainOptions {
  readonly members: number;
  readonly claims: number;
  readonly seed: number;
  readonly concurrency: number;
  readonly out: string;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Keep the tables here; a run started again on the same directory resumes where it stopped. */
  readonly dataDir?: string;
}

export const DEFAULTS: MainOptions = { members: 1500, claims: 1500, seed: 7, concurrency: 8, out: 'out', logLevel: 'INFO' };

const USAGE = 'usage: npm start -- [--members N] [--claims N] [--seed S] [--concurrency K] [--out DIR] [--log-level DEBUG|INFO|WARN|ERROR] [--data-dir DIR]';

export function parseMainArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): MainOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      members: { type: 'string' },
      claims: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      out: { type: 'string' },
      'log-level': { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const int = (name: string, v: string | undefined, fallback: number, min: number) => {
    if (v === undefined) return fallback;
    const x = Number(v);
    if (!Number.isSafeInteger(x) || x < min) throw new RangeError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
    return x;
  };
  const level = (values['log-level'] ?? env.LOG_LEVEL ?? DEFAULTS.logLevel).toUpperCase();
  if (!['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(level)) throw new RangeError(`--log-level must be DEBUG, INFO, WARN or ERROR, got ${JSON.stringify(level)}`);
  return {
    members: int('members', values.members, DEFAULTS.members, 1),
    claims: int('claims', values.claims, DEFAULTS.claims, 0),
    seed: int('seed', values.seed, DEFAULTS.seed, 0),
    concurrency: int('concurrency', values.concurrency, DEFAULTS.concurrency, 1),
    out: values.out ?? DEFAULTS.out,
    logLevel: level as MainOptions['logLevel'],
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  };
}

export async function runMain(options: MainOptions): Promise<{ reconciled: boolean }> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  mkdirSync(options.out, { recursive: true });
  const file = (name: string) => join(options.out, name);
  for (const name of ['scenario.json', 'outcome.json', 'summary.json', 'notifications.jsonl', 'handlers.log']) rmSync(file(name), { force: true });

  const doc = generateWorkload({ members: options.members, claims: options.claims, seed: options.seed }) as unknown as Record<string, unknown> & {
    events: { id: string; type: string }[];
  };
  log(`Workload: ${options.members} members, ${doc.events.length} events (seed ${options.seed}); starting the embedded stack…`);

  const { startEmbedded, runCity } = await import('@medins/embedded');
  const embedded = await startEmbedded({
    concurrency: options.concurrency,
    notificationsFile: file('notifications.jsonl'),
    logFile: file('handlers.log'),
    logLevel: options.logLevel,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  try {
    const v = embedded.stack.versions;
    log(`Stack up in ${(embedded.stack.startupMs.total / 1000).toFixed(1)} s: ${v.dynamodb}, ${v.sqs}, ${v.stepFunctions}; ${options.concurrency} workers per queue.`);
    const bar = progress('events', doc.events.length);
    if (options.dataDir) log(`Tables kept in ${options.dataDir}: a run stopped halfway resumes when started again.`);
    const run = await runCity(embedded, doc, {
      window: options.concurrency * 2,
      onFinished: () => bar.tick(),
      resume: options.dataDir !== undefined,
      onResume: (applied) => applied > 0 && log(`Resuming: ${applied} outcomes already in the tables; every event is sent again, applied ones answer with their result.`),
    });
    bar.done();
    const notificationsSent = readFileSync(file('notifications.jsonl'), { encoding: 'utf8', flag: 'a+' }).split('\n').filter(Boolean).length;
    const summary = summarize(doc as never, run, embedded.stack.versions, notificationsSent);
    writeFileSync(file('scenario.json'), `${JSON.stringify(run.scenario, null, 2)}\n`);
    writeFileSync(file('outcome.json'), renderOutcome(run.outcome));
    writeFileSync(file('summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    process.stdout.write(renderSummary(summary));
    process.stdout.write(`\nWrote ${file('scenario.json')}, ${file('outcome.json')}, ${file('summary.json')}, ${file('notifications.jsonl')}\n`);
    return { reconciled: summary.reconciled };
  } finally {
    await embedded.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let code = 0;
  try {
    const { reconciled } = await runMain(parseMainArgs(process.argv.slice(2)));
    code = reconciled ? 0 : 1;
  } catch (e) {
    const err = e as Error;
    const usage = err instanceof RangeError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`${usage ? `${err.message}\n${USAGE}` : `main job failed: ${err.message}`}\n`);
    code = usage ? 2 : 1;
  }
  process.stdout.write('', () => process.exit(code));
}
