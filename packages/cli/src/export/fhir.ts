/**
 * The `fhir` export: a run's settled claims as FHIR R4 — one ExplanationOfBenefit
 * per settled claim in OUT/fhir/<resource id>.json and all of them in one
 * collection Bundle, OUT/fhir/bundle.json. The mapping is the pure module
 * functions/src/fhir/explanation-of-benefit.ts; patients appear by member id and
 * masked name only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimEvent, PaidClaimResult } from '@medins/engine';
import { memberDisplayOf } from '@medins/functions/api/explanation';
import { explanationBundle, explanationOfBenefit, type SettledClaim } from '@medins/functions/fhir/explanation-of-benefit';
import { eventsById, firstResults, type InsurerRun } from '@medins/insurer';

/** The run's settled claims, in the serial order of the run, with the reversal that undid each. */
function settledClaimsOf(run: InsurerRun): SettledClaim[] {
  const results = firstResults(run.results);
  const events = eventsById(run.events);
  const reversedBy = new Map<string, string>();
  for (const r of results) if (r.type === 'reverseClaim' && r.status === 'reversed') reversedBy.set(r.claimId, r.id);
  const members = new Map(run.world.members.map((m) => [m.id as string, m]));
  return results.flatMap((result) => {
    const event = events.get(result.id);
    if (event?.type !== 'claim' || result.type !== 'claim' || result.status !== 'settled') return [];
    return [
      {
        claim: event as ClaimEvent,
        result: result as PaidClaimResult,
        reversedBy: reversedBy.get(event.id) ?? null,
        catalog: run.world.catalog,
        patientDisplay: memberDisplayOf(members.get(event.memberId) ?? null),
      },
    ];
  });
}

/** Writes OUT/fhir/*.json and OUT/fhir/bundle.json (stamped `now`); returns the files written. */
export function writeFhirExport(run: InsurerRun, to: string, now: Date = new Date()): string[] {
  const claims = settledClaimsOf(run);
  const out = join(to, 'fhir');
  mkdirSync(out, { recursive: true });
  const files: string[] = [];
  for (const claim of claims) {
    const eob = explanationOfBenefit(claim);
    const file = join(out, `${eob.id}.json`);
    writeFileSync(file, `${JSON.stringify(eob, null, 2)}\n`);
    files.push(file);
  }
  const bundle = join(out, 'bundle.json');
  writeFileSync(bundle, `${JSON.stringify(explanationBundle(claims, now.toISOString()), null, 2)}\n`);
  return [...files, bundle];
}
