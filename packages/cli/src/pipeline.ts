/**
 * `npm run --silent pipeline -- FILE`: replays a scenario through the embedded
 * stack (queue → workflow → tables, one event after another) and prints the
 * outcome read back from the tables, in the contract's format. It equals what
 * `npm run --silent scenario -- FILE` prints. Exit 2 for an invalid document
 * (nothing is started), 1 for a fault of the stack, never a stack trace.
 */
import { ContractError, parseScenarioText, renderOutcome } from '@medins/contract';
import { describeContractError, readScenarioArgument, type CommandResult } from './scenario.ts';

export async function runPipelineCommand(args: readonly string[]): Promise<CommandResult> {
  const read = readScenarioArgument(args, 'pipeline');
  if ('failed' in read) return read.failed;
  const { text } = read;
  try {
    parseScenarioText(text); // an invalid document starts nothing
  } catch (e) {
    if (e instanceof ContractError) return { code: 2, stdout: '', stderr: describeContractError(e) };
    return { code: 1, stdout: '', stderr: `internal error: ${(e as Error).message}\n` };
  }
  const { startEmbedded, replayThroughPipeline } = await import('@medins/embedded');
  let embedded;
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const { code, stdout, stderr } = await runPipelineCommand(process.argv.slice(2));
  process.stderr.write(stderr);
  // Exit once stdout is flushed: idle SDK sockets must not keep the process alive.
  process.stdout.write(stdout, () => process.exit(code));
}
