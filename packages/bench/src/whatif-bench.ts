/**
 * The what-if (issue 19): a city year of generated claims replayed twice by the
 * pure engine — the baseline and a variant with 责任二's deductible at 5,000 yuan
 * and 责任一's ratio at 60 % — and compared, as `npm run whatif` does. The figure
 * is the wall time of the whole comparison (parsing the scenario, both replays, the
 * comparison); the replays' own times beside it.
 */
import { parseSetting, whatIf } from '@medins/insurer';
import { generateWorkload } from '@medins/workload';

export interface WhatIfFigures {
  readonly claims: number;
  readonly seconds: number;
  readonly replaySeconds: { readonly baseline: number; readonly variant: number };
  readonly claimsChanged: number;
}

/** Settings of the benchmark's variant, on the generated city's product. */
const WHATIF_SETTINGS = ['huiqubao-2024.R2.deductibleFen=500000', 'huiqubao-2024.R1.ratio=0.6'];

export function benchWhatIf(claims: number, seed: number): WhatIfFigures {
  const doc = generateWorkload({ members: Math.max(1_000, Math.round(claims / 5)), claims, seed });
  const started = performance.now();
  const report = whatIf(doc, WHATIF_SETTINGS.map(parseSetting));
  return {
    claims: report.claimsReplayed,
    seconds: Math.round(performance.now() - started) / 1000,
    replaySeconds: report.seconds,
    claimsChanged: report.claimsChanged,
  };
}
