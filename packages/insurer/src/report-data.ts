/**
 * insurer → report data: what the report's charts show, counted from a run's
 * results (settled, unreversed claims for payouts, as the loss ratio counts them).
 */
import { lossRatios, type ProductLossRatio } from './loss-ratio.ts';
import { eventsById, firstResults, type InsurerRun, reversalsOf } from './run.ts';
import type { WhatIfReport } from './whatif.ts';

/** The tiers and sources a claim's cost is paid by, in the order of DOMAIN.md. */
export const PAID_BY = ['basic', 'criticalIllness', 'assistance', 'supplementary', 'ownAccount', 'familyAccount', 'cash'] as const;
export type PaidBy = (typeof PAID_BY)[number];

/** One month of service dates (YYYY-MM) and what each tier and source paid on it. */
export interface MonthPaid {
  readonly month: string;
  readonly fen: Readonly<Record<PaidBy, number>>;
}

/** Claims (or anything else) finished in one second of a run, counted from its start. */
export interface ThroughputPoint {
  readonly second: number;
  readonly count: number;
}

export interface ReportData {
  readonly title: string;
  readonly paidByMonth: readonly MonthPaid[];
  /** Reason code → how many: rejected claims, rejected enrollments. */
  readonly rejections: { readonly claims: Readonly<Record<string, number>>; readonly enrollments: Readonly<Record<string, number>> };
  readonly lossRatios: readonly ProductLossRatio[];
  /** Claims decided per second over the run; absent when the run was not timed (a replay). */
  readonly throughput?: readonly ThroughputPoint[];
  readonly whatIf?: WhatIfReport;
}

/**
 * The charts' figures of a run.
 *
 * @example reportData(run, { title: 'Main job, seed 7' }).paidByMonth[0]?.fen.supplementary
 */
export function reportData(
  run: InsurerRun,
  extra: { readonly title: string; readonly throughput?: readonly ThroughputPoint[]; readonly whatIf?: WhatIfReport },
): ReportData {
  const events = eventsById(run.events);
  const reversed = reversalsOf(run.results);
  const months = new Map<string, Record<PaidBy, number>>();
  const claims: Record<string, number> = {};
  const enrollments: Record<string, number> = {};
  for (const r of firstResults(run.results)) {
    if (r.type === 'enroll' && r.status === 'rejected') for (const x of r.reasons) enrollments[x.code] = (enrollments[x.code] ?? 0) + 1;
    if (r.type !== 'claim') continue;
    if (r.status === 'rejected') for (const x of r.reasons) claims[x.code] = (claims[x.code] ?? 0) + 1;
    const e = events.get(r.id);
    if (r.status !== 'settled' || reversed.has(r.id) || e?.type !== 'claim') continue;
    const month = e.serviceDate.slice(0, 7);
    const m = months.get(month) ?? {
      basic: 0,
      criticalIllness: 0,
      assistance: 0,
      supplementary: 0,
      ownAccount: 0,
      familyAccount: 0,
      cash: 0,
    };
    m.basic += r.basic?.paidFen ?? 0;
    m.criticalIllness += r.criticalIllness?.paidFen ?? 0;
    m.assistance += r.assistance?.paidFen ?? 0;
    m.supplementary += r.supplementary?.paidFen ?? 0;
    m.ownAccount += r.payments.ownAccountFen;
    m.familyAccount += r.payments.familyAccountFen;
    m.cash += r.payments.cashFen;
    months.set(month, m);
  }
  return {
    title: extra.title,
    paidByMonth: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, fen]) => ({ month, fen })),
    rejections: { claims, enrollments },
    lossRatios: lossRatios(run),
    ...(extra.throughput ? { throughput: extra.throughput } : {}),
    ...(extra.whatIf ? { whatIf: extra.whatIf } : {}),
  };
}

/**
 * Per-second counts from the times things finished (milliseconds from any origin):
 * second 0 is the second of the first one.
 *
 * @example throughputOf([0, 200, 1500]) // [{ second: 0, count: 2 }, { second: 1, count: 1 }]
 */
export function throughputOf(finishedMs: readonly number[]): ThroughputPoint[] {
  if (finishedMs.length === 0) return [];
  const start = Math.min(...finishedMs);
  const counts: number[] = [];
  for (const t of finishedMs) {
    const s = Math.floor((t - start) / 1000);
    counts[s] = (counts[s] ?? 0) + 1;
  }
  return Array.from(counts, (count, second) => ({ second, count: count ?? 0 }));
}
