/**
 * insurer → what-if: last year's events replayed through the engine under other
 * product parameters, beside the baseline. Nothing here settles: both runs are the
 * engine's `replay` of the same events, one on the world as it was and one on the
 * world with the changed parameters (validated like any scenario). With no change
 * the variant is the baseline, result for result.
 *
 * Figures are over settled claims that were not reversed (撤销结算), the basis of
 * the loss ratio; quotes and rejected claims pay nothing.
 */
import { performance } from 'node:perf_hooks';
import { parseScenario } from '@medins/contract';
import { type ClaimResult, type DomainEvent, type EventResult, replay, type VisitType } from '@medins/engine';
import { lossRatios, type ProductLossRatio } from './loss-ratio.ts';
import { applySettings, type ParameterChange, type ParameterSetting } from './parameters.ts';
import { ageBandOf, eventsById, firstResults, type InsurerRun, reversalsOf } from './run.ts';

/** What the settled, unreversed claims of a run paid, by tier and source, and by responsibility. */
export interface PaidTotals {
  readonly claims: number;
  readonly totalFen: number;
  readonly basicFen: number;
  readonly criticalIllnessFen: number;
  readonly assistanceFen: number;
  readonly supplementaryFen: number;
  readonly ownAccountFen: number;
  readonly familyAccountFen: number;
  readonly cashFen: number;
  /** `product.responsibility` → fen paid (e.g. `huiqubao-2024.R2`). */
  readonly byResponsibility: Readonly<Record<string, number>>;
}

/** A group of claims (a visit type, an age band) under both parameter sets. */
export interface GroupComparison {
  readonly group: string;
  readonly claims: number;
  readonly baselineSupplementaryFen: number;
  readonly variantSupplementaryFen: number;
  readonly baselineCashFen: number;
  readonly variantCashFen: number;
}

/** One claim whose figures changed. */
export interface ClaimChange {
  readonly claimId: string;
  readonly visitType: VisitType | '';
  readonly ageBand: string;
  readonly totalFen: number;
  readonly baselineSupplementaryFen: number;
  readonly variantSupplementaryFen: number;
  readonly baselineCashFen: number;
  readonly variantCashFen: number;
}

export interface WhatIfReport {
  readonly changes: readonly ParameterChange[];
  readonly baseline: PaidTotals;
  readonly variant: PaidTotals;
  readonly lossRatios: { readonly baseline: readonly ProductLossRatio[]; readonly variant: readonly ProductLossRatio[] };
  readonly byVisitType: readonly GroupComparison[];
  readonly byAgeBand: readonly GroupComparison[];
  /** Every claim whose supplementary payout or cash changed, largest change first. */
  readonly changedClaims: readonly ClaimChange[];
  /** How many claims changed in all. */
  readonly claimsChanged: number;
  /** Every result of the variant equals the baseline's. */
  readonly identical: boolean;
  readonly claimsReplayed: number;
  readonly seconds: { readonly baseline: number; readonly variant: number };
}

const isPaid = (r: EventResult): r is ClaimResult => r.type === 'claim' && r.status === 'settled';

function totalsOf(results: readonly EventResult[]): PaidTotals {
  const reversed = reversalsOf(results);
  const t = {
    claims: 0,
    totalFen: 0,
    basicFen: 0,
    criticalIllnessFen: 0,
    assistanceFen: 0,
    supplementaryFen: 0,
    ownAccountFen: 0,
    familyAccountFen: 0,
    cashFen: 0,
  };
  const byResponsibility: Record<string, number> = {};
  for (const r of firstResults(results)) {
    if (!isPaid(r) || reversed.has(r.id)) continue;
    t.claims++;
    t.totalFen += r.totalFen;
    t.basicFen += r.basic?.paidFen ?? 0;
    t.criticalIllnessFen += r.criticalIllness?.paidFen ?? 0;
    t.assistanceFen += r.assistance?.paidFen ?? 0;
    t.supplementaryFen += r.supplementary?.paidFen ?? 0;
    t.ownAccountFen += r.payments.ownAccountFen;
    t.familyAccountFen += r.payments.familyAccountFen;
    t.cashFen += r.payments.cashFen;
    for (const x of r.supplementary?.responsibilities ?? []) {
      const key = `${r.supplementary!.planId}.${x.id}`;
      byResponsibility[key] = (byResponsibility[key] ?? 0) + x.paidFen;
    }
  }
  return { ...t, byResponsibility };
}

function timed(world: InsurerRun['world'], events: readonly DomainEvent[]) {
  const start = performance.now();
  const outcome = replay(world, events);
  return { outcome, seconds: Math.round(performance.now() - start) / 1000 };
}

/**
 * Replays the run's events under the baseline world and under the world with
 * `settings` applied, and compares them.
 *
 * @example whatIf(doc, [parseSetting('huiqubao-2021.R2.deductibleFen=500000')]).variant.supplementaryFen
 */
export function whatIf(document: unknown, settings: readonly ParameterSetting[]): WhatIfReport {
  return whatIfRuns(document, settings).report;
}

/** `whatIf`, with both runs as the insurer reads them (for the report's charts of the baseline). */
export function whatIfRuns(
  document: unknown,
  settings: readonly ParameterSetting[],
): { readonly report: WhatIfReport; readonly baseline: InsurerRun; readonly variant: InsurerRun } {
  const base = parseScenario(document);
  const { world: changedWorld, changes } = applySettings(document, settings);
  const baseline = timed(base.world, base.events);
  const variant = timed(changedWorld, base.events);
  const baseRun: InsurerRun = {
    world: base.world,
    events: base.events,
    results: baseline.outcome.results,
    balances: baseline.outcome.balances,
  };
  const variantRun: InsurerRun = {
    world: changedWorld,
    events: base.events,
    results: variant.outcome.results,
    balances: variant.outcome.balances,
  };

  const events = eventsById(base.events);
  const members = new Map(base.world.members.map((m) => [m.id as string, m]));
  const baseReversed = reversalsOf(baseline.outcome.results);
  const variantById = new Map(firstResults(variant.outcome.results).map((r) => [r.id, r]));
  const byVisitType = new Map<string, GroupComparison>();
  const byAgeBand = new Map<string, GroupComparison>();
  const changedClaims: ClaimChange[] = [];
  const add = (groups: Map<string, GroupComparison>, group: string, b: ClaimResult, v: ClaimResult | undefined) => {
    const g = groups.get(group) ?? {
      group,
      claims: 0,
      baselineSupplementaryFen: 0,
      variantSupplementaryFen: 0,
      baselineCashFen: 0,
      variantCashFen: 0,
    };
    groups.set(group, {
      group,
      claims: g.claims + 1,
      baselineSupplementaryFen: g.baselineSupplementaryFen + (b.supplementary?.paidFen ?? 0),
      variantSupplementaryFen: g.variantSupplementaryFen + (v?.supplementary?.paidFen ?? 0),
      baselineCashFen: g.baselineCashFen + b.payments.cashFen,
      variantCashFen: g.variantCashFen + (v?.payments.cashFen ?? 0),
    });
  };
  let identical = baseline.outcome.results.length === variant.outcome.results.length;
  for (const b of firstResults(baseline.outcome.results)) {
    const v = variantById.get(b.id);
    if (identical && JSON.stringify(b) !== JSON.stringify(v)) identical = false;
    if (!isPaid(b) || baseReversed.has(b.id)) continue;
    const vc = v && isPaid(v) ? v : undefined;
    const e = events.get(b.id);
    const visit = e?.type === 'claim' ? e : undefined;
    const ageBand = visit ? ageBandOf(members.get(visit.memberId), visit.serviceDate) || 'unknown' : 'unknown';
    add(byVisitType, visit?.visitType ?? 'unknown', b, vc);
    add(byAgeBand, ageBand, b, vc);
    const change: ClaimChange = {
      claimId: b.id,
      visitType: visit?.visitType ?? '',
      ageBand,
      totalFen: b.totalFen,
      baselineSupplementaryFen: b.supplementary?.paidFen ?? 0,
      variantSupplementaryFen: vc?.supplementary?.paidFen ?? 0,
      baselineCashFen: b.payments.cashFen,
      variantCashFen: vc?.payments.cashFen ?? 0,
    };
    if (change.baselineSupplementaryFen !== change.variantSupplementaryFen || change.baselineCashFen !== change.variantCashFen)
      changedClaims.push(change);
  }
  const size = (c: ClaimChange) =>
    Math.abs(c.variantSupplementaryFen - c.baselineSupplementaryFen) + Math.abs(c.variantCashFen - c.baselineCashFen);
  changedClaims.sort((a, b) => size(b) - size(a) || a.claimId.localeCompare(b.claimId));
  const sorted = (m: Map<string, GroupComparison>) => [...m.values()].sort((a, b) => a.group.localeCompare(b.group));
  const report: WhatIfReport = {
    changes,
    baseline: totalsOf(baseline.outcome.results),
    variant: totalsOf(variant.outcome.results),
    lossRatios: { baseline: lossRatios(baseRun), variant: lossRatios(variantRun) },
    byVisitType: sorted(byVisitType),
    byAgeBand: sorted(byAgeBand),
    changedClaims,
    claimsChanged: changedClaims.length,
    identical,
    claimsReplayed: base.events.filter((e) => e.type === 'claim').length,
    seconds: { baseline: baseline.seconds, variant: variant.seconds },
  };
  return { report, baseline: baseRun, variant: variantRun };
}
