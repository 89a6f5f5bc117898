/**
 * `npm run export -- fhir DIR` (src/export.ts, src/export/fhir.ts): a run's
 * settled claims as FHIR R4, one ExplanationOfBenefit per settled claim and one
 * Bundle, each valid against HL7's R4 JSON schema; patients masked.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fhirErrors } from '../../../functions/test/support/fhir-schema.ts';
import { runExportArgs } from './support/run-dir.ts';

const EXAMPLES = join(import.meta.dirname, '../../../../shared/contract/examples');
const root = mkdtempSync(join(tmpdir(), 'medins-export-fhir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A run directory made of a contract example: its scenario and its expected outcome. */
function runDir(stem: string): string {
  const dir = mkdtempSync(join(root, `${stem}-`));
  copyFileSync(join(EXAMPLES, `${stem}.scenario.json`), join(dir, 'scenario.json'));
  copyFileSync(join(EXAMPLES, `${stem}.expected.json`), join(dir, 'outcome.json'));
  return dir;
}

const run = runExportArgs;

describe('npm run export -- fhir', () => {
  it('writes one valid ExplanationOfBenefit per settled claim and a valid Bundle of them, patients masked', async () => {
    const dir = runDir('07-quote-reversal-viewers');
    const expected = JSON.parse(readFileSync(join(dir, 'outcome.json'), 'utf8')) as { results: { type: string; status: string }[] };
    const settled = expected.results.filter((r) => r.type === 'claim' && r.status === 'settled').length;

    const result = await run(['fhir', dir]);

    expect([result.code, result.stderr]).toEqual([0, '']);
    const files = readdirSync(join(dir, 'fhir')).sort();
    expect(files.filter((f) => f !== 'bundle.json')).toHaveLength(settled);
    expect(settled).toBeGreaterThan(0);
    const names = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')).members.map((m: { name: string }) => m.name);
    for (const file of files) {
      const text = readFileSync(join(dir, 'fhir', file), 'utf8');
      expect(fhirErrors(file === 'bundle.json' ? 'Bundle' : 'ExplanationOfBenefit', JSON.parse(text)), file).toEqual([]);
      for (const name of names) expect(text).not.toContain(`"${name}"`);
    }
    const bundle = JSON.parse(readFileSync(join(dir, 'fhir', 'bundle.json'), 'utf8'));
    expect(bundle.type).toBe('collection');
    expect(bundle.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(bundle.entry).toHaveLength(settled);
    expect(bundle.entry.some((e: { resource: { status: string } }) => e.resource.status === 'cancelled')).toBe(true);
  }, 120_000);
});
