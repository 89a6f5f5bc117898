/**
 * `npm run export -- FORMAT DIR` (src/export.ts): the csv subcommand writes the four
 * files of a run's folder; an unknown format, a folder that is not a run, or a
 * malformed outcome exits 2 naming it and writes nothing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRunDir, runExportArgs } from './support/run-dir.ts';

const run = runExportArgs;

describe('npm run export', () => {
  const dir = makeRunDir();

  it('csv writes claims, enrollments, renewals, policies and balances beside the run, each with a BOM', async () => {
    const r = await run(['csv', dir]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    for (const name of ['claims.csv', 'enrollments.csv', 'renewals.csv', 'policies.csv', 'balances.csv']) {
      expect(r.stdout).toContain(join(dir, name));
      const text = readFileSync(join(dir, name), 'utf8');
      expect(text.startsWith('\uFEFF'), name).toBe(true);
      expect(text.split('\r\n').length, name).toBeGreaterThan(2);
    }
  });

  it('writes elsewhere with --to', async () => {
    const to = join(mkdtempSync(join(tmpdir(), 'medins-export-')), 'csv');
    expect((await run(['csv', dir, '--to', to])).code).toBe(0);
    expect(readdirSync(to).sort()).toEqual(['balances.csv', 'claims.csv', 'enrollments.csv', 'policies.csv', 'renewals.csv']);
  });

  it('refuses an unknown format, naming the ones it has', async () => {
    const r = await run(['xlsx', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/FORMAT must be one of csv.*"xlsx"/);
  });

  it('refuses a folder that is not a run, and an outcome of the wrong shape, writing nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'medins-export-'));
    const missing = await run(['csv', empty]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*scenario\.json: ENOENT/);
    writeFileSync(join(empty, 'scenario.json'), readFileSync(join(dir, 'scenario.json')));
    writeFileSync(join(empty, 'outcome.json'), '{"results": {}}');
    const bad = await run(['csv', empty]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/outcome\.json: results must be a list/);
    writeFileSync(join(empty, 'scenario.json'), '{"version": 1}');
    writeFileSync(join(empty, 'outcome.json'), '{"results": [], "balances": {}}');
    const invalid = await run(['csv', empty]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/invalid scenario/);
    expect(existsSync(join(empty, 'claims.csv'))).toBe(false);
  });

  it('answers --help with the formats and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FORMAT.*csv: claims\.csv/);
  });
});
