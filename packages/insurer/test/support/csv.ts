/** Test support: reads an export back as an analyst's tool would (csv-parse), amounts back to integer fen. */
import { parse } from 'csv-parse/sync';

export type CsvRow = Record<string, string>;

/** The rows of a CSV text with a BOM (which must be there: Excel needs it for the Chinese). */
export function readCsv(text: string): CsvRow[] {
  if (!text.startsWith('\uFEFF')) throw new Error('no UTF-8 BOM');
  return parse(text, { bom: true, columns: true }) as CsvRow[];
}

/** "12345.67" → 1234567, exactly (no float on the way). */
export function fenOf(yuan: string | undefined): number {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(yuan ?? '');
  if (!m) throw new Error(`not yuan with two decimals: ${yuan}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

/** Σ of a yuan column over the rows, in fen. */
export const sumFen = (rows: readonly CsvRow[], column: string) => rows.reduce((s, r) => s + fenOf(r[column]), 0);
