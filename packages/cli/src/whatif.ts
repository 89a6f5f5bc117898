/**
 * `npm run whatif -- --scenario FILE --set PLAN.PATH=NUMBER … [--out DIR]`: replays
 * the scenario's events (last year's claims, e.g. out/scenario.json) through the
 * engine under changed product parameters — any deductible, ratio, cap, band,
 * premium or threshold of any plan or product — and prints baseline against
 * variant: payout per tier and responsibility, members' cash, the loss ratio per
 * product, the claims that changed most, by visit type and age band. Writes
 * whatif.json, whatif-claims.csv and report.html (charts, side by side) to --out. Exit 0 when compared, 2 for a bad
 * file or parameter (naming it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonText } from '@medins/contract';
import { type ParameterSetting, parseSetting, WhatIfParameterError, type WhatIfReport, whatIfClaimsCsv, whatIfRuns } from '@medins/insurer';
import { defineCommand, runAsMain, text, UsageError } from './args.ts';
import { writeReportHtml } from './report/html.ts';
import { renderTable, yuan } from './report/table.ts';
import { readScenarioFile } from './scenario.ts';

export const whatIfCommand = defineCommand({
  name: 'npm run whatif --',
  summary:
    "Replays a scenario's events through the engine under changed plan or product parameters and compares with the baseline: " +
    'payout per tier and responsibility, cash, loss ratio per product, the claims that changed most, by visit type and age band. ' +
    'Exit 0 when compared, 2 for a bad file or parameter.',
  options: {
    scenario: { type: 'string', value: 'FILE', help: 'the scenario whose events are replayed (e.g. out/scenario.json)', parse: text },
    set: {
      type: 'string',
      value: 'PLAN.PATH=NUMBER',
      help: "a changed parameter, e.g. 'huiqubao-2024.R2.deductibleFen=500000' or 'huiqubao-2024.R1.ratio=0.6' (repeatable)",
      parse: (raw, flag) => {
        try {
          return parseSetting(raw);
        } catch (e) {
          throw new UsageError(`${flag}: ${(e as Error).message}`, { entity: flag });
        }
      },
      multiple: true,
    },
    premium: {
      type: 'string',
      value: 'PRODUCT=FEN',
      help: "a product's premium in fen, short for --set PRODUCT.premiumFen=FEN (repeatable)",
      parse: (raw, flag) => {
        const [product = '', fen = ''] = raw.split('=');
        if (!product || !/^\d+$/.test(fen))
          throw new UsageError(`${flag} must be PRODUCT=FEN, got ${JSON.stringify(raw)}`, { entity: flag });
        return { path: `${product}.premiumFen`, value: Number(fen) };
      },
      multiple: true,
    },
    out: {
      type: 'string',
      value: 'DIR',
      help: 'where whatif.json, whatif-claims.csv and report.html go',
      parse: text,
      default: 'out/whatif',
    },
  },
});

const percent = (ratio: number | null) => (ratio === null ? 'n/a' : `${(ratio * 100).toFixed(1)}%`);
const delta = (a: number, b: number) => `${b - a >= 0 ? '+' : ''}${yuan(b - a)}`;

/** Baseline against variant, as tables for a terminal. */
export function renderWhatIf(r: WhatIfReport): string {
  const changes =
    r.changes.length === 0
      ? 'no parameter changed: the variant is the baseline'
      : r.changes.map((c) => `${c.path}: ${c.from} → ${c.to}`).join('\n');
  const row = (label: string, a: number, b: number) => [label, yuan(a), yuan(b), delta(a, b)];
  const paid = renderTable(
    ['', 'baseline', 'variant', 'change'],
    [
      row('basic tier 统筹基金', r.baseline.basicFen, r.variant.basicFen),
      row('critical illness 大病保险', r.baseline.criticalIllnessFen, r.variant.criticalIllnessFen),
      row('medical assistance 医疗救助', r.baseline.assistanceFen, r.variant.assistanceFen),
      row('supplementary 惠民保', r.baseline.supplementaryFen, r.variant.supplementaryFen),
      ...[...new Set([...Object.keys(r.baseline.byResponsibility), ...Object.keys(r.variant.byResponsibility)])]
        .sort()
        .map((k) => row(`  ${k}`, r.baseline.byResponsibility[k] ?? 0, r.variant.byResponsibility[k] ?? 0)),
      row('own personal account', r.baseline.ownAccountFen, r.variant.ownAccountFen),
      row('family account 家庭共济', r.baseline.familyAccountFen, r.variant.familyAccountFen),
      row("members' cash", r.baseline.cashFen, r.variant.cashFen),
    ],
    { title: `Paid on ${r.baseline.claims.toLocaleString('en-US')} settled, unreversed claims (yuan)` },
  );
  const loss = renderTable(
    ['product', 'baseline', 'variant', 'net paid (variant)', 'premiums (variant)'],
    r.lossRatios.variant.map((v, i) => {
      const b = r.lossRatios.baseline[i];
      return [v.productId, percent(b?.ratio ?? null), percent(v.ratio), yuan(v.netPaidFen), yuan(v.premiumsFen)];
    }),
    { title: 'Loss ratio per product year' },
  );
  const groups = (title: string, list: WhatIfReport['byVisitType']) =>
    renderTable(
      ['', 'claims', 'supplementary', 'variant', 'cash', 'variant'],
      list.map((g) => [
        g.group,
        String(g.claims),
        yuan(g.baselineSupplementaryFen),
        yuan(g.variantSupplementaryFen),
        yuan(g.baselineCashFen),
        yuan(g.variantCashFen),
      ]),
      { title },
    );
  const top = renderTable(
    ['claim', 'visit type', 'age', 'total', 'supplementary', 'variant', 'cash', 'variant'],
    r.changedClaims
      .slice(0, 10)
      .map((c) => [
        c.claimId,
        c.visitType,
        c.ageBand,
        yuan(c.totalFen),
        yuan(c.baselineSupplementaryFen),
        yuan(c.variantSupplementaryFen),
        yuan(c.baselineCashFen),
        yuan(c.variantCashFen),
      ]),
    { title: `Claims that changed most (${r.claimsChanged.toLocaleString('en-US')} changed in all)` },
  );
  const timing = `Replayed ${r.claimsReplayed.toLocaleString('en-US')} claims twice: baseline ${r.seconds.baseline.toFixed(2)} s, variant ${r.seconds.variant.toFixed(2)} s${r.identical ? '; every result identical to the baseline' : ''}.`;
  return `${[changes, paid, loss, groups('By visit type (yuan)', r.byVisitType), groups('By age band (yuan)', r.byAgeBand), top, timing].join('\n\n')}\n`;
}

/** Runs the comparison and writes its files; returns the report. A UsageError for a bad file or parameter. */
export function runWhatIf(scenarioFile: string, settings: readonly ParameterSetting[], out: string): WhatIfReport {
  const read = readScenarioFile(scenarioFile);
  if ('failed' in read) throw new UsageError(read.failed.stderr.trim(), { entity: '--scenario' });
  let runs: ReturnType<typeof whatIfRuns>;
  try {
    runs = whatIfRuns(parseJsonText(read.text, 'scenario'), settings);
  } catch (e) {
    if (e instanceof WhatIfParameterError || (e as Error).name === 'ContractError')
      throw new UsageError((e as Error).message, { entity: '--set', cause: e });
    throw e;
  }
  const report = runs.report;
  mkdirSync(out, { recursive: true });
  writeReportHtml(out, runs.baseline, {
    title: `What-if: ${report.changes.map((c) => `${c.path} = ${c.to}`).join(', ') || 'no change'}`,
    whatIf: report,
  });
  writeFileSync(join(out, 'whatif.json'), `${JSON.stringify({ ...report, changedClaims: report.changedClaims.slice(0, 100) }, null, 2)}\n`);
  writeFileSync(join(out, 'whatif-claims.csv'), whatIfClaimsCsv(report));
  return report;
}

if (import.meta.main) {
  runAsMain(whatIfCommand, ({ values }) => {
    if (!values.scenario) throw new UsageError('--scenario FILE is required', { entity: '--scenario' });
    const report = runWhatIf(values.scenario, [...values.set, ...values.premium], values.out);
    process.stdout.write(renderWhatIf(report));
    process.stdout.write(`\nWrote ${['whatif.json', 'whatif-claims.csv', 'report.html'].map((f) => join(values.out, f)).join(', ')}\n`);
    return 0;
  });
}
