/**
 * `npm start` as a command (src/main.ts), in-process with the job scripted (the
 * real job is test/main/main-job.test.ts): its options — LOG_LEVEL when
 * --log-level is absent, in any case, refused when it is no level — and its exit
 * code: 0 when the run reconciles, 1 when it does not or fails (one line).
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/args.ts';
import { DEFAULTS, type MainOptions, mainJob, parseMainArgs } from '../src/main.ts';

describe('parseMainArgs', () => {
  it('takes the defaults, INFO unless LOG_LEVEL says otherwise', () => {
    // Act
    const plain = parseMainArgs([], {});
    const fromEnv = parseMainArgs([], { LOG_LEVEL: 'warn' });
    // Assess
    expect(plain).toEqual(DEFAULTS);
    expect(fromEnv.logLevel).toBe('WARN');
  });

  it('prefers --log-level to LOG_LEVEL, and keeps the tables in --data-dir', () => {
    // Act
    const o = parseMainArgs(
      ['--members', '10', '--claims', '0', '--seed', '2', '--concurrency', '3', '--out', 'o', '--log-level', 'debug', '--data-dir', 'd'],
      { LOG_LEVEL: 'ERROR' },
    );
    // Assess
    expect(o).toEqual({ members: 10, claims: 0, seed: 2, concurrency: 3, out: 'o', logLevel: 'DEBUG', dataDir: 'd' });
  });

  it('refuses a LOG_LEVEL that is no level, naming it', () => {
    // Act / Assess
    expect(() => parseMainArgs([], { LOG_LEVEL: 'LOUD' })).toThrow(UsageError);
    expect(() => parseMainArgs([], { LOG_LEVEL: 'LOUD' })).toThrow('LOG_LEVEL must be one of DEBUG, INFO, WARN, ERROR, got "LOUD"');
  });
});

describe('mainJob', () => {
  const options: MainOptions = { ...DEFAULTS, members: 10, claims: 10 };

  it('runs the job on the options and exits 0 when it reconciles, 1 when it does not', async () => {
    // Prepare
    const given: MainOptions[] = [];
    const stderr: string[] = [];
    const io = { write: (s: string) => stderr.push(s) };
    // Act
    const ok = await mainJob(
      options,
      async (o) => {
        given.push(o);
        return { reconciled: true };
      },
      io,
    );
    const notOk = await mainJob(options, async () => ({ reconciled: false }), io);
    // Assess
    expect([ok, notOk]).toEqual([0, 1]);
    expect(given).toEqual([options]);
    expect(stderr).toEqual([]);
  });

  it('exits 1 with one line, no stack trace, when the job fails', async () => {
    // Prepare
    const stderr: string[] = [];
    // Act
    const code = await mainJob(
      options,
      async () => {
        throw new Error('the data directory holds another workload: use a new directory');
      },
      { write: (s: string) => stderr.push(s) },
    );
    // Assess
    expect(code).toBe(1);
    expect(stderr).toEqual(['main job failed: the data directory holds another workload: use a new directory\n']);
  });
});
