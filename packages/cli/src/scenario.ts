/**
 * `npm run --silent scenario -- FILE`: reads a scenario, validates it, replays its
 * events through the engine and prints the outcome JSON.
 * Exit 0 when replayed (rejections are ordinary results); 2 with one message on
 * stderr naming the field and the rule when the document is invalid; 1 for an
 * internal fault. Never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { replay } from '@medins/engine';
import { ContractError, parseScenarioText, renderOutcome } from '@medins/contract';

/** The headline, then every issue on its own line (at most 20), so a fix can address them all. */
export function describeContractError(e: ContractError): string {
  const lines = e.issues.length > 1 ? e.issues.slice(0, 20).map((i) => `  - ${i.path}: ${i.message}`) : [];
  return [e.message, ...lines].join('\n') + '\n';
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The FILE argument's text, or the exit-2 answer of a command that cannot read it. */
export function readScenarioArgument(args: readonly string[], command: string): { text: string } | { failed: CommandResult } {
  const file = args.find((a) => !a.startsWith('-'));
  if (!file) return { failed: { code: 2, stdout: '', stderr: `usage: npm run --silent ${command} -- FILE\n` } };
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { failed: { code: 2, stdout: '', stderr: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}\n` } };
  }
}

export function runScenarioCommand(args: readonly string[]): CommandResult {
  const read = readScenarioArgument(args, 'scenario');
  if ('failed' in read) return read.failed;
  const { text } = read;
  try {
    const scenario = parseScenarioText(text);
    return { code: 0, stdout: renderOutcome(replay(scenario.world, scenario.events)), stderr: '' };
  } catch (e) {
    if (e instanceof ContractError) return { code: 2, stdout: '', stderr: describeContractError(e) };
    return { code: 1, stdout: '', stderr: `internal error: ${(e as Error).message}\n` };
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { code, stdout, stderr } = runScenarioCommand(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
