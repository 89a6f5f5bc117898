/**
 * The CSV exports read back with a CSV parser sum, column by column, to the
 * outcome to the fen; the loss ratio is recomputed by hand from them; no clear
 * personal data is in them.
 */
import { parseScenario } from '@medins/contract';
import { replay } from '@medins/engine';
import { generateWorkload, reviewerDecision, summarizeOutcome } from '@medins/workload';
import { describe, expect, it } from 'vitest';
import { csvExports } from '../src/csv.ts';
import { InsurerInputError } from '../src/errors.ts';
import { lossRatios } from '../src/loss-ratio.ts';
import type { InsurerRun } from '../src/run.ts';
import { type CsvRow, fenOf, readCsv, sumFen } from './support/csv.ts';
import { twoYearsRun } from './support/two-years.ts';

const cityDoc = generateWorkload({ members: 300, claims: 400, seed: 5 });
const city = (): InsurerRun => {
  const s = parseScenario(cityDoc);
  const o = replay(s.world, s.events);
  return { world: s.world, events: s.events, results: o.results, balances: o.balances };
};
const filesOf = (run: InsurerRun) => Object.fromEntries(csvExports(run).map((f) => [f.name, readCsv(f.text)])) as Record<string, CsvRow[]>;

describe('CSV exports', () => {
  const run = city();
  const files = filesOf(run);
  const claims = files['claims.csv']!;
  const settled = claims.filter((r) => r.type === 'claim' && r.status === 'settled');

  it('writes the four files, UTF-8 with a BOM, one claims row per claim and quote', () => {
    expect(Object.keys(files)).toEqual(['claims.csv', 'enrollments.csv', 'renewals.csv', 'policies.csv', 'balances.csv']);
    const ids = run.results.filter((r) => r.type === 'claim' || r.type === 'quote').map((r) => r.id);
    expect(claims.map((r) => r.claim_id)).toEqual([...new Set(ids)]);
    expect(claims.some((r) => r.type === 'quote')).toBe(true);
    expect(claims.some((r) => r.status === 'rejected' && r.reasons !== '')).toBe(true);
  });

  it('sums each paid column of the settled claims to the outcome, to the fen', () => {
    const s = summarizeOutcome(run.results).claims;
    expect(settled.length).toBe(s.settled);
    expect(sumFen(settled, 'total_yuan')).toBe(s.totalFen);
    expect(sumFen(settled, 'basic_yuan')).toBe(s.paidFen.basic);
    expect(sumFen(settled, 'critical_illness_yuan')).toBe(s.paidFen.criticalIllness);
    expect(sumFen(settled, 'assistance_yuan')).toBe(s.paidFen.assistance);
    expect(sumFen(settled, 'supplementary_yuan')).toBe(s.paidFen.supplementary);
    expect(sumFen(settled, 'own_account_yuan')).toBe(s.paidFen.ownAccount);
    expect(sumFen(settled, 'family_account_yuan')).toBe(s.paidFen.familyAccount);
    expect(sumFen(settled, 'cash_yuan')).toBe(s.paidFen.cash);
    const parts = ['basic', 'critical_illness', 'assistance', 'supplementary', 'own_account', 'family_account', 'cash'];
    for (const row of claims)
      expect(
        parts.reduce((t, p) => t + fenOf(row[`${p}_yuan`]), 0),
        row.claim_id,
      ).toBe(row.status === 'rejected' ? 0 : fenOf(row.total_yuan));
  });

  it('gives the loss ratio of each product by hand from claims, enrollments, renewals and policies', () => {
    const held = (productId: string) => run.world.policies.filter((p) => p.productId === productId).length;
    const policies = files['policies.csv']!;
    for (const p of lossRatios(run)) {
      const paid = settled.filter((r) => r.supplementary_product === p.productId && r.reversed_by === '');
      const enrolled = files['enrollments.csv']!.filter((r) => r.product_id === p.productId && r.status === 'enrolled');
      const renewed = files['renewals.csv']!.filter((r) => r.to_product === p.productId && r.outcome === 'renewed');
      const premium = run.world.catalog.product(p.productId as never)!.premiumFen;
      expect(sumFen(paid, 'supplementary_yuan'), p.productId).toBe(p.netPaidFen);
      expect(held(p.productId) * premium + sumFen(enrolled, 'premium_yuan') + sumFen(renewed, 'premium_yuan'), p.productId).toBe(
        p.premiumsFen,
      );
      const ofProduct = policies.filter((r) => r.product_id === p.productId);
      expect(sumFen(ofProduct, 'premium_yuan'), p.productId).toBe(p.premiumsFen);
      expect(ofProduct.filter((r) => r.source === 'held').length, p.productId).toBe(p.policies.held);
      expect(ofProduct.filter((r) => r.source === 'renewed').length, p.productId).toBe(p.policies.renewed);
    }
    expect(lossRatios(run).some((p) => p.netPaidFen > 0 && p.premiumsFen > 0)).toBe(true);
    expect(new Set(policies.map((r) => r.policy_id)).size).toBe(policies.length);
  });

  it('sums enrollments and balances to the outcome', () => {
    const enrolled = files['enrollments.csv']!.filter((r) => r.status === 'enrolled');
    expect(sumFen(enrolled, 'account_paid_yuan')).toBe(summarizeOutcome(run.results).enrollments.accountPaidFen);
    const balances = files['balances.csv']!;
    const closing = Object.values(run.balances).reduce((t, a) => t + a.currentFen + a.historicalFen, 0);
    expect(sumFen(balances, 'closing_current_yuan') + sumFen(balances, 'closing_historical_yuan')).toBe(closing);
    for (const row of balances)
      expect(fenOf(row.change_yuan)).toBe(
        fenOf(row.closing_current_yuan) +
          fenOf(row.closing_historical_yuan) -
          fenOf(row.opening_current_yuan) -
          fenOf(row.opening_historical_yuan),
      );
  });

  it('counts each campaign policy by policy as the stored campaign result does', () => {
    const renewals = files['renewals.csv']!;
    const campaign = run.results.find((r) => r.type === 'renewalCampaign');
    expect(campaign?.type).toBe('renewalCampaign');
    if (campaign?.type !== 'renewalCampaign') return;
    expect(renewals.filter((r) => r.outcome === 'renewed').length).toBe(campaign.renewed);
    expect(renewals.filter((r) => r.outcome === 'failed').length).toBe(campaign.failed);
    expect(renewals.filter((r) => r.outcome === 'skipped').length).toBe(campaign.skipped);
  });

  it('shows members by id and masked name only', () => {
    const text = csvExports(run)
      .map((f) => f.text)
      .join('\n');
    // The clear values are only in the input document (the run's members are sealed).
    for (const m of cityDoc.members as { id: string; name: string; idNumber?: string | null; phone?: string | null }[]) {
      if (m.name.length >= 2) expect(text.includes(m.name), m.id).toBe(false);
      if (m.idNumber) expect(text.includes(m.idNumber), m.id).toBe(false);
      if (m.phone) expect(text.includes(m.phone), m.id).toBe(false);
    }
    expect(claims[0]?.member).toMatch(/^\S\*+$/);
  });

  it('writes yuan exactly across a year boundary, the reversal beside the claim it undid', () => {
    const small = filesOf(twoYearsRun());
    expect(
      small['claims.csv']!.map((r) => [r.claim_id, r.service_date, r.supplementary_product, r.supplementary_yuan, r.reversed_by]),
    ).toEqual([
      ['c1', '2024-03-01', 'huiqubao-2024', '5000.00', ''],
      ['c2', '2024-06-01', 'huiqubao-2024', '1000.00', 'x1'],
      ['c3', '2024-12-30', 'huiqubao-2024', '200.00', ''],
      ['c4', '2025-01-05', 'huiqubao-2025', '500.00', ''],
    ]);
    expect(small['renewals.csv']!.map((r) => [r.policy_id, r.outcome, r.premium_yuan])).toEqual([
      ['pol-1', 'renewed', '120.00'],
      ['huiqubao-2024:m2', 'reminded', '0.00'],
    ]);
    expect(small['policies.csv']!.map((r) => [r.policy_id, r.product_id, r.source, r.event_id, r.payment, r.premium_yuan])).toEqual([
      ['pol-1', 'huiqubao-2024', 'held', '', 'personalAccount', '100.00'],
      ['huiqubao-2024:m2', 'huiqubao-2024', 'enrolled', 'e1', 'cash', '100.00'],
      ['huiqubao-2025:m3', 'huiqubao-2025', 'enrolled', 'e2', 'cash', '120.00'],
      ['huiqubao-2025:m1', 'huiqubao-2025', 'renewed', 'r1', 'personalAccount', '120.00'],
    ]);
    expect(small['balances.csv']!.find((r) => r.member_id === 'm1')).toMatchObject({
      member: '张*',
      opening_historical_yuan: '1000.00',
      closing_historical_yuan: '880.00',
      change_yuan: '-120.00',
    });
  });

  it('refuses an outcome whose campaign counts differ from the replay of the scenario: files of two runs', () => {
    const small = twoYearsRun();
    const tampered = small.results.map((r) => (r.type === 'renewalCampaign' ? { ...r, renewed: r.renewed + 1 } : r));
    expect(() => csvExports({ ...small, results: tampered })).toThrow(InsurerInputError);
    expect(() => csvExports({ ...small, results: tampered })).toThrow(
      /renewal campaign r1: outcome.json says 2 renewed, the replay of scenario.json 1/,
    );
  });
});

describe('claims.csv with reviewers', () => {
  it('shows a held claim a reviewer decided under the decision: its status, amounts and id; an undecided one pays nothing', () => {
    const reviewedDoc = generateWorkload({ members: 300, claims: 400, seed: 5, review: true });
    const firstScenario = parseScenario(reviewedDoc);
    const first = replay(firstScenario.world, firstScenario.events);
    const byId = new Map(reviewedDoc.events.map((e) => [e.id, e]));
    const held = first.results.filter((r) => r.type === 'claim' && r.status === 'held');
    expect(held.length).toBeGreaterThan(2);
    // The reviewers decide all but the last held claim.
    const decisions = held.slice(0, -1).map((r) => reviewerDecision(byId.get(r.id) as never, 5));
    const events = [...reviewedDoc.events, ...decisions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const s = parseScenario({ ...reviewedDoc, events });
    const o = replay(s.world, s.events);
    const run: InsurerRun = { world: s.world, events: s.events, results: o.results, balances: o.balances };
    const rows = new Map(filesOf(run)['claims.csv']!.map((r) => [r.claim_id, r]));
    for (const d of decisions) {
      const result = o.results.find((r) => r.id === d.id)!;
      const row = rows.get(d.claimId)!;
      expect(row.decided_by, d.claimId).toBe(d.id);
      expect(row.status).toBe(result.status);
      if (result.type === 'reviewDecision') {
        expect(fenOf(row.total_yuan)).toBe(result.totalFen);
        expect(fenOf(row.cash_yuan)).toBe(result.payments.cashFen);
        expect(fenOf(row.basic_yuan)).toBe(result.basic?.paidFen ?? 0);
      }
    }
    const undecided = rows.get(held.at(-1)!.id)!;
    expect(undecided).toMatchObject({ status: 'held', decided_by: '', cash_yuan: '0.00', basic_yuan: '0.00' });
    // The settled rows, decided ones included, add up to what the run paid.
    const settled = [...rows.values()].filter((r) => r.type === 'claim' && r.status === 'settled');
    expect(sumFen(settled, 'cash_yuan')).toBe(summarizeOutcome(o.results).claims.paidFen.cash);
  });
});
