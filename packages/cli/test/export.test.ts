/**
 * `npm run export -- fhir DIR` (src/export.ts): a run's settled claims as FHIR R4,
 * one ExplanationOfBenefit per settled claim and one Bundle, each valid against
 * HL7's R4 JSON schema; patients masked; a bad command line or input exits 2
 * naming what is wrong.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fhirErrors } from '../../../functions/test/support/fhir-schema.ts';
import { runExportCommand } from '../src/export.ts';

const EXAMPLES = join(import.meta.dirname, '../../../../shared/contract/examples');
const root = mkdtempSync(join(tmpdir(), 'medins-export-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A run directory made of a contract example: its scenario and its expected outcome. */
function runDir(stem: string): string {
  const dir = mkdtempSync(join(root, `${stem}-`));
  copyFileSync(join(EXAMPLES, `${stem}.scenario.json`), join(dir, 'scenario.json'));
  copyFileSync(join(EXAMPLES, `${stem}.expected.json`), join(dir, 'outcome.json'));
  return dir;
}

describe('the export command', () => {
  it('writes one valid ExplanationOfBenefit per settled claim and a valid Bundle of them', () => {
    const stem = '07-quote-reversal-viewers';
    const dir = runDir(stem);
    const expected = JSON.parse(readFileSync(join(dir, 'outcome.json'), 'utf8')) as { results: { type: string; status: string }[] };
    const settled = expected.results.filter((r) => r.type === 'claim' && r.status === 'settled').length;

    const result = runExportCommand(['fhir', dir], () => new Date('2021-12-31T00:00:00Z'));

    expect(result).toMatchObject({ code: 0, stderr: '' });
    const files = readdirSync(join(dir, 'fhir')).sort();
    expect(files.filter((f) => f !== 'bundle.json')).toHaveLength(settled);
    expect(settled).toBeGreaterThan(0);
    const names = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')).members.map((m: { name: string }) => m.name);
    for (const file of files) {
      const text = readFileSync(join(dir, 'fhir', file), 'utf8');
      const resource = JSON.parse(text);
      expect(fhirErrors(file === 'bundle.json' ? 'Bundle' : 'ExplanationOfBenefit', resource), file).toEqual([]);
      for (const name of names) expect(text).not.toContain(`"${name}"`);
    }
    const bundle = JSON.parse(readFileSync(join(dir, 'fhir', 'bundle.json'), 'utf8'));
    expect([bundle.type, bundle.timestamp, bundle.entry.length]).toEqual(['collection', '2021-12-31T00:00:00.000Z', settled]);
    expect(bundle.entry.some((e: { resource: { status: string } }) => e.resource.status === 'cancelled')).toBe(true);
  }, 120_000);

  it('exits 2 naming the format, a missing file or an invalid outcome; --help exits 0', () => {
    const dir = runDir('01-quzhou-inpatient-all-tiers');
    const empty = mkdtempSync(join(root, 'empty-'));

    expect(runExportCommand(['csv', dir])).toMatchObject({ code: 2, stderr: 'FORMAT: must be fhir, not csv\n' });
    expect(runExportCommand(['fhir', empty]).stderr).toMatch(/^cannot read .*scenario\.json: ENOENT/);
    expect(runExportCommand(['fhir'])).toMatchObject({ code: 2 });
    expect(runExportCommand(['--help'])).toMatchObject({ code: 0 });
    writeFileSync(join(dir, 'outcome.json'), '{"results": 3}');
    expect(runExportCommand(['fhir', dir])).toMatchObject({ code: 2, stderr: 'outcome.json: results: must be the array of results\n' });
  });
});
