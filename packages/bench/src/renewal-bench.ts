/**
 * Renewal campaigns at two sizes, each measured in processes of its own: one
 * writes the world into a DynamoDB Local database on disk, another starts the
 * embedded stack on it and runs only the campaign, so the peak RSS reported is
 * that of a process that walked the policies and nothing else. A campaign that
 * holds one page at a time should need about the same memory at ten times the
 * policies.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchRunError } from './errors.ts';
import { POLICIES_PER_FAMILY } from './worlds.ts';

export interface CampaignRun {
  readonly policies: number;
  readonly seconds: number;
  readonly policiesPerSec: number;
  readonly peakRssMiB: number;
  /** RSS of the campaign process once its stack was up, before the campaign. */
  readonly rssAtStartMiB: number;
  /** The local interpreter's record of the execution (every state's input and output), held until it ends. */
  readonly historyEvents: number;
  readonly historyMiB: number;
  readonly transitions: number;
  readonly seedSeconds: number;
  readonly report: { renewed: number; failed: number; reminded: number; skipped: number };
}

export interface RenewalFigures {
  readonly policies: number[];
  readonly peakRssMiB: number[];
  readonly rssGrowth: number;
  readonly policiesPerSec: number;
  readonly runs: CampaignRun[];
}

const CHILD = join(import.meta.dirname, 'renewal-child.ts');

/** Memory-backed when there is room (DynamoDB Local writes every item to its SQLite file). */
function scratchDir(): string {
  try {
    const fs = statfsSync('/dev/shm');
    if (existsSync('/dev/shm') && fs.bavail * fs.bsize > 2 * 2 ** 30) return '/dev/shm';
  } catch {
    // no /dev/shm here
  }
  return tmpdir();
}

function child(args: string[], progress: (line: string) => void): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      for (const line of d.toString().split('\n')) if (line.trim()) progress(line);
    });
    p.on('error', reject);
    p.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line)
        reject(new BenchRunError(`renewal ${args[0]} exited ${code}: ${err.slice(-2000)}`, { entity: `renewal-child ${args[0]}` }));
      else resolve(JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>);
    });
  });
}

/** Seeds and runs a campaign of (about) `policies` policies; returns what the campaign process measured. */
async function runCampaignOf(policies: number, progress: (line: string) => void = () => {}): Promise<CampaignRun> {
  const families = Math.ceil(policies / POLICIES_PER_FAMILY);
  const dir = mkdtempSync(join(scratchDir(), `medins-renewal-${policies}-`));
  try {
    const t = performance.now();
    await child(['seed', '--families', String(families), '--dir', dir], progress);
    const seedSeconds = (performance.now() - t) / 1000;
    const r = await child(['campaign', '--families', String(families), '--dir', dir], progress);
    return {
      policies: r.policies as number,
      seconds: r.seconds as number,
      policiesPerSec: r.policiesPerSec as number,
      peakRssMiB: r.peakRssMiB as number,
      rssAtStartMiB: r.rssAtStartMiB as number,
      historyEvents: r.historyEvents as number,
      historyMiB: r.historyMiB as number,
      transitions: r.transitions as number,
      seedSeconds,
      report: r.report as CampaignRun['report'],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchRenewal(sizes: readonly [number, number], progress?: (line: string) => void): Promise<RenewalFigures> {
  const runs: CampaignRun[] = [];
  for (const size of sizes) runs.push(await runCampaignOf(size, progress));
  const [small, large] = runs as [CampaignRun, CampaignRun];
  const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    policies: runs.map((r) => r.policies),
    peakRssMiB: runs.map((r) => round(r.peakRssMiB)),
    rssGrowth: round(large.peakRssMiB / small.peakRssMiB, 3),
    policiesPerSec: round(large.policiesPerSec),
    runs,
  };
}
