/**
 * The bench's printed report (src/report.ts): each figure beside what it is judged
 * against, its target and whether it is met; the sections not run are left out; the
 * cost table, the levers and the measured claim follow the figures when measured.
 */
import { describe, expect, it } from 'vitest';
import type { ClaimMeasurements, CostModel } from '../src/cost-model.ts';
import type { BenchResult, Details } from '../src/main.ts';
import type { PipelineFigures } from '../src/pipeline-bench.ts';
import { formatReport, TARGETS } from '../src/report.ts';

const PIPELINE: PipelineFigures = {
  claims: 1_200,
  warmUp: 300,
  warmUpPerSec: 98.76,
  rounds: 3,
  claimsPerSec: 123.45,
  storeTxPerSec: 150,
  ratio: 0.823,
  roundRatios: [0.79, 0.823, 0.9],
  insertTxPerSec: 180,
  insertRatio: 0.686,
  p50Ms: 40.25,
  p99Ms: 180,
  concurrency: 8,
  window: 16,
  deadLettered: 0,
  perClaim: { rru: 6, wru: 10, transactItems: 7, dynamoCalls: 9, sqsCalls: 1.4, lambdaInvocations: 6.1 },
  commits: { bytes: 1234, itemsByTable: { accounts: 1, events: 1, ledger: 1.5 } },
  sqsByCommand: { SendMessage: 1, ReceiveMessage: 0.2, DeleteMessageBatch: 0.2 },
  cpuMs: { node: 3.1, dynamodb: 4.2, rawNode: 0.5, rawDynamodb: 1.5 },
};

const COST: CostModel = {
  usdPerMillionClaims: 12.34,
  breakdown: { lambda: 10, dynamodb: 2.34 },
  standardBaselineUsd: 240.5,
  lines: [
    { item: 'Lambda requests', perClaim: '3.14 invocations', usdPerMillion: 10 },
    { item: 'DynamoDB writes', perClaim: '10.00 WRU', usdPerMillion: 2.34 },
  ],
  perClaim: {
    lambdaInvocations: 3.14,
    lambdaGbSeconds: 0.01,
    expressBilledMs: 100,
    transitions: 9,
    rru: 6.5,
    wru: 10.25,
    sqsRequests: 1.2,
    logBytes: 400,
    traces: 0.1,
  },
};

const MEASURED: ClaimMeasurements = {
  sample: 90,
  steps: {
    'claims/check-eligibility': { perClaim: 1, wallMs: 10, cpuMs: 2 },
    'events/notify': { perClaim: 0.5, wallMs: 4, cpuMs: 1 },
  },
  transitions: 9,
  localExecutionMs: 40,
  rru: 6,
  wru: 10,
  notifications: 1.25,
  logBytes: 300.4,
  logLines: 1,
  logByLevel: { INFO: { bytes: 900.6, lines: 3 }, WARN: { bytes: 300.4, lines: 1 } },
  api: { wallMs: 8, cpuMs: 2, rru: 1 },
  consumerPerMessage: { wallMs: 0.2, cpuMs: 0.2 },
  messageBytes: 500,
};

/** The report's line that starts with `label` (after its indentation), split into its columns. */
const row = (report: string, label: string): string[] => {
  const line = report.split('\n').find((l) => l.trimStart().startsWith(label));
  if (line === undefined) throw new Error(`no line ${label} in\n${report}`);
  return line
    .trim()
    .split(/ {2,}/)
    .map((c) => c.trim());
};

describe('the targets', () => {
  it('are met at their bound and missed past it', () => {
    // Prepare / Act / Assess: each bound is inclusive, on the side the issue states.
    expect([TARGETS.engine.met(0.5), TARGETS.engine.met(0.499)]).toEqual([true, false]);
    expect([TARGETS.pipeline.met(0.6), TARGETS.pipeline.met(0.599)]).toEqual([true, false]);
    expect([TARGETS.enrollment.met(0.6), TARGETS.enrollment.met(0.59)]).toEqual([true, false]);
    expect([TARGETS.renewal.met(1.3), TARGETS.renewal.met(1.31)]).toEqual([true, false]);
    expect([TARGETS.cost.met(10), TARGETS.cost.met(10.01)]).toEqual([true, false]);
  });
});

describe('formatReport', () => {
  it('prints only the header and the column names when no section ran', () => {
    // Act
    const report = formatReport({}, {}, 'two CPUs');
    // Assess
    expect(report.split('\n').map((l) => l.trimEnd())).toEqual([
      '',
      'medins bench — two CPUs',
      '',
      'figure  value  beside it  ratio  target',
      '──────  ─────  ─────────  ─────  ──────',
      '',
    ]);
  });

  it('prints the what-if beside its replays, judged against 30 s per 100,000 claims', () => {
    const met = formatReport({ whatIf: { claims: 100_000, seconds: 13.9, replaySeconds: { baseline: 3.4, variant: 4.7 } } }, {}, 'h');
    const missed = formatReport({ whatIf: { claims: 20_000, seconds: 6.5, replaySeconds: { baseline: 3, variant: 3 } } }, {}, 'h');
    expect(met).toMatch(
      /what-if: a year replayed twice and compared +13\.9 s +100,000 claims; replays 3\.4 s \+ 4\.7 s +≤ 30 s for 100,000 claims +met/,
    );
    expect(missed).toMatch(/MISSED/);
  });

  it('judges each figure against its target: met, or MISSED', () => {
    // Prepare: an engine that meets its target, a pipeline that misses it.
    const result: BenchResult = {
      engine: { claimsPerSec: 51_234, serializePerSec: 90_000, ratio: 0.5693 },
      pipeline: {
        claims: 1_200,
        claimsPerSec: 113.45,
        storeTxPerSec: 200,
        ratio: 0.5672,
        insertTxPerSec: 250,
        insertRatio: 0.4538,
        p50Ms: 40.25,
        p99Ms: 180,
      },
    };
    // Act
    const report = formatReport(
      result,
      { pipeline: { ...PIPELINE, storeTxPerSec: 200, ratio: 0.5672, insertTxPerSec: 250, insertRatio: 0.4538 } },
      'h',
    );
    // Assess
    // Each row as printed: its label, then its cells.
    const expected: string[][] = [
      ['engine: claims settled /s', '51,234', 'JSON parse+stringify 90,000 docs/s', '0.569', 'ratio ≥ 0.5', 'met'],
      [
        'pipeline: claims /s',
        '113.5',
        "raw TransactWriteItems as the run's 200.0 tx/s (only inserts 250.0: 0.454)",
        '0.567',
        'ratio ≥ 0.6',
        'MISSED',
      ],
      ['ratio by round', '0.790, 0.823, 0.900', 'the median of 3: each a share of the claims, then its raw reference'],
      ['latency p50 / p99', '40.3 / 180.0 ms', '1200 claims after 300 to warm up (98.8/s), 16 in flight, 8 workers'],
      ['per claim under load', '6 RRU, 10 WRU', '9 DynamoDB requests, 7 items per transaction'],
      [
        'requests per claim',
        '9 DynamoDB, 1.4 SQS, 6.1 Lambda',
        'SQS on the claims queue: SendMessage 1, ReceiveMessage 0.2, DeleteMessageBatch 0.2',
      ],
      ['a claim commit', '1234 bytes', 'items by table: accounts 1, events 1, ledger 1.5'],
      ['CPU per claim', '3.1 ms node, 4.2 ms JVM', 'per raw transaction: 0.5 ms node, 1.5 ms JVM'],
    ];
    for (const cells of expected) expect(row(report, cells[0]!)).toEqual(cells);
  });

  it('leaves out a pipeline figure without its details, and the cost tables without the measurements', () => {
    // Prepare: figures whose details are missing.
    const result: BenchResult = {
      pipeline: { claims: 1, claimsPerSec: 1, storeTxPerSec: 1, ratio: 1, insertTxPerSec: 1, insertRatio: 1, p50Ms: 1, p99Ms: 1 },
      enrollmentSpike: {
        enrollments: 1,
        enrollmentsPerSec: 1,
        storeTxPerSec: 1,
        ratio: 1,
        insertTxPerSec: 1,
        insertRatio: 1,
        acceptedAfterDeadline: 0,
        lost: 0,
      },
    };
    // Act
    const report = formatReport(result, { cost: COST }, 'h');
    // Assess
    expect(report).not.toContain('pipeline: claims /s');
    expect(report).not.toContain('enrollment spike');
    expect(report).not.toContain('cost per million claims');
  });

  it('counts the enrollment spike: its rate, what was accepted after the deadline and what was lost, each against zero', () => {
    // Prepare: a spike that let one enrollment in late and lost none.
    const result: BenchResult = {
      enrollmentSpike: {
        enrollments: 1_500,
        enrollmentsPerSec: 210.06,
        storeTxPerSec: 250,
        ratio: 0.84,
        insertTxPerSec: 300,
        insertRatio: 0.7,
        acceptedAfterDeadline: 1,
        lost: 0,
      },
    };
    const details: Details = {
      spike: {
        enrollments: 1_500,
        enrollmentsPerSec: 210.06,
        storeTxPerSec: 250,
        ratio: 0.84,
        insertTxPerSec: 300,
        insertRatio: 0.7,
        acceptedAfterDeadline: 1,
        lost: 0,
        messages: 1_650,
        enrolled: 700,
        rejected: 800,
        deadLettered: 2,
        cpuMs: { node: 1, dynamodb: 2, rawNode: 0.25, rawDynamodb: 0.75 },
      },
    };
    // Act
    const report = formatReport(result, details, 'h');
    // Assess
    expect(row(report, 'enrollment spike: /s')).toEqual([
      'enrollment spike: /s',
      '210.1',
      "raw TransactWriteItems as the run's 250.0 tx/s (only inserts 300.0: 0.700)",
      '0.840',
      'ratio ≥ 0.6',
      'met',
    ]);
    expect(row(report, 'accepted after deadline')).toEqual([
      'accepted after deadline',
      '1',
      '1500 enrollments (1650 messages), 700 enrolled',
      '= 0',
      'MISSED',
    ]);
    expect(row(report, 'lost')).toEqual(['lost', '0', '2 dead-lettered', '= 0', 'met']);
    expect(row(report, 'CPU per enrollment')).toEqual([
      'CPU per enrollment',
      '1 ms node, 2 ms JVM',
      'per raw transaction: 0.25 ms node, 0.75 ms JVM',
    ]);
  });

  it('compares the renewal campaigns by their peak memory, and lists each campaign when its runs are known', () => {
    // Prepare: ten times the policies at 1.4 times the memory (over the 1.3 target).
    const result: BenchResult = {
      renewal: { policies: [1_000, 10_000], peakRssMiB: [200, 280], rssGrowth: 1.4, policiesPerSec: 310.27 },
    };
    const run = {
      policies: 10_000,
      seconds: 32.25,
      policiesPerSec: 310.27,
      peakRssMiB: 280,
      rssAtStartMiB: 150,
      historyEvents: 4_000,
      historyMiB: 12.5,
      transitions: 3_000,
      seedSeconds: 4,
      report: { renewed: 5_000, failed: 2_000, reminded: 2_000, skipped: 1_000 },
    };
    // Act
    const withoutRuns = formatReport(result, {}, 'h');
    const withRuns = formatReport(result, { renewal: { ...result.renewal!, runs: [run] } }, 'h');
    // Assess
    expect(row(withoutRuns, 'renewal: peak RSS')).toEqual([
      'renewal: peak RSS',
      '280 MiB at 10,000',
      '200 MiB at 1,000 policies',
      '1.400',
      'growth ≤ 1.3',
      'MISSED',
    ]);
    expect(row(withoutRuns, 'policies /s')).toEqual(['policies /s', '310.3', "the larger campaign, pages of the template's size"]);
    expect(withoutRuns).not.toContain('campaign of');
    expect(row(withRuns, 'campaign of 10,000')).toEqual([
      'campaign of 10,000',
      '32.3 s',
      'RSS 150 MiB at start, 280 peak; interpreter history 12.5 MiB (4,000 events, 3,000 transitions)',
    ]);
  });

  it('prints the cloud cost beside the Standard baseline, then the bill, the levers and what a claim measurably did', () => {
    // Prepare
    const result: BenchResult = {
      cloudCost: { usdPerMillionClaims: 12.34, breakdown: { ...COST.breakdown }, standardBaselineUsd: 240.5 },
    };
    const details: Details = {
      cost: COST,
      measured: MEASURED,
      levers: [
        { lever: 'no idempotency record in the queue consumer', usd: 1.25 },
        { lever: 'logs at WARN instead of INFO', usd: 0.4 },
      ],
      ingress: { httpApi: 12.34, httpApiSqsIntegration: 11.1, queue: 9.87 },
    };
    // Act
    const report = formatReport(result, details, 'h');
    // Assess: the figure, missed (12.34 > 10).
    expect(row(report, 'cloud cost: USD per M claims')).toEqual([
      'cloud cost: USD per M claims',
      '12.34',
      'as a Standard workflow 240.50',
      '≤ 10 USD',
      'MISSED',
    ]);
    // The bill: one line per item, then the total.
    expect(row(report, 'cost per million claims')).toEqual(['cost per million claims', 'per claim', 'USD']);
    expect(row(report, 'Lambda requests')).toEqual(['Lambda requests', '3.14 invocations', '10.00']);
    expect(row(report, 'DynamoDB writes')).toEqual(['DynamoDB writes', '10.00 WRU', '2.34']);
    expect(row(report, 'total')).toEqual(['total', '12.34']);
    expect(report).toContain(
      'ingress (USD per million claims, every term per claim): through the HTTP API and its function 12.34 (as built); ' +
        'an HTTP API route integrated with SQS 11.10; hospitals straight to the queue 9.87',
    );
    expect(report).toContain(
      '\nlevers in the template (what undoing each would add, USD per million claims): no idempotency record in the queue consumer 1.25; logs at WARN instead of INFO 0.40\n',
    );
    // The measured claim: a step run on every claim has no multiplier, one run on half of them has ×0.50.
    expect(report).toContain(
      '\nmeasured, one claim at a time over 90 claims: 9.00 transitions; claims/check-eligibility 10.0 ms (2.0 CPU), events/notify 4.0 ms (1.0 CPU) ×0.50; ' +
        'API 8.0 ms (2.0 CPU); 1.25 notifications; 6.00 RRU, 10.00 WRU; 300 log bytes in 1.00 lines ' +
        '(by level: INFO 901 B, WARN 300 B).\n',
    );
  });

  it('says when the API was not measured, and leaves out the levers and the log levels when there are none', () => {
    // Prepare
    const { logByLevel: _, ...withoutLevels } = MEASURED;
    const details: Details = { cost: COST, measured: { ...withoutLevels, api: null }, levers: [] };
    // Act
    const report = formatReport({}, details, 'h');
    // Assess
    expect(report).toContain('; API not measured; ');
    expect(report).toContain('300 log bytes in 1.00 lines.\n');
    expect(report).not.toContain('levers in the template');
    expect(report).not.toContain('by level');
  });
});
