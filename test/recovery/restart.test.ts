/**
 * Recovery: the main job with a data directory, killed (SIGKILL: no exit
 * handler runs) in the middle of its run and started again with the same flags,
 * resumes — the world is not loaded twice, applied events answer with their
 * first result — and ends with exactly the outcome of a run never interrupted:
 * the same result for every event and the same balances. (Independent events of
 * the two queues may interleave differently in two runs; each run's own serial
 * replay is checked by its reconciliation.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '../../packages/cli/src/main.ts');
const WORKLOAD = ['--members', '90', '--claims', '90', '--seed', '5', '--concurrency', '1'];
const root = mkdtempSync(join(tmpdir(), 'medins-restart-'));

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs the main job; `killWhen` sees stderr so far and may ask for a SIGKILL. */
function main(args: readonly string[], killWhen?: (stderr: string) => boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (killWhen?.(stderr) && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** True once the progress shows some events done and many left. */
const halfway = (stderr: string) => {
  const m = [...stderr.matchAll(/events: (\d+)\/(\d+)/g)].at(-1);
  return m !== undefined && Number(m[1]) >= 10 && Number(m[1]) < Number(m[2]) * 0.7;
};

describe('a run killed halfway and started again', () => {
  const uninterrupted = join(root, 'uninterrupted');
  const resumed = join(root, 'resumed');
  const dataDir = join(root, 'tables');
  let killed: Run;
  let restarted: Run;

  beforeAll(async () => {
    const [reference, first] = await Promise.all([
      main([...WORKLOAD, '--out', uninterrupted]),
      main([...WORKLOAD, '--out', join(root, 'killed'), '--data-dir', dataDir], halfway),
    ]);
    expect(reference.code).toBe(0);
    killed = first;
    restarted = await main([...WORKLOAD, '--out', resumed, '--data-dir', dataDir]);
  }, 240_000);

  it('was killed in the middle of its events', () => {
    expect(killed.signal).toBe('SIGKILL');
    const applied = Number(/Resuming: (\d+) outcomes/.exec(restarted.stderr)?.[1] ?? 0);
    expect(applied).toBeGreaterThan(0);
  });

  it('resumes to exactly the outcome of the uninterrupted run, reconciled', () => {
    expect(restarted.code).toBe(0);
    type Outcome = { results: { id: string }[]; balances: Record<string, unknown> };
    const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'outcome.json'), 'utf8')) as Outcome;
    const byId = (o: Outcome) => Object.fromEntries(o.results.map((r) => [r.id, r]));
    const [a, b] = [read(uninterrupted), read(resumed)];
    expect(b.results).toHaveLength(a.results.length);
    expect(byId(b)).toEqual(byId(a));
    expect(b.balances).toEqual(a.balances);
    const summary = JSON.parse(readFileSync(join(resumed, 'summary.json'), 'utf8')) as { reconciled: boolean; claims: { failed: number } };
    expect(summary.reconciled).toBe(true);
    expect(summary.claims.failed).toBe(0);
  });
});
