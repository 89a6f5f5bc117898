/**
 * Progress of a long run (src/report/progress.ts): on a terminal a bar redrawn
 * in place at most every 100 ms; elsewhere (CI logs, pipes) a plain line every
 * couple of seconds; both with the rate and what is left, and a last line with
 * the time it took. The clock is faked: the figures are exact.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progress } from '../../src/report/progress.ts';

const T0 = Date.UTC(2026, 0, 1);

/** A stream that keeps what is written. */
const stream = (isTTY: boolean) => {
  const lines: string[] = [];
  return { lines, isTTY, write: (s: string) => lines.push(s) };
};

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('progress, not on a terminal', () => {
  it('prints a line at the first tick and then at most every `everyMs`, and the time taken at the end', () => {
    // Prepare
    const out = stream(false);
    const bar = progress('events', 10, out, 2_000);
    // Act
    bar.tick(); // at 0 s: printed
    vi.setSystemTime(T0 + 1_000);
    bar.tick(); // 1 s after the last line: not printed
    vi.setSystemTime(T0 + 2_500);
    bar.tick(); // 2.5 s: printed
    vi.setSystemTime(T0 + 150_000);
    bar.done();
    // Assess: the rate over the elapsed time, what is left at that rate; minutes past a minute.
    expect(out.lines).toEqual([
      'events: 1/10 (10%) 1000.0/s, ETA 0s\n',
      'events: 3/10 (30%) 1.2/s, ETA 6s\n',
      'events: 3/10 (30%) 0.0/s in 2m30s\n',
    ]);
  });

  it('counts several at a tick, and an empty run as done', () => {
    // Prepare
    const out = stream(false);
    const many = progress('claims', 100, out);
    const none = progress('claims', 0, out);
    // Act
    vi.setSystemTime(T0 + 4_000);
    many.tick(25);
    none.done();
    // Assess
    expect(out.lines).toEqual(['claims: 25/100 (25%) 6.3/s, ETA 12s\n', 'claims: 0/0 (100%) 0.0/s in 4s\n']);
  });
});

describe('progress, on a terminal', () => {
  it('redraws a bar in place at most every 100 ms, and ends the line when done', () => {
    // Prepare
    const out = stream(true);
    const bar = progress('events', 4, out);
    // Act
    vi.setSystemTime(T0 + 1_000);
    bar.tick(2); // printed
    vi.setSystemTime(T0 + 1_050);
    bar.tick(); // 50 ms later: not printed
    vi.setSystemTime(T0 + 2_000);
    bar.done();
    // Assess
    expect(out.lines).toEqual([
      `\revents ${'█'.repeat(14)}${'░'.repeat(14)} 2/4 50% 2.0/s ETA 1s   `,
      `\revents ${'█'.repeat(21)}${'░'.repeat(7)} 3/4 75% 1.5/s ETA 1s   \n`,
    ]);
  });
});
