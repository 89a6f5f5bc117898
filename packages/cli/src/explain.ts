/**
 * `npm run --silent explain -- DIR CLAIM_ID`: the 结算单 of one claim or quote of a
 * run's folder, in plain Chinese with English labels: what was billed, what the
 * catalogue kept out, each tier's deductible, ratio and payout, what each account
 * and cash paid, and the parts adding up to the total — every figure read from
 * the stored result (outcome.json), naming the EOB field it comes from.
 * Exit 0 when printed, 2 for an unknown claim id or a folder that is not a run.
 */

import type { InsurerRun } from '@medins/insurer';
import { explainClaim } from '@medins/insurer';
import { defineCommand, runAsMain, UsageError } from './args.ts';
import { readRunDir } from './export/run-dir.ts';

export const explainCommand = defineCommand({
  name: 'npm run --silent explain --',
  summary:
    "Prints the 结算单 (settlement statement) of one claim or quote of a run's folder in plain language, from its stored result. " +
    'Exit 0 when printed, 2 for an unknown id or a folder that is not a run.',
  operands: [
    { name: 'DIR', help: "the run's folder (scenario.json and outcome.json, e.g. out)" },
    { name: 'CLAIM_ID', help: 'the id of a claim or quote, as outcome.json names it' },
  ],
  options: {},
});

/** The statement of claim `id` of the run, as text; a UsageError when the run has no such claim or quote. */
export function statementOf(run: InsurerRun, id: string): string {
  const result = run.results.find((r) => r.id === id);
  if (!result || (result.type !== 'claim' && result.type !== 'quote'))
    throw new UsageError(`CLAIM_ID: no claim or quote ${JSON.stringify(id)} in this run${result ? ` (it is a ${result.type})` : ''}`, {
      entity: 'CLAIM_ID',
    });
  const event = run.events.find((e) => e.id === id);
  const reversal = run.results.find((r) => r.type === 'reverseClaim' && r.status === 'reversed' && r.claimId === id);
  const explanation = explainClaim({
    result,
    event: event?.type === 'claim' || event?.type === 'quote' ? event : undefined,
    catalog: run.world.catalog,
    member: event && 'memberId' in event ? run.world.members.find((m) => m.id === event.memberId) : undefined,
    reversedBy: reversal?.id,
  });
  return `${explanation.lines.join('\n')}\n`;
}

if (import.meta.main) {
  runAsMain(explainCommand, ({ operands }) => {
    process.stdout.write(statementOf(readRunDir(operands[0]!), operands[1]!));
    return 0;
  });
}
