/** `npm run export -- csv DIR`: claims.csv, enrollments.csv, renewals.csv, policies.csv and balances.csv of a run. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvExports, type InsurerRun } from '@medins/insurer';

/** The CSV files of a run written into `to`; returns their paths. */
export function writeCsvExports(run: InsurerRun, to: string): string[] {
  return csvExports(run).map((f) => {
    const file = join(to, f.name);
    writeFileSync(file, f.text);
    return file;
  });
}
