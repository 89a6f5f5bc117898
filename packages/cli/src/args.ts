/**
 * The one argument parser of every command a person runs (`npm start`, `npm run
 * scenario | pipeline | schema | api | chaos | bench`): `node:util` `parseArgs`,
 * strict, each option declared once with its help text, so that every command
 * behaves alike —
 * - `--help` / `-h` prints the usage on stdout and exits 0 having done nothing;
 * - an unknown option, a missing or malformed value, or a wrong number of
 *   operands exits 2 with the reason and the usage on stderr;
 * - otherwise the command runs on typed, validated values.
 *
 * @example
 * ```ts
 * const command = defineCommand({
 *   name: 'npm run chaos --',
 *   summary: 'The main job under duplicate deliveries and injected faults.',
 *   options: { claims: { type: 'string', value: 'N', help: 'claims in the workload', parse: integer(1), default: 600 } },
 * });
 * if (import.meta.main) runAsMain(command, async ({ values }) => (await run(values.claims)) ? 0 : 1);
 * ```
 */
import { parseArgs } from 'node:util';
import { MedinsError, parseInstant } from '@medins/engine';

/** The command line asks for something the command does not take: exit 2 with the usage. */
export class UsageError extends MedinsError {
  override readonly name = 'UsageError';
  readonly code = 'USAGE';
}

/** `--quiet`: present or not. */
export interface FlagOption {
  readonly type: 'boolean';
  readonly help: string;
  readonly short?: string;
}

/** `--claims N`: a value, turned into a `T` (or refused) by `parse`. */
export interface ValueOption<T> {
  readonly type: 'string';
  /** Its placeholder in the usage: `N`, `FILE`, `DIR`. */
  readonly value: string;
  readonly help: string;
  readonly short?: string;
  /** The raw text to a value; throws a UsageError naming `flag` and the rule when malformed. */
  readonly parse: (raw: string, flag: string) => T;
  /** When the option is absent; shown in the help. */
  readonly default?: T;
  /** May be given more than once (`--set A=1 --set B=2`): the value is the list, empty when absent. */
  readonly multiple?: boolean;
}

export type OptionSpec = FlagOption | ValueOption<unknown>;

/** A positional argument, e.g. the scenario FILE. */
export interface OperandSpec {
  readonly name: string;
  readonly help: string;
  readonly optional?: boolean;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** How a person starts it, up to its arguments: `npm run --silent scenario --`. */
  readonly name: string;
  /** What it does, one paragraph. */
  readonly summary: string;
  readonly options: O;
  readonly operands?: readonly OperandSpec[];
  /** The usage line after `name`, when the generated one (every option in brackets) says too little. */
  readonly synopsis?: string;
  /** More text after the options: alternatives, exit codes, environment. */
  readonly details?: string;
}

type ValueOf<S> = S extends FlagOption
  ? boolean
  : S extends ValueOption<infer T>
    ? S extends { readonly multiple: true }
      ? T[]
      : S extends { readonly default: unknown }
        ? T
        : T | undefined
    : never;

/** The parsed options: flags as booleans, values as what their `parse` returns. */
export type Values<O extends Record<string, OptionSpec>> = { -readonly [K in keyof O]: ValueOf<O[K]> };

export interface Parsed<O extends Record<string, OptionSpec>> {
  readonly values: Values<O>;
  readonly operands: readonly string[];
}

/** What a command prints and exits with, for commands that answer without side effects on the process. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Command<O extends Record<string, OptionSpec>> {
  readonly spec: CommandSpec<O>;
  /** `usage: npm run chaos -- [--claims N] …` */
  readonly usage: string;
  /** The usage, the summary, every option with its help. Ends with a newline. */
  readonly help: string;
  /** Whether `--help` or `-h` appears before any `--`. */
  wantsHelp(argv: readonly string[]): boolean;
  /** The validated values and operands; throws a UsageError. `--help` is accepted and ignored here. */
  parse(argv: readonly string[]): Parsed<O>;
  /** `wantsHelp` and `parse` together: either the parsed arguments, or the answer to give (help, exit 0; usage, exit 2). */
  accept(argv: readonly string[]): { readonly parsed: Parsed<O> } | { readonly answer: CommandResult };
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** Declares a command: its options, their help and how their values are read. `--help`/`-h` is every command's own. */
export function defineCommand<const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): Command<O> {
  const operands = spec.operands ?? [];
  const nodeOptions = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [
      name,
      {
        type: o.type,
        ...(o.short === undefined ? {} : { short: o.short }),
        ...(o.type === 'string' && o.multiple ? { multiple: true } : {}),
      },
    ]),
  );
  const options = { ...nodeOptions, ...HELP_OPTION };
  const placeholder = (name: string, o: OptionSpec) =>
    o.type === 'boolean' ? `--${name}` : `--${name} ${o.value}${o.multiple ? ' …' : ''}`;
  const generated = [
    ...Object.entries(spec.options).map(([name, o]) => `[${placeholder(name, o)}]`),
    ...operands.map((o) => (o.optional ? `[${o.name}]` : o.name)),
  ].join(' ');
  const usage = `usage: ${spec.name} ${spec.synopsis ?? generated}`.trimEnd();
  const help = renderHelp(spec, usage, placeholder);

  const wantsHelp = (argv: readonly string[]) => {
    const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
    return tokens.some((t) => t.kind === 'option' && t.name === 'help');
  };

  const parse = (argv: readonly string[]): Parsed<O> => {
    let raw: { values: Record<string, string | boolean | undefined>; positionals: string[] };
    try {
      raw = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true }) as typeof raw;
    } catch (e) {
      throw new UsageError(describeParseError(e as Error), { cause: e });
    }
    const required = operands.filter((o) => !o.optional).length;
    if (raw.positionals.length > operands.length) {
      throw new UsageError(`unexpected argument '${raw.positionals[operands.length]}'`, { entity: raw.positionals[operands.length] });
    }
    if (raw.positionals.length < required)
      throw new UsageError(`missing ${operands[raw.positionals.length]!.name}`, { entity: operands[raw.positionals.length]!.name });
    const values: Record<string, unknown> = {};
    for (const [name, o] of Object.entries(spec.options)) {
      const given = raw.values[name];
      if (o.type === 'boolean') values[name] = given === true;
      else if (o.multiple) values[name] = ((given ?? []) as unknown as string[]).map((v) => o.parse(v, `--${name}`));
      else values[name] = given === undefined ? o.default : o.parse(given as string, `--${name}`);
    }
    return { values: values as Values<O>, operands: raw.positionals };
  };

  const accept = (argv: readonly string[]) => {
    if (wantsHelp(argv)) return { answer: { code: 0, stdout: help, stderr: '' } };
    try {
      return { parsed: parse(argv) };
    } catch (e) {
      if (e instanceof UsageError) return { answer: usageAnswer(usage, e) };
      throw e;
    }
  };

  return { spec, usage, help, wantsHelp, parse, accept };
}

/** Exit 2: the reason, then the usage line and where the rest is. */
export function usageAnswer(usage: string, e: UsageError): CommandResult {
  return { code: 2, stdout: '', stderr: `${e.message}\n${usage}\n(--help for the options)\n` };
}

/** Node's messages, shortened where they run on (unknown options, stray arguments). */
function describeParseError(e: Error): string {
  const code = (e as { code?: string }).code;
  const quoted = /'([^']+)'/.exec(e.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) return `unknown option '${quoted}'`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted) return `unexpected argument '${quoted}'`;
  return e.message;
}

function renderHelp<O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  usage: string,
  placeholder: (name: string, o: OptionSpec) => string,
): string {
  const rows: [string, string][] = [
    ...(spec.operands ?? []).map((o): [string, string] => [o.name, o.help]),
    ...Object.entries(spec.options).map(([name, o]): [string, string] => [
      `${o.short ? `-${o.short}, ` : ''}${placeholder(name, o)}`,
      o.type === 'string' && o.default !== undefined ? `${o.help} (default ${String(o.default)})` : o.help,
    ]),
    ['-h, --help', 'print this help and exit'],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = [usage, '', ...wrap(spec.summary, 100), '', ...rows.map(([left, text]) => `  ${left.padEnd(width)}  ${text}`)];
  if (spec.details) lines.push('', spec.details.trimEnd());
  return `${lines.join('\n')}\n`;
}

/** Words into lines of at most `width` characters (a longer word gets its own line). */
function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Values: each turns the raw text into a value or refuses it, naming the flag and the rule.

/** Any text (a path, a host). */
export const text = (raw: string): string => raw;

/** An ISO 8601 time with its offset (`2024-03-01T10:00:00+08:00`), as epoch milliseconds. */
export function instant(raw: string, flag: string): number {
  const at = parseInstant(raw);
  if (at === undefined)
    throw new UsageError(`${flag} must be an ISO 8601 time with an offset, like 2024-03-01T10:00:00+08:00`, { entity: flag });
  return Number(at);
}

/** A whole number in [min, max], written in decimal digits. */
export function integer(min: number, max: number = Number.MAX_SAFE_INTEGER): (raw: string, flag: string) => number {
  const rule = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
  return (raw, flag) => {
    const x = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(x) || x < min || x > max)
      throw new UsageError(`${flag} must be ${rule}, got ${JSON.stringify(raw)}`, { entity: flag });
    return x;
  };
}

/** A decimal number in [min, max], e.g. a share or a probability; `rule` says which to the reader. */
export function decimal(min: number, max: number, rule: string): (raw: string, flag: string) => number {
  return (raw, flag) => {
    const x = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(x) || x < min || x > max)
      throw new UsageError(`${flag} must be ${rule}, got ${JSON.stringify(raw)}`, { entity: flag });
    return x;
  };
}

/** One of a few words; with `ignoreCase`, written in any case and answered as listed. */
export function oneOf<const W extends string>(
  words: readonly W[],
  options: { readonly ignoreCase?: boolean } = {},
): (raw: string, flag: string) => W {
  return (raw, flag) => {
    const found = words.find((w) => (options.ignoreCase ? w.toUpperCase() === raw.toUpperCase() : w === raw));
    if (found === undefined)
      throw new UsageError(`${flag} must be one of ${words.join(', ')}, got ${JSON.stringify(raw)}`, { entity: flag });
    return found;
  };
}

/** A comma-separated list of some of the words, e.g. `--only engine,cost`. */
export function someOf<const W extends string>(words: readonly W[]): (raw: string, flag: string) => W[] {
  const one = oneOf(words);
  return (raw, flag) => raw.split(',').map((w) => one(w.trim(), flag));
}

// ---------------------------------------------------------------------------------------------
// Running as the process's main module.

interface Streams {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
}

/**
 * Runs a command on `argv`: help (exit 0, nothing run), usage errors (exit 2) —
 * also those `main` throws, e.g. a FILE that cannot be read — else `main`'s
 * exit code. Any other error `main` lets escape is a fault: one line, exit 1,
 * no stack trace.
 */
export async function execute<O extends Record<string, OptionSpec>>(
  command: Command<O>,
  argv: readonly string[],
  main: (parsed: Parsed<O>) => number | Promise<number>,
  io: Streams = process,
): Promise<number> {
  const accepted = command.accept(argv);
  if ('answer' in accepted) {
    io.stdout.write(accepted.answer.stdout);
    io.stderr.write(accepted.answer.stderr);
    return accepted.answer.code;
  }
  try {
    return await main(accepted.parsed);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(usageAnswer(command.usage, e).stderr);
      return 2;
    }
    io.stderr.write(`${command.spec.name.replace(/ --$/, '')} failed: ${(e as Error).message}\n`);
    return 1;
  }
}

/**
 * `execute` on this process's arguments, then exit with its code once stdout is
 * flushed (idle SDK sockets and timers must not keep a finished command alive).
 */
export function runAsMain<O extends Record<string, OptionSpec>>(
  command: Command<O>,
  main: (parsed: Parsed<O>) => number | Promise<number>,
): void {
  void execute(command, process.argv.slice(2), main).then((code) => {
    process.stdout.write('', () => process.exit(code));
  });
}
