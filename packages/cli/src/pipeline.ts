/**
 * `npm run --silent pipeline -- FILE`: replays a scenario through the embedded
 * stack (queue → workflow → tables, one event after another) and prints the
 * outcome read back from the tables, in the contract's format. It equals what
 * `npm run --silent scenario -- FILE` prints. Exit 2 for an invalid document
 * (nothing is started), 1 for a fault of the stack, never a stack trace.
 */
import { ContractError, parseScenarioText, renderOutcome } from '@medins/contract';
import { type CommandResult, defineCommand } from './args.ts';
import { describeContractError, readScenarioFile } from './scenario.ts';

export const pipelineCommand = defineCommand({
  name: 'npm run --silent pipeline --',
  summary:
    'Replays a scenario through the embedded stack (each event through its queue and workflow, one after another) and prints the outcome read back from the tables: ' +
    'exactly what `npm run --silent scenario -- FILE` prints. Exit 2 for an invalid document (nothing is started), 1 for a fault of the stack.',
  operands: [{ name: 'FILE', help: 'the scenario document (JSON, the contract of ../shared/contract)' }],
  options: {},
});

export async function runPipelineCommand(args: readonly string[]): Promise<CommandResult> {
  const accepted = pipelineCommand.accept(args);
  if ('answer' in accepted) return accepted.answer;
  const read = readScenarioFile(accepted.parsed.operands[0]!);
  if ('failed' in read) return read.failed;
  const { text } = read;
  try {
    parseScenarioText(text); // an invalid document starts nothing
  } catch (e) {
    if (e instanceof ContractError) return { code: 2, stdout: '', stderr: describeContractError(e) };
    return { code: 1, stdout: '', stderr: `internal error: ${(e as Error).message}\n` };
  }
  const { startEmbedded, replayThroughPipeline } = await import('@medins/embedded');
  let embedded: Awaited<ReturnType<typeof startEmbedded>> | undefined;
  try {
    embedded = await startEmbedded();
    const outcome = await replayThroughPipeline(embedded, text);
    return { code: 0, stdout: renderOutcome(outcome), stderr: '' };
  } catch (e) {
    return { code: 1, stdout: '', stderr: `pipeline failed: ${(e as Error).message}\n` };
  } finally {
    await embedded?.stop();
  }
}

if (import.meta.main) {
  const { code, stdout, stderr } = await runPipelineCommand(process.argv.slice(2));
  process.stderr.write(stderr);
  // Exit once stdout is flushed: idle SDK sockets must not keep the process alive.
  process.stdout.write(stdout, () => process.exit(code));
}
