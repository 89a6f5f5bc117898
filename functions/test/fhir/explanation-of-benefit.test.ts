/**
 * fhir/explanation-of-benefit.ts: every settled claim of every contract example as a
 * FHIR R4 ExplanationOfBenefit — valid against HL7's R4 JSON schema, amounts that
 * add up to the claim's total in CNY, tiers in order, the patient by id and masked
 * name only; a reversed claim is cancelled; a run's claims as one valid Bundle.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '@medins/contract';
import { type ClaimEvent, maskName, type PaidClaimResult, replay } from '@medins/engine';
import type { ExplanationOfBenefit } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { explanationBundle, explanationOfBenefit, fhirIdOf, type SettledClaim } from '../../src/fhir/explanation-of-benefit.ts';
import { fhirErrors } from '../support/fhir-schema.ts';
import { exampleDoc } from '../support/scenarios.ts';

const EXAMPLES = readdirSync(join(import.meta.dirname, '../../../../shared/contract/examples'))
  .filter((f) => f.endsWith('.scenario.json'))
  .map((f) => f.replace('.scenario.json', ''));

/** Every settled claim of an example, as the engine settled it, with the reversal that undid it. */
function settledClaims(stem: string): SettledClaim[] {
  const scenario = parseScenario(exampleDoc(stem));
  const { results } = replay(scenario.world, scenario.events);
  const reversedBy = new Map<string, string>();
  for (const r of results) if (r.type === 'reverseClaim' && r.status === 'reversed') reversedBy.set(r.claimId, r.id);
  const members = new Map(scenario.world.members.map((m) => [m.id, m]));
  const seen = new Set<string>();
  return scenario.events.flatMap((event, i) => {
    const result = results[i];
    if (event.type !== 'claim' || result?.type !== 'claim' || result.status !== 'settled' || seen.has(event.id)) return [];
    seen.add(event.id);
    const member = members.get(event.memberId);
    return [
      {
        claim: event as ClaimEvent,
        result: result as PaidClaimResult,
        reversedBy: reversedBy.get(event.id) ?? null,
        catalog: scenario.world.catalog,
        patientDisplay: member ? member.name.masked : null,
      },
    ];
  });
}

const fen = (money: { value?: number } | undefined) => Math.round((money?.value ?? Number.NaN) * 100);
const totalOf = (eob: ExplanationOfBenefit, code: string) =>
  fen(eob.total?.find((t) => t.category.coding?.some((c) => c.code === code))?.amount);

describe('explanationOfBenefit', () => {
  const all = EXAMPLES.flatMap((stem) => settledClaims(stem).map((c) => ({ stem, c })));

  it('has settled claims to export in the examples, reversed ones among them', () => {
    expect(all.length).toBeGreaterThan(10);
    expect(all.some(({ c }) => c.reversedBy)).toBe(true);
    expect(all.some(({ c }) => c.result.payments.familyAccountFen > 0)).toBe(true);
  });

  it.each(EXAMPLES)('%s: every settled claim validates against the R4 schema and adds up to its total', (stem) => {
    for (const settled of settledClaims(stem)) {
      const eob = explanationOfBenefit(settled);
      const { result } = settled;
      expect(fhirErrors('ExplanationOfBenefit', eob), settled.claim.id).toEqual([]);
      // submitted = the claim's total = Σ items = every tier's benefit + the patient's share (own, family, cash).
      expect(totalOf(eob, 'submitted')).toBe(result.totalFen);
      expect((eob.item ?? []).reduce((s, item) => s + fen(item.net), 0)).toBe(result.totalFen);
      const tiers = [result.basic, result.criticalIllness, result.assistance, result.supplementary].reduce(
        (s, t) => s + (t?.paidFen ?? 0),
        0,
      );
      expect(totalOf(eob, 'benefit')).toBe(tiers);
      const p = result.payments;
      expect(totalOf(eob, 'paidbypatienthealthaccount')).toBe(p.ownAccountFen);
      expect(totalOf(eob, 'paidbypatientother')).toBe(p.familyAccountFen);
      expect(totalOf(eob, 'paidbypatientcash')).toBe(p.cashFen);
      expect(totalOf(eob, 'paidbypatient')).toBe(p.ownAccountFen + p.familyAccountFen + p.cashFen);
      expect(totalOf(eob, 'benefit') + totalOf(eob, 'paidbypatient')).toBe(result.totalFen);
      // Σ items' eligible is the basic tier's in-scope cost; the header's per-tier benefits add up to `benefit`.
      const eligible = (eob.item ?? []).reduce(
        (s, item) => s + fen(item.adjudication?.find((a) => a.category.coding?.[0]?.code === 'eligible')?.amount),
        0,
      );
      expect(eligible).toBe(result.basic?.scopeFen ?? eligible);
      expect((eob.adjudication ?? []).reduce((s, a) => s + fen(a.amount), 0)).toBe(tiers);
      expect(eob.total?.every((t) => t.amount.currency === 'CNY')).toBe(true);
      expect(eob.status).toBe(settled.reversedBy ? 'cancelled' : 'active');
    }
  });

  it('lists the tiers that ran in tier order, the first focal, each a contained Coverage naming its plan', () => {
    const settled = settledClaims('01-quzhou-inpatient-all-tiers').find((c) => c.result.supplementary && c.result.criticalIllness)!;
    const eob = explanationOfBenefit(settled);

    expect(eob.insurance.map((i) => [i.focal, i.coverage.reference])).toEqual([
      [true, '#coverage-basic'],
      [false, '#coverage-criticalIllness'],
      ...(settled.result.assistance ? [[false, '#coverage-assistance']] : []),
      [false, '#coverage-supplementary'],
    ]);
    const coverages = (eob.contained ?? []) as unknown as { id?: string; payor: { identifier?: { value?: string } }[] }[];
    expect(coverages.find((c) => c.id === 'coverage-supplementary')?.payor[0]?.identifier?.value).toBe(
      settled.result.supplementary?.planId,
    );
    expect(eob.insurer.identifier?.value).toBe(settled.result.basic?.planId);
  });

  it('shows the patient by member id and masked name, never the clear name', () => {
    const settled = settledClaims('01-quzhou-inpatient-all-tiers')[0]!;
    const doc = exampleDoc('01-quzhou-inpatient-all-tiers') as unknown as { members: { id: string; name: string }[] };
    const clear = doc.members.find((m) => m.id === settled.claim.memberId)!.name;

    const eob = explanationOfBenefit(settled);

    expect(eob.patient).toEqual({ identifier: { system: 'urn:medins:member', value: settled.claim.memberId }, display: maskName(clear) });
    expect(JSON.stringify(eob)).not.toContain(clear);
    expect(explanationOfBenefit({ ...settled, patientDisplay: null }).patient.display).toBeUndefined();
  });

  it('makes a self-pay Coverage focal when no tier ran', () => {
    const settled = settledClaims('01-quzhou-inpatient-all-tiers')[0]!;
    const none = { ...settled.result, basic: null, criticalIllness: null, assistance: null, supplementary: null };

    const eob = explanationOfBenefit({ ...settled, result: none });

    expect(fhirErrors('ExplanationOfBenefit', eob)).toEqual([]);
    expect(eob.insurance).toEqual([{ focal: true, coverage: { reference: '#coverage-self-pay' } }]);
  });

  it('is checked for real: the R4 schema refuses a wrong status, a missing patient and an amount as text', () => {
    const eob = explanationOfBenefit(settledClaims('01-quzhou-inpatient-all-tiers')[0]!);
    const { patient: _patient, ...noPatient } = eob;

    expect(fhirErrors('ExplanationOfBenefit', { ...eob, status: 'settled' })).not.toEqual([]);
    expect(fhirErrors('ExplanationOfBenefit', noPatient)).not.toEqual([]);
    expect(fhirErrors('ExplanationOfBenefit', { ...eob, payment: { amount: { value: '1.00', currency: 'CNY' } } })).not.toEqual([]);
  });

  it('keeps a claim id that is a FHIR id, and digests one that is not (stored ids hold `:`)', () => {
    expect(fhirIdOf('c1')).toBe('c1');
    expect(fhirIdOf('svc-abc:c1')).toMatch(/^c-[0-9a-f]{40}$/);
    expect(fhirIdOf('svc-abc:c1')).not.toBe(fhirIdOf('svc-abc:c2'));
  });

  it('bundles a run’s settled claims into one valid collection Bundle, in order', () => {
    const claims = EXAMPLES.flatMap(settledClaims);

    const bundle = explanationBundle(claims, '2021-12-31T23:59:59+08:00');

    expect(fhirErrors('Bundle', bundle)).toEqual([]);
    expect(bundle.entry?.map((e) => e.resource?.identifier?.[0]?.value)).toEqual(claims.map((c) => c.claim.id));
  });
});
