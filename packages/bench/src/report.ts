/** The bench's printed report: each figure beside what it is judged against, the target, and whether it is met. */
import { renderTable } from '@medins/cli/table';
import type { BenchResult, Details } from './main.ts';

/** Issue 15's targets (issue 6 asked 0.8 of the raw rate at ≤ 15 USD; issue 15 set the cost lower and the ratios at 0.6). */
export const TARGETS = {
  engine: { text: 'ratio ≥ 0.5', met: (r: number) => r >= 0.5 },
  whatIf: { text: '≤ 30 s for 100,000 claims', met: (seconds: number, claims: number) => seconds <= (30 * claims) / 100_000 },
  pipeline: { text: 'ratio ≥ 0.6', met: (r: number) => r >= 0.6 },
  enrollment: { text: 'ratio ≥ 0.6', met: (r: number) => r >= 0.6 },
  renewal: { text: 'growth ≤ 1.3', met: (r: number) => r <= 1.3 },
  cost: { text: '≤ 10 USD', met: (r: number) => r <= 10 },
} as const;

const n = (x: number, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** The first row is the header; every column left-aligned (figures here carry their units). */
const table = ([header, ...rows]: readonly (readonly string[])[]) =>
  renderTable(header ?? [], rows, { align: (header ?? []).map(() => 'left') });

export function formatReport(result: BenchResult, d: Details, header: string): string {
  const rows: string[][] = [['figure', 'value', 'beside it', 'ratio', 'target', '']];
  if (result.engine) {
    const e = result.engine;
    rows.push([
      'engine: claims settled /s',
      n(e.claimsPerSec),
      `JSON parse+stringify ${n(e.serializePerSec)} docs/s`,
      e.ratio.toFixed(3),
      TARGETS.engine.text,
      verdict(TARGETS.engine.met(e.ratio)),
    ]);
  }
  if (result.whatIf) {
    const w = result.whatIf;
    rows.push([
      'what-if: a year replayed twice and compared',
      `${n(w.seconds, 1)} s`,
      `${n(w.claims)} claims; replays ${n(w.replaySeconds.baseline, 1)} s + ${n(w.replaySeconds.variant, 1)} s`,
      '',
      TARGETS.whatIf.text,
      verdict(TARGETS.whatIf.met(w.seconds, w.claims)),
    ]);
  }
  if (result.pipeline && d.pipeline) {
    const p = result.pipeline;
    rows.push([
      'pipeline: claims /s',
      n(p.claimsPerSec, 1),
      `raw TransactWriteItems as the run's ${n(p.storeTxPerSec, 1)} tx/s (only inserts ${n(d.pipeline.insertTxPerSec, 1)}: ${d.pipeline.insertRatio.toFixed(3)})`,
      p.ratio.toFixed(3),
      TARGETS.pipeline.text,
      verdict(TARGETS.pipeline.met(p.ratio)),
    ]);
    rows.push([
      '  ratio by round',
      d.pipeline.roundRatios.map((r) => r.toFixed(3)).join(', '),
      `the median of ${d.pipeline.rounds}: each a share of the claims, then its raw reference`,
      '',
      '',
      '',
    ]);
    rows.push([
      '  latency p50 / p99',
      `${n(p.p50Ms, 1)} / ${n(p.p99Ms, 1)} ms`,
      `${p.claims} claims after ${d.pipeline.warmUp} to warm up (${n(d.pipeline.warmUpPerSec, 1)}/s), ${d.pipeline.window} in flight, ${d.pipeline.concurrency} workers`,
      '',
      '',
      '',
    ]);
    rows.push([
      '  per claim under load',
      `${d.pipeline.perClaim.rru} RRU, ${d.pipeline.perClaim.wru} WRU`,
      `${d.pipeline.perClaim.dynamoCalls} DynamoDB requests, ${d.pipeline.perClaim.transactItems} items per transaction`,
      '',
      '',
      '',
    ]);
    rows.push([
      '  requests per claim',
      `${d.pipeline.perClaim.dynamoCalls} DynamoDB, ${d.pipeline.perClaim.sqsCalls} SQS, ${d.pipeline.perClaim.lambdaInvocations} Lambda`,
      `SQS on the claims queue: ${Object.entries(d.pipeline.sqsByCommand)
        .map(([k, c]) => `${k} ${c}`)
        .join(', ')}`,
      '',
      '',
      '',
    ]);
    rows.push([
      '  a claim commit',
      `${d.pipeline.commits.bytes} bytes`,
      `items by table: ${Object.entries(d.pipeline.commits.itemsByTable)
        .map(([k, c]) => `${k} ${c}`)
        .join(', ')}`,
      '',
      '',
      '',
    ]);
    const c = d.pipeline.cpuMs;
    rows.push([
      '  CPU per claim',
      `${c.node} ms node, ${c.dynamodb} ms JVM`,
      `per raw transaction: ${c.rawNode} ms node, ${c.rawDynamodb} ms JVM`,
      '',
      '',
      '',
    ]);
  }
  if (result.enrollmentSpike && d.spike) {
    const s = result.enrollmentSpike;
    rows.push([
      'enrollment spike: /s',
      n(s.enrollmentsPerSec, 1),
      `raw TransactWriteItems as the run's ${n(s.storeTxPerSec, 1)} tx/s (only inserts ${n(d.spike.insertTxPerSec, 1)}: ${d.spike.insertRatio.toFixed(3)})`,
      s.ratio.toFixed(3),
      TARGETS.enrollment.text,
      verdict(TARGETS.enrollment.met(s.ratio)),
    ]);
    rows.push([
      '  accepted after deadline',
      String(s.acceptedAfterDeadline),
      `${s.enrollments} enrollments (${d.spike.messages} messages), ${d.spike.enrolled} enrolled`,
      '',
      '= 0',
      verdict(s.acceptedAfterDeadline === 0),
    ]);
    rows.push(['  lost', String(s.lost), `${d.spike.deadLettered} dead-lettered`, '', '= 0', verdict(s.lost === 0)]);
    const c = d.spike.cpuMs;
    rows.push([
      '  CPU per enrollment',
      `${c.node} ms node, ${c.dynamodb} ms JVM`,
      `per raw transaction: ${c.rawNode} ms node, ${c.rawDynamodb} ms JVM`,
      '',
      '',
      '',
    ]);
  }
  if (result.renewal) {
    const r = result.renewal;
    rows.push([
      'renewal: peak RSS',
      `${n(r.peakRssMiB[1]!)} MiB at ${n(r.policies[1]!)}`,
      `${n(r.peakRssMiB[0]!)} MiB at ${n(r.policies[0]!)} policies`,
      r.rssGrowth.toFixed(3),
      TARGETS.renewal.text,
      verdict(TARGETS.renewal.met(r.rssGrowth)),
    ]);
    rows.push(['  policies /s', n(r.policiesPerSec, 1), `the larger campaign, pages of the template's size`, '', '', '']);
    if (d.renewal) {
      for (const run of d.renewal.runs) {
        rows.push([
          `  campaign of ${n(run.policies)}`,
          `${n(run.seconds, 1)} s`,
          `RSS ${n(run.rssAtStartMiB)} MiB at start, ${n(run.peakRssMiB)} peak; interpreter history ${n(run.historyMiB, 1)} MiB (${n(run.historyEvents)} events, ${n(run.transitions)} transitions)`,
          '',
          '',
          '',
        ]);
      }
    }
  }
  if (result.cloudCost) {
    const c = result.cloudCost;
    rows.push([
      'cloud cost: USD per M claims',
      n(c.usdPerMillionClaims, 2),
      `as a Standard workflow ${n(c.standardBaselineUsd, 2)}`,
      '',
      TARGETS.cost.text,
      verdict(TARGETS.cost.met(c.usdPerMillionClaims)),
    ]);
  }
  let out = `\nmedins bench — ${header}\n\n${table(rows)}\n`;
  if (d.cost && d.measured) {
    const m = d.measured;
    const cost = [
      ['cost per million claims', 'per claim', 'USD'],
      ...d.cost.lines.map((l) => [l.item, l.perClaim, l.usdPerMillion.toFixed(2)]),
    ];
    cost.push(['total', '', d.cost.usdPerMillionClaims.toFixed(2)]);
    out += `\n${table(cost)}\n`;
    if (d.levers && d.levers.length > 0) {
      out += `\nlevers in the template (what undoing each would add, USD per million claims): ${d.levers.map((l) => `${l.lever} ${l.usd.toFixed(2)}`).join('; ')}\n`;
    }
    if (d.ingress) {
      const i = d.ingress;
      out +=
        `\ningress (USD per million claims, every term per claim): through the HTTP API and its function ${i.httpApi.toFixed(2)} (as built); ` +
        `an HTTP API route integrated with SQS ${i.httpApiSqsIntegration.toFixed(2)}; hospitals straight to the queue ${i.queue.toFixed(2)}\n`;
    }
    const steps = Object.entries(m.steps)
      .map(([k, s]) => `${k} ${s.wallMs.toFixed(1)} ms (${s.cpuMs.toFixed(1)} CPU)${s.perClaim !== 1 ? ` ×${s.perClaim.toFixed(2)}` : ''}`)
      .join(', ');
    out +=
      `\nmeasured, one claim at a time over ${m.sample} claims: ${m.transitions.toFixed(2)} transitions; ${steps}; ` +
      `API ${m.api ? `${m.api.wallMs.toFixed(1)} ms (${m.api.cpuMs.toFixed(1)} CPU)` : 'not measured'}; ` +
      `${m.notifications.toFixed(2)} notifications; ` +
      `${m.rru.toFixed(2)} RRU, ${m.wru.toFixed(2)} WRU; ${Math.round(m.logBytes)} log bytes in ${m.logLines.toFixed(2)} lines` +
      (m.logByLevel
        ? ` (by level: ${Object.entries(m.logByLevel)
            .map(([k, v]) => `${k} ${Math.round(v.bytes)} B`)
            .join(', ')})`
        : '') +
      '.\n';
  }
  return out;
}
