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
import { renderOutcome } from '@medins/contract';
import type { Witness } from '@medins/embedded';
import { insurerRunOf } from '@medins/insurer';
import { generateWorkload, reviewerDecision } from '@medins/workload';
import { defineCommand, integer, oneOf, runAsMain, text, type Values } from './args.ts';
import { writeCsvExports } from './export/csv.ts';
import { renderSummary } from './main/report.ts';
import { summarize } from './main/summary.ts';
import { claimClock, writeReportHtml } from './report/html.ts';
import { progress } from './report/progress.ts';

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

/** What the job writes besides notifications.jsonl and handlers.log; a new run removes them first. */
const OUTPUT_FILES = [
  'scenario.json',
  'outcome.json',
  'summary.json',
  'claims.csv',
  'enrollments.csv',
  'renewals.csv',
  'policies.csv',
  'balances.csv',
  'report.html',
];

/**
 * The review workflow's clock in the main job: its 24 h heartbeat passes in about
 * 0.35 s, roughly what a day of the city's timeline takes on 2 cores, so a review
 * that waits long on the timeline times out and escalates to a supervisor as it would.
 */
const REVIEW_TIME_SCALE = 4e-6;

export const DEFAULTS: MainOptions = { members: 1500, claims: 1500, seed: 7, concurrency: 8, out: 'out', logLevel: 'INFO' };

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

export const mainCommand = defineCommand({
  name: 'npm start --',
  summary:
    'The main job: generates a city year from the seed (members, families, an enrollment rush, a year of claims, a renewal campaign), ' +
    'runs it on the embedded stack (queues, workflows, DynamoDB Local), prints a summary and writes scenario.json, outcome.json, ' +
    'summary.json, notifications.jsonl, handlers.log, the CSV exports (claims, enrollments, renewals, policies, balances) and report.html (charts) to --out. Exit 0 when the run reconciles, 1 when not, 2 for bad arguments.',
  options: {
    members: { type: 'string', value: 'N', help: 'members in the generated city', parse: integer(1), default: DEFAULTS.members },
    claims: { type: 'string', value: 'N', help: 'claims in the year', parse: integer(0), default: DEFAULTS.claims },
    seed: { type: 'string', value: 'S', help: 'the seed: the same seed, the same city', parse: integer(0), default: DEFAULTS.seed },
    concurrency: { type: 'string', value: 'K', help: 'queue workers per queue', parse: integer(1), default: DEFAULTS.concurrency },
    out: { type: 'string', value: 'DIR', help: 'where the files go', parse: text, default: DEFAULTS.out },
    'log-level': {
      type: 'string',
      value: 'LEVEL',
      help: "the handlers' log level in handlers.log: DEBUG, INFO, WARN or ERROR (default LOG_LEVEL, else INFO)",
      parse: oneOf(LOG_LEVELS, { ignoreCase: true }),
    },
    'data-dir': {
      type: 'string',
      value: 'DIR',
      help: 'keep the tables here: a run stopped halfway resumes when started again with the same flags',
      parse: text,
    },
  },
});

/** The main job's options from its command line (LOG_LEVEL when --log-level is absent); throws a UsageError. */
export function parseMainArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): MainOptions {
  return mainOptions(mainCommand.parse(args).values, env);
}

function mainOptions(values: Values<typeof mainCommand.spec.options>, env: NodeJS.ProcessEnv): MainOptions {
  const logLevel =
    values['log-level'] ??
    (env.LOG_LEVEL === undefined ? DEFAULTS.logLevel : oneOf(LOG_LEVELS, { ignoreCase: true })(env.LOG_LEVEL, 'LOG_LEVEL'));
  return {
    members: values.members,
    claims: values.claims,
    seed: values.seed,
    concurrency: values.concurrency,
    out: values.out,
    logLevel,
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  };
}

/** `witness`: an auditor of everything the handlers send and return (the personal-data scan). */
export async function runMain(options: MainOptions, witness?: Witness): Promise<{ reconciled: boolean }> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  mkdirSync(options.out, { recursive: true });
  const file = (name: string) => join(options.out, name);
  for (const name of [...OUTPUT_FILES, 'notifications.jsonl', 'handlers.log']) rmSync(file(name), { force: true });

  const doc = generateWorkload({ members: options.members, claims: options.claims, seed: options.seed, review: true }) as unknown as Record<
    string,
    unknown
  > & {
    events: { id: string; type: string }[];
  };
  log(`Workload: ${options.members} members, ${doc.events.length} events (seed ${options.seed}); starting the embedded stack…`);

  const { startEmbedded, runCity } = await import('@medins/embedded');
  const embedded = await startEmbedded({
    concurrency: options.concurrency,
    notificationsFile: file('notifications.jsonl'),
    logFile: file('handlers.log'),
    logLevel: options.logLevel,
    reviewTimeScale: REVIEW_TIME_SCALE,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(witness ? { witness } : {}),
  });
  try {
    const v = embedded.stack.versions;
    log(
      `Stack up in ${(embedded.stack.startupMs.total / 1000).toFixed(1)} s: ${v.dynamodb}, ${v.sqs}, ${v.stepFunctions}; ${options.concurrency} workers per queue.`,
    );
    const bar = progress('events', doc.events.length);
    const clock = claimClock();
    if (options.dataDir) log(`Tables kept in ${options.dataDir}: a run stopped halfway resumes when started again.`);
    const run = await runCity(embedded, doc, {
      window: options.concurrency * 2,
      onFinished: (event) => {
        bar.tick();
        clock.onFinished(event);
      },
      // The city's reviewers: each held claim decided on its reviewer's time (the same decision for the same seed).
      reviewers: (claim) => [reviewerDecision(claim as never, options.seed)],
      resume: options.dataDir !== undefined,
      onResume: (applied) =>
        applied > 0 &&
        log(`Resuming: ${applied} outcomes already in the tables; every event is sent again, applied ones answer with their result.`),
    });
    bar.done();
    const notificationsSent = readFileSync(file('notifications.jsonl'), { encoding: 'utf8', flag: 'a+' })
      .split('\n')
      .filter(Boolean).length;
    const insurer = insurerRunOf(run.scenario, run.outcome);
    let escalated = 0;
    for (const item of run.items)
      if (item.type === 'claim' && item.status === 'held')
        escalated += ((await embedded.store.readReviewTask(item.eventId))?.escalations ?? 0) > 0 ? 1 : 0;
    const summary = summarize(doc as never, run, embedded.stack.versions, notificationsSent, insurer, escalated);
    writeFileSync(file('scenario.json'), `${JSON.stringify(run.scenario, null, 2)}\n`);
    writeFileSync(file('outcome.json'), renderOutcome(run.outcome));
    writeFileSync(file('summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    const csv = writeCsvExports(insurer, options.out);
    const report = writeReportHtml(options.out, insurer, {
      title: `Main job: ${options.members} members, ${options.claims} claims, seed ${options.seed}`,
      throughput: clock.throughput(),
    });
    process.stdout.write(renderSummary(summary));
    process.stdout.write(
      `\nWrote ${[file('scenario.json'), file('outcome.json'), file('summary.json'), file('notifications.jsonl'), ...csv, report].join(', ')}\n`,
    );
    return { reconciled: summary.reconciled };
  } finally {
    await embedded.stop();
  }
}

/**
 * The command: runs the job; exit 0 when it reconciles, 1 when it does not or
 * when it fails (one line on stderr, no stack trace).
 *
 * @example
 * ```ts
 * const code = await mainJob(parseMainArgs(['--members', '150', '--claims', '150']));
 * ```
 */
export async function mainJob(
  options: MainOptions,
  run: (options: MainOptions) => Promise<{ reconciled: boolean }> = runMain,
  stderr: { write(s: string): unknown } = process.stderr,
): Promise<number> {
  try {
    const { reconciled } = await run(options);
    return reconciled ? 0 : 1;
  } catch (e) {
    stderr.write(`main job failed: ${(e as Error).message}\n`);
    return 1;
  }
}

if (import.meta.main) runAsMain(mainCommand, ({ values }) => mainJob(mainOptions(values, process.env)));
