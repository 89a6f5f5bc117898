/** Test support: a run's folder as the main job leaves it (scenario.json, outcome.json), made by the engine's replay. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario, renderOutcome } from '@medins/contract';
import { replay } from '@medins/engine';
import { generateWorkload } from '@medins/workload';
import { execute } from '../../src/args.ts';
import { exportCommand, runExport } from '../../src/export.ts';

/** A fresh folder holding a small generated city year and its outcome. */
export function makeRunDir(options: { members?: number; claims?: number; seed?: number } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'medins-run-'));
  const doc = generateWorkload({ members: options.members ?? 200, claims: options.claims ?? 250, seed: options.seed ?? 4 });
  const scenario = parseScenario(doc);
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(doc));
  writeFileSync(join(dir, 'outcome.json'), renderOutcome(replay(scenario.world, scenario.events)));
  return dir;
}

/** Collects what a command writes, for `execute`. */
export function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } },
  };
}

/** Runs `npm run export -- …` in-process: its exit code and what it printed. */
export function runExportArgs(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { out, io } = capture();
  const main = (parsed: Parameters<typeof runExport>[0]) => {
    for (const file of runExport(parsed)) io.stdout.write(`wrote ${file}\n`);
    return 0;
  };
  return execute(exportCommand, argv, main, io).then((code) => ({ code, ...out }));
}
