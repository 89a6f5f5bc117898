/**
 * The one argument parser: declared options parsed into typed values, help
 * answered without running anything, and everything else refused with a
 * UsageError (exit 2 with the usage).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { decimal, defineCommand, execute, integer, oneOf, someOf, text, UsageError } from '../src/args.ts';

const command = defineCommand({
  name: 'npm run demo --',
  summary: 'A command for the tests.',
  operands: [
    { name: 'FILE', help: 'the input' },
    { name: 'TOP', help: 'how many', optional: true },
  ],
  options: {
    claims: { type: 'string', value: 'N', help: 'claims', parse: integer(1), default: 600 },
    share: { type: 'string', value: 'P', help: 'a share', parse: decimal(0, 1, 'a share between 0 and 1') },
    level: { type: 'string', value: 'LEVEL', help: 'log level', parse: oneOf(['DEBUG', 'INFO'], { ignoreCase: true }) },
    only: { type: 'string', value: 'LIST', help: 'sections', parse: someOf(['engine', 'cost']), default: ['engine', 'cost'] },
    out: { type: 'string', value: 'DIR', help: 'where', parse: text, short: 'o' },
    quiet: { type: 'boolean', help: 'say less' },
  },
});

/** Captures what `execute` writes. */
function streams() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } } };
}

describe('defineCommand: parse', () => {
  it('gives typed values, defaults where absent, and the operands', () => {
    // Act
    const { values, operands } = command.parse(['in.json', '--claims', '40', '--level', 'debug', '-o', 'dir', '--quiet', '--only', 'cost']);
    // Assess
    expect(values).toEqual({ claims: 40, share: undefined, level: 'DEBUG', only: ['cost'], out: 'dir', quiet: true });
    expect(operands).toEqual(['in.json']);
    expect(command.parse(['in.json']).values).toMatchObject({ claims: 600, only: ['engine', 'cost'], quiet: false });
    expectTypeOf(values.claims).toEqualTypeOf<number>();
    expectTypeOf(values.share).toEqualTypeOf<number | undefined>();
    expectTypeOf(values.level).toEqualTypeOf<'DEBUG' | 'INFO' | undefined>();
    expectTypeOf(values.quiet).toEqualTypeOf<boolean>();
  });

  it('refuses unknown options, missing and malformed values, and wrong operand counts, naming what is wrong', () => {
    const cases: [string[], RegExp][] = [
      [['in.json', '--nope'], /^unknown option '--nope'$/],
      [['in.json', '-x'], /^unknown option '-x'$/],
      [['in.json', '--claims'], /--claims/],
      [['in.json', '--claims', '0'], /^--claims must be an integer ≥ 1, got "0"$/],
      [['in.json', '--claims', '1.5'], /--claims must be an integer/],
      [['in.json', '--claims', '1e3'], /--claims must be an integer/],
      [['in.json', '--share', '1.2'], /^--share must be a share between 0 and 1, got "1.2"$/],
      [['in.json', '--share', ''], /--share must be a share/],
      [['in.json', '--level', 'LOUD'], /^--level must be one of DEBUG, INFO, got "LOUD"$/],
      [['in.json', '--only', 'engine,nope'], /^--only must be one of engine, cost, got "nope"$/],
      [['in.json', '--quiet=yes'], /quiet/],
      [[], /^missing FILE$/],
      [['a', 'b', 'c'], /^unexpected argument 'c'$/],
    ];
    for (const [argv, message] of cases) {
      let thrown: unknown;
      try {
        command.parse(argv);
      } catch (e) {
        thrown = e;
      }
      expect(thrown, argv.join(' ')).toBeInstanceOf(UsageError);
      expect((thrown as UsageError).message, argv.join(' ')).toMatch(message);
      expect((thrown as UsageError).code).toBe('USAGE');
    }
  });

  it('collects an option given more than once, each value parsed, an empty list when absent', () => {
    const repeated = defineCommand({
      name: 'npm run demo --',
      summary: 'Repeats.',
      options: { set: { type: 'string', value: 'N', help: 'numbers', parse: integer(0), multiple: true } },
    });
    expect(repeated.parse(['--set', '1', '--set', '2']).values.set).toEqual([1, 2]);
    expect(repeated.parse([]).values.set).toEqual([]);
    expect(() => repeated.parse(['--set', 'x'])).toThrow(/^--set must be an integer ≥ 0, got "x"$/);
    expect(repeated.usage).toBe('usage: npm run demo -- [--set N …]');
    expectTypeOf(repeated.parse([]).values.set).toEqualTypeOf<number[]>();
  });

  it('takes what follows -- as operands, even when it looks like an option', () => {
    expect(command.parse(['--', '--help']).operands).toEqual(['--help']);
    expect(command.wantsHelp(['--', '--help'])).toBe(false);
  });
});

describe('defineCommand: help and usage', () => {
  it('answers --help and -h, wherever they are and whatever else is there', () => {
    for (const argv of [['--help'], ['-h'], ['in.json', '--claims', 'x', '--help'], ['--nope', '-h']])
      expect(command.wantsHelp(argv), argv.join(' ')).toBe(true);
    expect(command.wantsHelp(['in.json'])).toBe(false);
  });

  it('prints the usage, the summary and every option with its help and default', () => {
    expect(command.usage).toBe(
      'usage: npm run demo -- [--claims N] [--share P] [--level LEVEL] [--only LIST] [--out DIR] [--quiet] FILE [TOP]',
    );
    const lines = command.help.split('\n');
    expect(lines[0]).toBe(command.usage);
    expect(command.help).toContain('A command for the tests.');
    expect(command.help).toMatch(/^ {2}--claims N +claims \(default 600\)$/m);
    expect(command.help).toMatch(/^ {2}-o, --out DIR +where$/m);
    expect(command.help).toMatch(/^ {2}FILE +the input$/m);
    expect(command.help).toMatch(/^ {2}-h, --help +print this help and exit$/m);
    expect(command.help.endsWith('\n')).toBe(true);
  });
});

describe('execute', () => {
  it('on --help prints the help on stdout, exits 0 and runs nothing', async () => {
    // Prepare
    const { out, io } = streams();
    let ran = false;
    // Act
    const code = await execute(
      command,
      ['--help', '--nope'],
      () => {
        ran = true;
        return 0;
      },
      io,
    );
    // Assess
    expect([code, ran, out.stdout, out.stderr]).toEqual([0, false, command.help, '']);
  });

  it('on a usage error prints the reason and the usage on stderr, exits 2 and runs nothing', async () => {
    const { out, io } = streams();
    let ran = false;
    const code = await execute(
      command,
      ['in.json', '--claims', 'many'],
      () => {
        ran = true;
        return 0;
      },
      io,
    );
    expect([code, ran, out.stdout]).toEqual([2, false, '']);
    expect(out.stderr).toBe(`--claims must be an integer ≥ 1, got "many"\n${command.usage}\n(--help for the options)\n`);
  });

  it('runs the command on the parsed values and returns its exit code; its own UsageErrors exit 2, other faults 1 in one line', async () => {
    const { out, io } = streams();
    expect(
      await execute(
        command,
        ['in.json', '--claims', '3'],
        ({ values, operands }) => (values.claims === 3 && operands[0] === 'in.json' ? 7 : 0),
        io,
      ),
    ).toBe(7);
    expect(await execute(command, ['in.json'], () => Promise.reject(new UsageError('cannot read in.json')), io)).toBe(2);
    expect(out.stderr).toContain(`cannot read in.json\n${command.usage}`);
    expect(await execute(command, ['in.json'], () => Promise.reject(new Error('boom')), io)).toBe(1);
    expect(out.stderr).toMatch(/npm run demo failed: boom\n$/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
