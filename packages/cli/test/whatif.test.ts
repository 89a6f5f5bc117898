/**
 * `npm run whatif` (src/whatif.ts): without --set the variant is the baseline; with a
 * change it writes whatif.json and whatif-claims.csv and prints both sides; a bad
 * parameter or file exits 2 naming it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute } from '../src/args.ts';
import { renderWhatIf, runWhatIf, whatIfCommand } from '../src/whatif.ts';
import { capture, makeRunDir } from './support/run-dir.ts';

const dir = makeRunDir({ members: 200, claims: 300, seed: 6 });
const scenario = join(dir, 'scenario.json');

const command = async (argv: string[]) => {
  const { out, io } = capture();
  const code = await execute(
    whatIfCommand,
    argv,
    ({ values }) => {
      io.stdout.write(renderWhatIf(runWhatIf(values.scenario ?? '', [...values.set, ...values.premium], values.out)));
      return 0;
    },
    io,
  );
  return { code, ...out };
};

describe('npm run whatif', () => {
  it('without --set, equals the baseline exactly', async () => {
    const out = join(dir, 'same');
    const r = await command(['--scenario', scenario, '--out', out]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^no parameter changed: the variant is the baseline/);
    expect(r.stdout).toContain('every result identical to the baseline');
    const report = JSON.parse(readFileSync(join(out, 'whatif.json'), 'utf8'));
    expect(report.variant).toEqual(report.baseline);
    expect(report.identical).toBe(true);
  });

  it('with a lower deductible and a higher ratio, prints and writes both sides', async () => {
    const out = join(dir, 'variant');
    const r = await command([
      '--scenario',
      scenario,
      '--set',
      'huiqubao-2024.R2.deductibleFen=500000',
      '--set',
      'huiqubao-2024.R1.ratio=0.6',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('huiqubao-2024.R2.deductibleFen: 1000000 → 500000');
    expect(r.stdout).toMatch(/Loss ratio per product year/);
    const report = JSON.parse(readFileSync(join(out, 'whatif.json'), 'utf8'));
    expect(report.variant.supplementaryFen).toBeGreaterThanOrEqual(report.baseline.supplementaryFen);
    expect(readFileSync(join(out, 'whatif-claims.csv'), 'utf8').startsWith('\uFEFFclaim_id,')).toBe(true);
  });

  it('takes --premium PRODUCT=FEN for a product’s premium, and writes report.html', async () => {
    const out = join(dir, 'premium');
    const r = await command(['--scenario', scenario, '--premium', 'huiqubao-2025=15000', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('huiqubao-2025.premiumFen: 11000 → 15000');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/id="whatif-paid"/);
    const bad = await command(['--scenario', scenario, '--premium', 'huiqubao-2025=1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--premium must be PRODUCT=FEN, got "huiqubao-2025=1.5"/);
  });

  it('refuses a parameter that breaks the contract or names nothing, and a missing file, with exit 2', async () => {
    const out = join(dir, 'bad');
    const ratio = await command(['--scenario', scenario, '--set', 'huiqubao-2024.R1.ratio=1.6', '--out', out]);
    expect(ratio.code).toBe(2);
    expect(ratio.stderr).toMatch(/responsibilities\[0\]\.ratio: must be a ratio between 0 and 1/);
    const malformed = await command(['--scenario', scenario, '--set', 'ratio']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/--set: a parameter is PLAN.PATH=NUMBER/);
    const missing = await command(['--scenario', join(dir, 'nope.json'), '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json/);
    expect(existsSync(out)).toBe(false);
  });
});
