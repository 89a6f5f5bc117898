/**
 * `npm run export -- FORMAT DIR [--to OUT]`: a run's folder (scenario.json and
 * outcome.json, as the main job writes them) in a format another tool reads.
 * FORMAT is a subcommand; each is one entry of EXPORTERS:
 * - `csv`: claims.csv (one row per claim and quote), enrollments.csv, renewals.csv,
 *   policies.csv
 *   (one row per policy a campaign offered), balances.csv — UTF-8 with a BOM, yuan
 *   with two decimals, members masked;
 * - `fhir`: one FHIR R4 ExplanationOfBenefit per settled claim and a Bundle of them (export/fhir.ts).
 * Exit 0 when written, 2 for bad arguments or a folder that is not a run's.
 */
import { mkdirSync } from 'node:fs';
import type { InsurerRun } from '@medins/insurer';
import { defineCommand, type Parsed, runAsMain, text, UsageError } from './args.ts';
import { writeCsvExports } from './export/csv.ts';
import { writeFhirExport } from './export/fhir.ts';
import { readRunDir } from './export/run-dir.ts';

/** One export format: what it writes, and the writer (the files it wrote). */
interface Exporter {
  readonly help: string;
  write(run: InsurerRun, to: string): string[];
}

/** The formats, by subcommand name. A new format is one entry here. */
const EXPORTERS: Readonly<Record<string, Exporter>> = {
  csv: { help: 'claims.csv, enrollments.csv, renewals.csv, policies.csv, balances.csv (UTF-8 with BOM, yuan)', write: writeCsvExports },
  fhir: {
    help: 'fhir/<id>.json, one FHIR R4 ExplanationOfBenefit per settled claim, and fhir/bundle.json, a collection Bundle of them',
    write: (run, to) => writeFhirExport(run, to),
  },
};

export const exportCommand = defineCommand({
  name: 'npm run export --',
  summary:
    "Exports a run's folder (scenario.json and outcome.json, as npm start writes them) in a format another tool reads. " +
    'Exit 0 when written, 2 for bad arguments or a folder that is not a run.',
  operands: [
    {
      name: 'FORMAT',
      help: Object.entries(EXPORTERS)
        .map(([name, e]) => `${name}: ${e.help}`)
        .join('; '),
    },
    { name: 'DIR', help: "the run's folder (e.g. out)" },
  ],
  options: {
    to: { type: 'string', value: 'OUT', help: 'where the files go (default DIR)', parse: text },
  },
});

/** Runs the export the arguments name; returns the files written. Throws a UsageError for an unknown format or folder. */
export function runExport(parsed: Parsed<typeof exportCommand.spec.options>): string[] {
  const [format = '', dir = ''] = parsed.operands;
  const exporter = Object.hasOwn(EXPORTERS, format) ? EXPORTERS[format] : undefined;
  if (!exporter)
    throw new UsageError(`FORMAT must be one of ${Object.keys(EXPORTERS).join(', ')}, got ${JSON.stringify(format)}`, { entity: 'FORMAT' });
  const run = readRunDir(dir);
  const to = parsed.values.to ?? dir;
  mkdirSync(to, { recursive: true });
  return exporter.write(run, to);
}

if (import.meta.main) {
  runAsMain(exportCommand, (parsed) => {
    for (const file of runExport(parsed)) process.stdout.write(`wrote ${file}\n`);
    return 0;
  });
}
