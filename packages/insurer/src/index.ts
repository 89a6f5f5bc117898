/** @medins/insurer — the insurer's view of a run: loss ratios, exports, 结算单, what-if, report. */

export { type CsvFile, csvExports, whatIfClaimsCsv } from './csv.ts';
export { WhatIfParameterError } from './errors.ts';
export { type ExplainInput, type Explanation, type ExplanationPart, explainClaim, yuanText } from './explain.ts';
export { LOSS_RATIO_DEFINITION, lossRatios, type ProductLossRatio, ratioOf } from './loss-ratio.ts';
export { type ParameterChange, type ParameterSetting, parseSetting } from './parameters.ts';
export { type MonthPaid, type ReportData, reportData, type ThroughputPoint, throughputOf } from './report-data.ts';
export { type Chart, reportHtml } from './report-html.ts';
export { eventsById, firstResults, type InsurerRun, insurerRunOf, memberDisplay } from './run.ts';
export { type ClaimChange, type GroupComparison, type PaidTotals, type WhatIfReport, whatIf, whatIfRuns } from './whatif.ts';
