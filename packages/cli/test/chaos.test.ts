/**
 * `npm run chaos` as a command (src/chaos.ts), in-process with the run itself
 * scripted (the real run is test/chaos/chaos.test.ts): the files it writes to
 * --out (stale ones from an earlier run removed first), the report and the one
 * verdict line on stdout, progress on stderr, and the exit code — 0 on PASS,
 * 1 on FAIL and when the run stops before its end.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderOutcome } from '@medins/contract';
import type { CityRunResult } from '@medins/embedded';
import type { Outcome } from '@medins/engine';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChaosOptions, ChaosReport } from '../src/chaos/run.ts';
import { type ChaosIo, chaos, parseChaosArgs } from '../src/chaos.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const outDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'medins-chaos-cmd-'));
  dirs.push(d);
  return d;
};

const CLEAN: ChaosReport = {
  delivered: 12,
  duplicatesInjected: 3,
  faultsInjected: { eligibility: 1, settlement: 0, family: 0, memberEvent: 2, notification: 1 },
  faultsAfterWrite: 1,
  publishFaults: { before: 1, after: 1 },
  redriven: 1,
  hotFamilyClaims: 6,
  hotFamilyPaidByHolder: 2,
  doubleApplied: 0,
  doublePaid: 0,
  held: 2,
  decisionsSent: 3,
  reviewFaults: { resumeBefore: 1, resumeAfter: 0, closeAfterWrite: 1, closeCrash: 0 },
  stillHeld: 0,
  heldWithoutOpenReview: 0,
  lost: 0,
  reserveBreaches: 0,
  negativeBalances: 0,
  notificationsLost: 0,
  notificationsRepeated: 2,
  notificationsUnderNewId: 0,
  reconciled: true,
  problems: [],
};

const OUTCOME = { results: [], balances: {} } as unknown as Outcome;
/** The smallest valid scenario: report.html is drawn from it. */
const SCENARIO = { version: 1, plans: [], providers: [], members: [], events: [] };

/** A chaos run that reports three events and returns `report`, recording the options it was given. */
function scripted(report: ChaosReport | Error) {
  const given: ChaosOptions[] = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: ChaosIo = {
    run: async (options) => {
      given.push(options);
      if (report instanceof Error) throw report;
      options.onStarted?.(3, 'DynamoDB Local 3, fauxqs 1, ASL 2');
      for (let i = 0; i < 3; i++) options.onFinished?.({ id: `c${i}`, type: 'claim' });
      return { report, run: { scenario: SCENARIO, outcome: OUTCOME } as unknown as CityRunResult };
    },
    stdout: { write: (s: string) => stdout.push(s) },
    stderr: { write: (s: string) => stderr.push(s), isTTY: false },
  };
  return { io, given, stdout, stderr };
}

describe('the chaos command', () => {
  it('writes scenario.json, outcome.json, chaos.json and report.html, prints the report and PASS, and exits 0', async () => {
    // Prepare: a notifications file left by an earlier run.
    const out = outDir();
    writeFileSync(join(out, 'notifications.jsonl'), '{"stale":true}\n');
    const { io, given, stdout, stderr } = scripted(CLEAN);
    // Act
    const code = await chaos(parseChaosArgs(['--claims', '50', '--seed', '4', '--out', out]), io);
    // Assess
    expect(code).toBe(0);
    expect(given).toHaveLength(1);
    expect(given[0]).toMatchObject({
      claims: 50,
      seed: 4,
      duplicates: 0.3,
      faults: 0.1,
      concurrency: 16,
      notificationsFile: join(out, 'notifications.jsonl'),
    });
    expect(existsSync(join(out, 'notifications.jsonl'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'scenario.json'), 'utf8'))).toEqual(SCENARIO);
    expect(readFileSync(join(out, 'outcome.json'), 'utf8')).toBe(renderOutcome(OUTCOME));
    expect(JSON.parse(readFileSync(join(out, 'chaos.json'), 'utf8'))).toEqual(CLEAN);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>[\s\S]*id="throughput"/);
    expect(stdout.join('')).toBe(`${JSON.stringify(CLEAN, null, 2)}\nPASS\n`);
    expect(stderr[0]).toBe('Chaos: 3 events, duplicates 0.3, faults 0.1, 16 workers; DynamoDB Local 3, fauxqs 1, ASL 2\n');
    expect(stderr.at(-1)).toMatch(/^events: 3\/3 \(100%\) [\d.]+\/s in \d+s\n$/);
  });

  it('ends with FAIL and what failed, and exits 1, when something did not hold', async () => {
    // Prepare
    const { io, stdout } = scripted({ ...CLEAN, lost: 2, reconciled: false, problems: ['replay differs at event c1 (position 4)'] });
    // Act
    const code = await chaos(parseChaosArgs(['--out', outDir()]), io);
    // Assess
    expect(code).toBe(1);
    expect(stdout.join('').trimEnd().split('\n').at(-1)).toBe(
      'FAIL: 2 events lost, not reconciled (replay differs at event c1 (position 4))',
    );
  });

  it('says FAIL and why when the run stops before its end, writes no result files, and exits 1', async () => {
    // Prepare
    const out = outDir();
    const { io, stdout, stderr } = scripted(new Error('DynamoDB Local did not start'));
    // Act
    const code = await chaos(parseChaosArgs(['--out', out]), io);
    // Assess
    expect(code).toBe(1);
    expect(stdout).toEqual(['FAIL: the run stopped before its end (DynamoDB Local did not start)\n']);
    expect(stderr).toEqual(['chaos run failed: DynamoDB Local did not start\n']);
    expect(existsSync(join(out, 'chaos.json'))).toBe(false);
  });
});
