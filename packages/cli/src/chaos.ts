/**
 * `npm run chaos -- --claims N --duplicates P --faults Q --concurrency K --seed S --out DIR`:
 * the workload of the main job under duplicate deliveries, injected failures at
 * every step and a hot family, then a dead-letter redrive; writes scenario.json
 * (events in serial order), outcome.json (from the tables) and chaos.json (counted
 * from the tables and the ledger), prints the counts, and ends with one line:
 * `PASS`, or `FAIL: ` and what failed (chaos/verdict.ts). Exit 0 on PASS: nothing
 * applied twice or lost, no reserve breached, no balance negative, every
 * notification published at least once and every repeat under its first id
 * (faults also hit inside the notification window: after the commit, before and
 * after a publish), and the run reconciles.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOutcome } from '@medins/contract';
import { insurerRunOf } from '@medins/insurer';
import { decimal, defineCommand, integer, runAsMain, text, type Values } from './args.ts';
import { runChaos } from './chaos/run.ts';
import { chaosVerdict } from './chaos/verdict.ts';
import { claimClock, writeReportHtml } from './report/html.ts';
import { type ProgressStream, progress } from './report/progress.ts';

export { chaosPassed, chaosVerdict } from './chaos/verdict.ts';

export const chaosCommand = defineCommand({
  name: 'npm run chaos --',
  summary:
    'The main job under duplicate deliveries (some while the first copy is in flight), failures injected at every step, ' +
    'a burst of claims on one family at the reserve, then a dead-letter redrive. Writes scenario.json, outcome.json, chaos.json and report.html ' +
    'to --out, prints the counts and ends with one line: PASS, or FAIL: and what failed. Exit 0 on PASS, 1 on FAIL, 2 for bad arguments.',
  options: {
    claims: { type: 'string', value: 'N', help: 'claims in the workload', parse: integer(1), default: 600 },
    duplicates: {
      type: 'string',
      value: 'P',
      help: 'share of messages delivered twice or more',
      parse: decimal(0, 1, 'a share between 0 and 1'),
      default: 0.3,
    },
    faults: {
      type: 'string',
      value: 'Q',
      help: 'probability that a step fails',
      parse: decimal(0, 1, 'a probability between 0 and 1'),
      default: 0.1,
    },
    concurrency: { type: 'string', value: 'K', help: 'queue workers per queue', parse: integer(1), default: 16 },
    seed: { type: 'string', value: 'S', help: 'the seed of the workload and of the faults', parse: integer(0), default: 11 },
    out: { type: 'string', value: 'DIR', help: 'where the files go', parse: text, default: 'out/chaos' },
  },
});

export type ChaosArgs = Values<typeof chaosCommand.spec.options>;

/** The chaos run's options from its command line; throws a UsageError. */
export function parseChaosArgs(args: readonly string[]): ChaosArgs {
  return chaosCommand.parse(args).values;
}

/** What the command runs and where it prints: this process's, unless a test hands its own. */
export interface ChaosIo {
  /** The chaos run itself (chaos/run.ts). */
  readonly run: typeof runChaos;
  readonly stdout: { write(s: string): unknown };
  /** The progress bar and the failure line go here. */
  readonly stderr: ProgressStream;
}

const PROCESS_IO: ChaosIo = { run: runChaos, stdout: process.stdout, stderr: process.stderr };

/**
 * Runs, writes the files, prints the report and the verdict line; the exit code
 * (0 on PASS, 1 on FAIL or when the run stops before its end).
 *
 * @example
 * ```ts
 * const code = await chaos(parseChaosArgs(['--claims', '200', '--out', 'out/chaos']));
 * ```
 */
export async function chaos(o: ChaosArgs, io: ChaosIo = PROCESS_IO): Promise<number> {
  try {
    mkdirSync(o.out, { recursive: true });
    for (const f of ['scenario.json', 'outcome.json', 'chaos.json', 'notifications.jsonl', 'report.html'])
      rmSync(join(o.out, f), { force: true });
    let bar: ReturnType<typeof progress> | undefined;
    const clock = claimClock();
    const { report, run } = await io.run({
      ...o,
      notificationsFile: join(o.out, 'notifications.jsonl'),
      onStarted: (events, versions) => {
        io.stderr.write(`Chaos: ${events} events, duplicates ${o.duplicates}, faults ${o.faults}, ${o.concurrency} workers; ${versions}\n`);
        bar = progress('events', events, io.stderr);
      },
      onFinished: (event) => {
        bar?.tick();
        clock.onFinished(event);
      },
    });
    bar?.done();
    writeFileSync(join(o.out, 'scenario.json'), `${JSON.stringify(run.scenario, null, 2)}\n`);
    writeFileSync(join(o.out, 'outcome.json'), renderOutcome(run.outcome));
    writeFileSync(join(o.out, 'chaos.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeReportHtml(o.out, insurerRunOf(run.scenario, run.outcome), {
      title: `Chaos run: ${o.claims} claims, duplicates ${o.duplicates}, faults ${o.faults}, seed ${o.seed}`,
      throughput: clock.throughput(),
    });
    const verdict = chaosVerdict(report);
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n${verdict}\n`);
    return verdict === 'PASS' ? 0 : 1;
  } catch (e) {
    io.stderr.write(`chaos run failed: ${(e as Error).message}\n`);
    io.stdout.write(`FAIL: the run stopped before its end (${(e as Error).message})\n`);
    return 1;
  }
}

if (import.meta.main) runAsMain(chaosCommand, ({ values }) => chaos(values));
