/**
 * The one plain-text table renderer of the command line (the main job's summary,
 * the bench report): a header, a rule, the rows; columns padded by their display
 * width, so Chinese labels (two columns each on a terminal) line up.
 */

export type Align = 'left' | 'right';

export interface TableOptions {
  /** A line above the table. */
  readonly title?: string;
  /** Per column; by default the first is left-aligned (labels) and the others right-aligned (figures). */
  readonly align?: readonly Align[];
}

/** East Asian wide and fullwidth characters (CJK, Hangul, fullwidth forms): two terminal columns. */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** Columns a string takes on a terminal. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

const pad = (s: string, n: number, align: Align) => {
  const fill = ' '.repeat(Math.max(0, n - displayWidth(s)));
  return align === 'left' ? s + fill : fill + s;
};

/**
 * The table as lines of text (no trailing newline, no trailing spaces).
 *
 * @example
 * ```ts
 * renderTable(['', 'count'], [['settled', '1,402'], ['rejected', '98']], { title: 'Claims' });
 * // Claims
 * //              count
 * // ────────  ───────
 * // settled      1,402
 * // rejected        98
 * ```
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const cols = Math.max(header.length, ...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) =>
    Math.max(displayWidth(header[i] ?? ''), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const alignOf = (i: number): Align => options.align?.[i] ?? (i === 0 ? 'left' : 'right');
  const line = (cells: readonly string[]) =>
    widths
      .map((w, i) => pad(cells[i] ?? '', w, alignOf(i)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [...(options.title === undefined ? [] : [options.title]), line(header), rule, ...rows.map(line)].join('\n');
}

/** 1234567 fen → "12,345.67". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}
