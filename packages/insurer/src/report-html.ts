/**
 * insurer → report.html: the run's pictures in one self-contained page — Apache
 * ECharts inlined, the figures inlined as JSON, nothing fetched — so it opens
 * offline from the output folder, is mailed as one file, and never calls out.
 * Each chart's element gets `data-rendered="true"` once ECharts has drawn it
 * (what the headless-browser test waits for). Amounts are shown in yuan (fen / 100,
 * for display only).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { LOSS_RATIO_DEFINITION } from './loss-ratio.ts';
import { PAID_BY, type PaidBy, type ReportData } from './report-data.ts';

const LABEL: Record<PaidBy, string> = {
  basic: '统筹基金 basic',
  criticalIllness: '大病保险 critical illness',
  assistance: '医疗救助 assistance',
  supplementary: '惠民保 supplementary',
  ownAccount: '个人账户 own account',
  familyAccount: '家庭共济 family account',
  cash: '现金 cash',
};

/** A chart: its element id, its title, a sentence on what it counts, and its ECharts option. */
export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly option: Record<string, unknown>;
}

const yuan = (fen: number) => Math.round(fen) / 100;
const percent = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1000) / 10);
const base = { animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { top: 60, left: 80, right: 30, bottom: 40 } };
const barsOf = (names: readonly string[], series: { name: string; data: (number | null)[]; stack?: string }[], unit: string) => ({
  ...base,
  xAxis: { type: 'category', data: names },
  yAxis: { type: 'value', axisLabel: { formatter: `{value} ${unit}` } },
  series: series.map((s) => ({ type: 'bar', ...s })),
});

/** The charts of the report, in page order. */
export function chartsOf(d: ReportData): Chart[] {
  const charts: Chart[] = [];
  if (d.paidByMonth.length > 0)
    charts.push({
      id: 'paid-by-month',
      title: 'Paid by tier and source per month 各月各项支付',
      caption: 'Settled, unreversed claims by the month of their service date, in yuan; each bar adds up to what the month billed.',
      option: barsOf(
        d.paidByMonth.map((m) => m.month),
        PAID_BY.map((k) => ({ name: LABEL[k], stack: 'paid', data: d.paidByMonth.map((m) => yuan(m.fen[k])) })),
        '元',
      ),
    });
  const codes = [...new Set([...Object.keys(d.rejections.claims), ...Object.keys(d.rejections.enrollments)])].sort();
  if (codes.length > 0)
    charts.push({
      id: 'rejections',
      title: 'Rejections by reason 拒付/拒保原因',
      caption: 'Every reason a rejected claim or enrollment carries (one rejection may carry several).',
      option: {
        ...base,
        grid: { ...base.grid, left: 230 },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: codes },
        series: [
          { type: 'bar', name: 'claims 理赔', data: codes.map((c) => d.rejections.claims[c] ?? 0) },
          { type: 'bar', name: 'enrollments 投保', data: codes.map((c) => d.rejections.enrollments[c] ?? 0) },
        ],
      },
    });
  if (d.lossRatios.length > 0) {
    const variant = d.whatIf?.lossRatios.variant;
    charts.push({
      id: 'loss-ratio',
      title: 'Loss ratio per product year 赔付率',
      caption: `${LOSS_RATIO_DEFINITION}. ${d.lossRatios.map((p) => `${p.productId}: ${yuan(p.netPaidFen).toFixed(2)} / ${yuan(p.premiumsFen).toFixed(2)} yuan`).join('; ')}.`,
      option: barsOf(
        d.lossRatios.map((p) => p.productId),
        [
          { name: variant ? 'baseline' : 'loss ratio', data: d.lossRatios.map((p) => percent(p.ratio)) },
          ...(variant ? [{ name: 'what-if', data: variant.map((p) => percent(p.ratio)) }] : []),
        ],
        '%',
      ),
    });
  }
  if (d.throughput && d.throughput.length > 0)
    charts.push({
      id: 'throughput',
      title: 'Claims per second over the run 吞吐量',
      caption: 'Claims decided (settled or rejected) in each second of the run, from the first.',
      option: {
        ...base,
        xAxis: { type: 'category', name: 's', data: d.throughput.map((p) => p.second) },
        yAxis: { type: 'value', name: 'claims/s' },
        series: [{ type: 'line', name: 'claims/s', showSymbol: false, areaStyle: {}, data: d.throughput.map((p) => p.count) }],
      },
    });
  const w = d.whatIf;
  if (w) {
    const tiers = [
      ['统筹基金 basic', w.baseline.basicFen, w.variant.basicFen],
      ['大病保险 critical illness', w.baseline.criticalIllnessFen, w.variant.criticalIllnessFen],
      ['医疗救助 assistance', w.baseline.assistanceFen, w.variant.assistanceFen],
      ['惠民保 supplementary', w.baseline.supplementaryFen, w.variant.supplementaryFen],
      ['个人账户 own account', w.baseline.ownAccountFen, w.variant.ownAccountFen],
      ['家庭共济 family account', w.baseline.familyAccountFen, w.variant.familyAccountFen],
      ['现金 cash', w.baseline.cashFen, w.variant.cashFen],
    ] as const;
    const changes = w.changes.map((c) => `${c.path} ${c.from} → ${c.to}`).join('; ') || 'no parameter changed';
    charts.push({
      id: 'whatif-paid',
      title: 'What-if: paid, baseline and variant 方案对比',
      caption: `${changes}. Settled, unreversed claims, in yuan.`,
      option: barsOf(
        tiers.map(([label]) => label),
        [
          { name: 'baseline', data: tiers.map(([, b]) => yuan(b)) },
          { name: 'what-if', data: tiers.map(([, , v]) => yuan(v)) },
        ],
        '元',
      ),
    });
    for (const [id, title, groups] of [
      ['whatif-visit-type', 'What-if: supplementary paid by visit type 按就诊类型', w.byVisitType],
      ['whatif-age-band', 'What-if: supplementary paid by age band 按年龄段', w.byAgeBand],
    ] as const)
      charts.push({
        id,
        title,
        caption: 'Supplementary payout of the settled, unreversed claims, in yuan.',
        option: barsOf(
          groups.map((g) => g.group),
          [
            { name: 'baseline', data: groups.map((g) => yuan(g.baselineSupplementaryFen)) },
            { name: 'what-if', data: groups.map((g) => yuan(g.variantSupplementaryFen)) },
          ],
          '元',
        ),
      });
  }
  return charts;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
/** JSON that cannot end its <script> element or open a comment. */
const scriptJson = (x: unknown) => JSON.stringify(x).replace(/</g, '\\u003c');

let echartsSource: string | undefined;
/** The ECharts bundle, read once from the installed package (pinned in package.json). */
function echartsBundle(): string {
  echartsSource ??= readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8').replace(
    /<\/script/gi,
    '<\\/script',
  );
  return echartsSource;
}

/**
 * The page, self-contained.
 *
 * @example writeFileSync('out/report.html', reportHtml(reportData(run, { title: 'Main job' })));
 */
export function reportHtml(d: ReportData): string {
  const charts = chartsOf(d);
  const sections = charts
    .map(
      (c) =>
        `<section><h2>${escapeHtml(c.title)}</h2><p>${escapeHtml(c.caption)}</p><div class="chart" id="${c.id}" data-chart="${c.id}"></div></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(d.title)}</title>
<style>
body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 24px; color: #222; }
section { margin-bottom: 32px; }
.chart { width: 100%; max-width: 1100px; height: 380px; }
p { color: #555; max-width: 1100px; }
</style>
</head>
<body>
<h1>${escapeHtml(d.title)}</h1>
${sections}
<script>${echartsBundle()}</script>
<script type="application/json" id="charts-data">${scriptJson(charts.map((c) => ({ id: c.id, option: c.option })))}</script>
<script>
for (const c of JSON.parse(document.getElementById('charts-data').textContent)) {
  const el = document.getElementById(c.id);
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.on('finished', () => { el.dataset.rendered = 'true'; });
  chart.setOption(c.option);
}
document.body.dataset.ready = 'true';
</script>
</body>
</html>
`;
}
