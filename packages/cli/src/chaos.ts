/**
 * `npm run chaos -- --claims N --duplicates P --faults Q --concurrency K --seed S --out DIR`:
 * the workload of the main job under duplicate deliveries, injected failures at
 * every step and a hot family, then a dead-letter redrive; writes scenario.json
 * (events in serial order), outcome.json (from the tables) and chaos.json (counted
 * from the tables and the ledger). Exit 0 when nothing was applied twice or lost,
 * no reserve was breached, no balance went negative and the run reconciles.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderOutcome } from '@medins/contract';
import { progress } from './report/progress.ts';
import { runChaos, type ChaosReport } from './chaos/run.ts';

const USAGE = 'usage: npm run chaos -- [--claims N] [--duplicates P] [--faults Q] [--concurrency K] [--seed S] [--out DIR]';

export function parseChaosArgs(args: readonly string[]) {
  const { values } = parseArgs({
    args: [...args],
    options: {
      claims: { type: 'string' },
      duplicates: { type: 'string' },
      faults: { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const num = (name: string, v: string | undefined, fallback: number, ok: (x: number) => boolean, rule: string) => {
    if (v === undefined) return fallback;
    const x = Number(v);
    if (!ok(x)) throw new RangeError(`--${name} must be ${rule}, got ${JSON.stringify(v)}`);
    return x;
  };
  const int = (x: number) => Number.isSafeInteger(x) && x >= 1;
  const share = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;
  return {
    claims: num('claims', values.claims, 600, int, 'an integer ≥ 1'),
    duplicates: num('duplicates', values.duplicates, 0.3, share, 'a share between 0 and 1'),
    faults: num('faults', values.faults, 0.1, share, 'a probability between 0 and 1'),
    concurrency: num('concurrency', values.concurrency, 16, int, 'an integer ≥ 1'),
    seed: num('seed', values.seed, 11, (x) => Number.isSafeInteger(x) && x >= 0, 'an integer ≥ 0'),
    out: values.out ?? 'out/chaos',
  };
}

/** Money moved exactly once, nothing lost, no reserve breached, nothing negative, and it reconciles. */
export const chaosPassed = (r: ChaosReport) =>
  r.doubleApplied === 0 && r.lost === 0 && r.reserveBreaches === 0 && r.negativeBalances === 0 && r.notificationsDuplicated === 0 && r.reconciled;

if (import.meta.url === `file://${process.argv[1]}`) {
  let code = 0;
  try {
    const o = parseChaosArgs(process.argv.slice(2));
    mkdirSync(o.out, { recursive: true });
    for (const f of ['scenario.json', 'outcome.json', 'chaos.json', 'notifications.jsonl']) rmSync(join(o.out, f), { force: true });
    let bar: ReturnType<typeof progress> | undefined;
    const { report, run } = await runChaos({
      ...o,
      notificationsFile: join(o.out, 'notifications.jsonl'),
      onStarted: (events, versions) => {
        process.stderr.write(`Chaos: ${events} events, duplicates ${o.duplicates}, faults ${o.faults}, ${o.concurrency} workers; ${versions}\n`);
        bar = progress('events', events);
      },
      onFinished: () => bar?.tick(),
    });
    bar?.done();
    writeFileSync(join(o.out, 'scenario.json'), `${JSON.stringify(run.scenario, null, 2)}\n`);
    writeFileSync(join(o.out, 'outcome.json'), renderOutcome(run.outcome));
    writeFileSync(join(o.out, 'chaos.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    code = chaosPassed(report) ? 0 : 1;
  } catch (e) {
    const err = e as Error;
    const usage = err instanceof RangeError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`${usage ? `${err.message}\n${USAGE}` : `chaos run failed: ${err.message}`}\n`);
    code = usage ? 2 : 1;
  }
  process.stdout.write('', () => process.exit(code));
}
