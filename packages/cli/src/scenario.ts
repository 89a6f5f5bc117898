/**
 * `npm run --silent scenario -- FILE`: reads a scenario, validates it, replays its
 * events through the engine and prints the outcome JSON.
 * Exit 0 when replayed (rejections are ordinary results); 2 with one message on
 * stderr naming the field and the rule when the document is invalid; 1 for an
 * internal fault. Never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { ContractError, parseScenarioText, renderOutcome } from '@medins/contract';
import { replay } from '@medins/engine';
import { type CommandResult, defineCommand } from './args.ts';

export type { CommandResult } from './args.ts';

export const scenarioCommand = defineCommand({
  name: 'npm run --silent scenario --',
  summary:
    'Reads a scenario document, validates it, replays its events through the engine and prints the outcome JSON. ' +
    'Exit 0 when replayed (rejections are ordinary results), 2 for an invalid document (one message naming the field and the rule), 1 for an internal fault.',
  operands: [{ name: 'FILE', help: 'the scenario document (JSON, the contract of ../shared/contract)' }],
  options: {},
});

/** The headline, then every issue on its own line (at most 20), so a fix can address them all. */
export function describeContractError(e: ContractError): string {
  const lines = e.issues.length > 1 ? e.issues.slice(0, 20).map((i) => `  - ${i.path}: ${i.message}`) : [];
  return [e.message, ...lines].join('\n') + '\n';
}

/** The FILE's text, or the exit-2 answer of a command that cannot read it. */
export function readScenarioFile(file: string): { text: string } | { failed: CommandResult } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { failed: { code: 2, stdout: '', stderr: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}\n` } };
  }
}

export function runScenarioCommand(args: readonly string[]): CommandResult {
  const accepted = scenarioCommand.accept(args);
  if ('answer' in accepted) return accepted.answer;
  const read = readScenarioFile(accepted.parsed.operands[0]!);
  if ('failed' in read) return read.failed;
  try {
    const scenario = parseScenarioText(read.text);
    return { code: 0, stdout: renderOutcome(replay(scenario.world, scenario.events)), stderr: '' };
  } catch (e) {
    if (e instanceof ContractError) return { code: 2, stdout: '', stderr: describeContractError(e) };
    return { code: 1, stdout: '', stderr: `internal error: ${(e as Error).message}\n` };
  }
}

if (import.meta.main) {
  const { code, stdout, stderr } = runScenarioCommand(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
