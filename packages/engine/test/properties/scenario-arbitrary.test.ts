/**
 * The scenario arbitrary itself (test/support/scenario-arbitrary.ts): every document
 * it yields is valid, and together they reach every path the properties rely on —
 * every status of every event type, every reason and note code of the contract,
 * every tier and responsibility kind paying, family aid, renewals, duplicates, and
 * (with `review`) every review flag and every outcome of a reviewer's decision.
 */

import { parseScenario } from '@medins/contract';
import { NOTE, REASON, REVIEW_FLAGS, replay } from '@medins/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, scenarioArbitrary } from '../../../../test/support/scenario-arbitrary.ts';

describe('scenarioArbitrary', () => {
  it('yields only documents the contract accepts', () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((review) => scenarioArbitrary({ review })),
        (doc) => {
          expect(() => parseScenario(doc)).not.toThrow();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('respects its options', () => {
    const docs = fc.sample(
      scenarioArbitrary({
        regions: { min: 2, max: 2 },
        members: { min: 4, max: 4 },
        events: { min: 6, max: 6 },
        eventTypes: ['claim'],
        duplicatePercent: 0,
      }),
      { numRuns: 30, seed: 1 },
    );
    for (const doc of docs) {
      expect(doc.regions).toHaveLength(2);
      expect(doc.members).toHaveLength(4);
      expect(doc.events).toHaveLength(6);
      expect(new Set(doc.events.map((e) => e.type))).toEqual(new Set(['claim']));
      expect(new Set(doc.events.map((e) => e.id)).size).toBe(6);
    }
  });

  it('reaches every status, reason, note, tier and responsibility kind', () => {
    const seen = new Set<string>();
    const plain = fc.sample(scenarioArbitrary(), { numRuns: 300, seed: 42 });
    const reviewed = fc.sample(scenarioArbitrary({ review: true }), { numRuns: 300, seed: 42 });
    for (const doc of [...plain, ...reviewed]) {
      const s = parseScenario(doc);
      const ids = new Set<string>();
      for (const e of s.events) {
        if (ids.has(e.id)) seen.add('duplicate delivery');
        ids.add(e.id);
      }
      for (const r of replay(s.world, s.events).results) {
        seen.add(`${r.type}:${r.status}`);
        if ('reasons' in r) for (const x of r.reasons) seen.add(x.code);
        if (r.type === 'claim' && r.status === 'held') for (const f of r.flags) seen.add(f);
        if (r.type === 'reviewDecision' && r.status === 'settled' && r.totalFen === 0) seen.add('approved without every line');
        if (r.type === 'renewalCampaign')
          for (const k of ['renewed', 'failed', 'reminded', 'skipped'] as const) if (r[k] > 0) seen.add(`renewal ${k}`);
        if (r.type !== 'claim' && r.type !== 'quote') continue;
        if (r.status === 'held') continue;
        for (const n of r.notes) seen.add(n.code);
        if (r.basic && r.basic.paidFen > 0) seen.add('basic paid');
        if (r.criticalIllness && r.criticalIllness.paidFen > 0) seen.add('critical illness paid');
        if (r.assistance && r.assistance.paidFen > 0) seen.add('assistance paid');
        if (r.payments.ownAccountFen > 0) seen.add('own account paid');
        if (r.payments.familyAccountFen > 0) seen.add('family account paid');
        const product = r.supplementary && s.world.catalog.product(r.supplementary.planId);
        for (const x of r.supplementary?.responsibilities ?? []) {
          if (x.paidFen > 0) seen.add(`${product?.responsibilities.find((q) => q.id === x.id)?.kind} paid`);
        }
      }
    }
    const expected = [
      ...EVENT_TYPES.flatMap((t) => {
        const ok = {
          claim: 'settled',
          quote: 'quoted',
          reverseClaim: 'reversed',
          enroll: 'enrolled',
          bindFamily: 'bound',
          unbindFamily: 'unbound',
          bindViewer: 'bound',
          renewalCampaign: 'done',
          reviewDecision: 'settled',
        }[t];
        return t === 'renewalCampaign' ? [`${t}:${ok}`] : [`${t}:${ok}`, `${t}:rejected`];
      }),
      'claim:held',
      ...REVIEW_FLAGS,
      'approved without every line',
      ...Object.values(REASON),
      ...Object.values(NOTE),
      ...['renewed', 'failed', 'reminded', 'skipped'].map((k) => `renewal ${k}`),
      ...['basic', 'critical illness', 'assistance', 'own account', 'family account'].map((k) => `${k} paid`),
      ...['inPolicySelfPay', 'inPolicyAboveCriticalThreshold', 'outOfCatalog', 'specialDrug'].map((k) => `${k} paid`),
      'duplicate delivery',
    ];
    expect(expected.filter((x) => !seen.has(x))).toEqual([]);
  });
});
