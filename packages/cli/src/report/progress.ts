/**
 * Progress of a long run: a bar with rate and ETA on a terminal, plain periodic
 * lines otherwise (CI logs, pipes). Writes to stderr so stdout stays clean.
 */
/** Where progress goes: stderr, or anything that writes text and may be a terminal. */
export interface ProgressStream {
  write(s: string): unknown;
  readonly isTTY?: boolean;
}

export interface Progress {
  tick(n?: number): void;
  done(): void;
}

const fmtSeconds = (s: number) =>
  Number.isFinite(s) ? (s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(0)}s`) : '?';

export function progress(label: string, total: number, stream: ProgressStream = process.stderr, everyMs = 2000): Progress {
  const start = Date.now();
  let count = 0;
  let lastPrint = 0;
  const tty = stream.isTTY === true;
  const render = (final: boolean) => {
    const elapsed = (Date.now() - start) / 1000;
    const rate = count / Math.max(elapsed, 1e-3);
    const eta = (total - count) / Math.max(rate, 1e-9);
    const pct = total > 0 ? count / total : 1;
    if (tty) {
      const width = 28;
      const filled = Math.round(pct * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      stream.write(
        `\r${label} ${bar} ${count}/${total} ${(pct * 100).toFixed(0)}% ${rate.toFixed(1)}/s ETA ${fmtSeconds(eta)}   ${final ? '\n' : ''}`,
      );
    } else {
      stream.write(
        `${label}: ${count}/${total} (${(pct * 100).toFixed(0)}%) ${rate.toFixed(1)}/s${final ? ` in ${fmtSeconds(elapsed)}` : `, ETA ${fmtSeconds(eta)}`}\n`,
      );
    }
  };
  return {
    tick(n = 1) {
      count += n;
      const now = Date.now();
      if (now - lastPrint >= (tty ? 100 : everyMs)) {
        lastPrint = now;
        render(false);
      }
    },
    done() {
      render(true);
    },
  };
}
