/**
 * `npm run export -- fhir DIR`: the settled claims of a run (the main job's
 * `scenario.json` and `outcome.json` in DIR) as FHIR R4 — one ExplanationOfBenefit
 * per settled claim in DIR/fhir/<resource id>.json, and all of them in one
 * collection Bundle, DIR/fhir/bundle.json. The mapping is the pure module
 * functions/src/fhir/explanation-of-benefit.ts; patients appear by member id and
 * masked name only. Exit 0 when written, 2 for a missing or invalid input (naming
 * the file and the rule), 1 for an internal fault.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError, parseJsonText, parseScenarioText } from '@medins/contract';
import type { ClaimEvent, EventResult, PaidClaimResult } from '@medins/engine';
import { memberDisplayOf } from '@medins/functions/api/explanation';
import { explanationBundle, explanationOfBenefit, type SettledClaim } from '@medins/functions/fhir/explanation-of-benefit';
import { type CommandResult, defineCommand } from './args.ts';

export const exportCommand = defineCommand({
  name: 'npm run export --',
  summary:
    'Exports a run’s settled claims (DIR/scenario.json and DIR/outcome.json, as the main job writes them) as FHIR R4: ' +
    'one ExplanationOfBenefit per settled claim in DIR/fhir/, and DIR/fhir/bundle.json, a collection Bundle of them all.',
  operands: [
    { name: 'FORMAT', help: 'fhir (the only format)' },
    { name: 'DIR', help: 'a run’s output directory (npm start -- --out DIR)' },
  ],
  options: {},
});

const fail = (code: number, message: string): CommandResult => ({ code, stdout: '', stderr: `${message}\n` });

/** The run's settled claims, in the serial order of the run, with the reversal that undid each. */
export function settledClaimsOf(scenarioText: string, outcomeText: string): SettledClaim[] {
  const scenario = parseScenarioText(scenarioText);
  const outcome = parseJsonText(outcomeText, 'outcome.json') as { results?: unknown };
  if (!Array.isArray(outcome.results)) {
    throw new ContractError('outcome.json: results: must be the array of results', [{ path: 'results', message: 'must be an array' }]);
  }
  const results = new Map<string, EventResult>();
  const reversedBy = new Map<string, string>();
  for (const r of outcome.results as EventResult[]) {
    results.set(r.id, r);
    if (r.type === 'reverseClaim' && r.status === 'reversed') reversedBy.set(r.claimId, r.id);
  }
  const members = new Map(scenario.world.members.map((m) => [m.id as string, m]));
  return scenario.events.flatMap((event) => {
    const result = results.get(event.id);
    if (event.type !== 'claim' || result?.type !== 'claim' || result.status !== 'settled') return [];
    return [
      {
        claim: event as ClaimEvent,
        result: result as PaidClaimResult,
        reversedBy: reversedBy.get(event.id) ?? null,
        catalog: scenario.world.catalog,
        patientDisplay: memberDisplayOf(members.get(event.memberId) ?? null),
      },
    ];
  });
}

export function runExportCommand(args: readonly string[], now: () => Date = () => new Date()): CommandResult {
  const accepted = exportCommand.accept(args);
  if ('answer' in accepted) return accepted.answer;
  const [format, dir] = accepted.parsed.operands as [string, string];
  if (format !== 'fhir') return fail(2, `FORMAT: must be fhir, not ${format}`);
  const texts: string[] = [];
  for (const name of ['scenario.json', 'outcome.json']) {
    try {
      texts.push(readFileSync(join(dir, name), 'utf8'));
    } catch (e) {
      return fail(
        2,
        `cannot read ${join(dir, name)}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'} (a run's output directory has it)`,
      );
    }
  }
  try {
    const claims = settledClaimsOf(texts[0]!, texts[1]!);
    const out = join(dir, 'fhir');
    mkdirSync(out, { recursive: true });
    for (const claim of claims) {
      const eob = explanationOfBenefit(claim);
      writeFileSync(join(out, `${eob.id}.json`), `${JSON.stringify(eob, null, 2)}\n`);
    }
    writeFileSync(join(out, 'bundle.json'), `${JSON.stringify(explanationBundle(claims, now().toISOString()), null, 2)}\n`);
    return { code: 0, stdout: `wrote ${claims.length} ExplanationOfBenefit resources and bundle.json to ${out}\n`, stderr: '' };
  } catch (e) {
    if (e instanceof ContractError) return fail(2, e.message);
    return fail(1, `internal error: ${(e as Error).message}`);
  }
}

if (import.meta.main) {
  const { code, stdout, stderr } = runExportCommand(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
