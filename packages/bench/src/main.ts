/**
 * `npm run bench [-- --quick] [-- --json FILE]`: every figure of issue 6 measured
 * in one run on this machine, each beside the limit it is judged against —
 * - engine: the pure engine's claims/s vs JSON.parse + JSON.stringify of the same documents;
 * - pipeline: claims/s through queue, workflow and commit vs raw TransactWriteItems
 *   of the same shapes at the same concurrency on the same DynamoDB Local, after a
 *   warm-up, in rounds that pair each share of the claims with its reference; latency;
 * - enrollmentSpike: a burst through the enrollments queue vs raw commits of its
 *   shapes; what was accepted after the deadline or lost, counted from the tables;
 * - renewal: peak RSS of a campaign process at two sizes ten times apart; policies/s;
 * - cloudCost: the cost model applied to the synthesized prod template and to what a
 *   claim measurably did here; beside it, the same pipeline as a Standard workflow.
 * Benchmarks, not tests: figures are printed and written, nothing is asserted.
 * docs/performance.md says how each is made and what bounds it.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { defineCommand, integer, type Parsed, runAsMain, someOf, text } from '@medins/cli/args';
import { parseScenario, type ScenarioInput } from '@medins/contract';
import { synthesizeTemplate } from '@medins/infra';
import { generateWorkload } from '@medins/workload';
import {
  ASSUMPTIONS,
  type ClaimMeasurements,
  type CostModel,
  type Ingress,
  ingressCosts,
  leverSavings,
  modelCost,
  readTemplateFacts,
} from './cost-model.ts';
import { benchEngine, type EngineFigures } from './engine-bench.ts';
import { benchEnrollmentSpike, type SpikeFigures } from './enrollment-bench.ts';
import { benchPipeline, type ClaimDoc, measureClaims, type PipelineFigures } from './pipeline-bench.ts';
import { benchRenewal, type RenewalFigures } from './renewal-bench.ts';
import { formatReport, TARGETS } from './report.ts';
import { type BenchStack, profiling, startBenchStack } from './stack.ts';
import { benchWhatIf } from './whatif-bench.ts';

const SECTIONS = ['engine', 'whatif', 'pipeline', 'enrollment', 'renewal', 'cost'] as const;
type Section = (typeof SECTIONS)[number];

export interface Sizes {
  readonly engine: { members: number; claims: number; rounds: number };
  readonly pipelineClaims: number;
  readonly costSample: number;
  readonly spikeFamilies: number;
  readonly renewal: readonly [number, number];
  /** Claims of the what-if's year. */
  readonly whatIfClaims: number;
}

export const QUICK: Sizes = {
  engine: { members: 2_000, claims: 3_000, rounds: 15 },
  pipelineClaims: 1_500,
  costSample: 90,
  spikeFamilies: 300,
  renewal: [1_000, 10_000],
  whatIfClaims: 20_000,
};

export const FULL: Sizes = {
  engine: { members: 5_000, claims: 10_000, rounds: 15 },
  pipelineClaims: 4_000,
  costSample: 200,
  spikeFamilies: 1_000,
  renewal: [10_000, 100_000],
  whatIfClaims: 100_000,
};

export interface BenchResult {
  engine?: { claimsPerSec: number; serializePerSec: number; ratio: number };
  whatIf?: { claims: number; seconds: number; replaySeconds: { baseline: number; variant: number } };
  /** `ratio` against raw transactions doing what the run's did; `insertRatio` against raw inserts of the same sizes. */
  pipeline?: {
    claims: number;
    claimsPerSec: number;
    storeTxPerSec: number;
    ratio: number;
    insertTxPerSec: number;
    insertRatio: number;
    p50Ms: number;
    p99Ms: number;
  };
  enrollmentSpike?: {
    enrollments: number;
    enrollmentsPerSec: number;
    storeTxPerSec: number;
    ratio: number;
    insertTxPerSec: number;
    insertRatio: number;
    acceptedAfterDeadline: number;
    lost: number;
  };
  renewal?: { policies: number[]; peakRssMiB: number[]; rssGrowth: number; policiesPerSec: number };
  cloudCost?: { usdPerMillionClaims: number; breakdown: Record<string, number>; standardBaselineUsd: number };
}

export interface Details {
  engine?: EngineFigures;
  pipeline?: PipelineFigures;
  spike?: SpikeFigures;
  renewal?: RenewalFigures;
  cost?: CostModel;
  measured?: ClaimMeasurements;
  levers?: { lever: string; usd: number }[];
  /** USD per million claims by how claims reach the queue (as built: `httpApi`). */
  ingress?: Record<Ingress, number>;
}

const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

export async function runBench(args: {
  quick: boolean;
  concurrency: number;
  /** Messages per receive of the queue workers; default the template's event source BatchSize. */
  batchSize?: number;
  only: readonly Section[];
  seed: number;
}): Promise<{ result: BenchResult; details: Details; header: string }> {
  const sizes = args.quick ? QUICK : FULL;
  const want = (s: Section) => args.only.includes(s);
  const result: BenchResult = {};
  const details: Details = {};
  const started = performance.now();

  const pipelineClaims = want('pipeline') ? sizes.pipelineClaims : 0;
  const sample = want('cost') ? sizes.costSample : 0;
  const logSample = want('cost') ? Math.ceil(sizes.costSample / 3) : 0;
  const city: ScenarioInput | null =
    want('engine') || want('pipeline') || want('cost')
      ? generateWorkload({
          members: Math.max(sizes.engine.members, 1_000),
          claims: Math.max(sizes.engine.claims, pipelineClaims + sample + logSample),
          seed: args.seed,
        })
      : null;

  if (want('engine') && city) {
    log(`engine: ${sizes.engine.claims} claims, ${sizes.engine.rounds} rounds`);
    const e = benchEngine(city, sizes.engine.rounds);
    details.engine = e;
    result.engine = { claimsPerSec: e.claimsPerSec, serializePerSec: e.serializePerSec, ratio: e.ratio };
  }

  if (want('whatif')) {
    log(`what-if: ${sizes.whatIfClaims} claims replayed under the baseline and a variant`);
    const w = benchWhatIf(sizes.whatIfClaims, args.seed);
    result.whatIf = { claims: w.claims, seconds: w.seconds, replaySeconds: w.replaySeconds };
  }

  let header = `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}`;
  const needsStack = want('pipeline') || want('enrollment') || want('cost');
  let bs: BenchStack | null = null;
  try {
    if (needsStack) {
      log(`embedded stack: ${args.concurrency} queue workers per queue`);
      bs = await startBenchStack({ concurrency: args.concurrency, ...(args.batchSize ? { batchSize: args.batchSize } : {}) });
      const v = bs.embedded.stack.versions;
      header += `, ${v.dynamodb} on Java ${v.java}, ${v.sqs}, ${v.stepFunctions}`;
      const prodFacts = readTemplateFacts(synthesizeTemplate({ stage: 'prod' }));
      // Handlers log at the level production runs them at, throughout.
      bs.setLogLevel(prodFacts.functions['claims/check-eligibility']?.applicationLogLevel ?? 'INFO');
      // Workers drain every queue from the start: each section seeds its own world before it sends.
      bs.embedded.startWorkers();

      if (city && (want('pipeline') || want('cost'))) {
        await bs.embedded.seed(
          { regions: city.regions ?? [], plans: city.plans, providers: city.providers },
          parseScenario(city, bs.embedded.digest).world,
        );
        const seen = new Set<string>();
        const claims = (city.events as unknown as ClaimDoc[]).filter((e) => e.type === 'claim' && !seen.has(e.id) && seen.add(e.id));
        if (want('pipeline')) {
          log(`pipeline: ${pipelineClaims} claims through the claims queue (a fifth to warm up, then rounds with their raw references)`);
          const p = await benchPipeline(bs, claims.slice(0, pipelineClaims), args.concurrency);
          details.pipeline = p;
          result.pipeline = {
            claims: p.claims,
            claimsPerSec: p.claimsPerSec,
            storeTxPerSec: p.storeTxPerSec,
            ratio: p.ratio,
            insertTxPerSec: p.insertTxPerSec,
            insertRatio: p.insertRatio,
            p50Ms: p.p50Ms,
            p99Ms: p.p99Ms,
          };
        }
        if (want('cost')) {
          log(`cost: ${sample} claims one at a time, the API measured`);
          const rest = claims.slice(pipelineClaims, pipelineClaims + logSample + sample);
          const measured = await measureClaims(bs, rest.slice(logSample), prodFacts, rest.slice(0, logSample));
          details.measured = measured;
          const cost = modelCost(prodFacts, measured, ASSUMPTIONS);
          details.cost = cost;
          details.levers = leverSavings(prodFacts, measured, ASSUMPTIONS);
          details.ingress = ingressCosts(prodFacts, measured, ASSUMPTIONS);
          result.cloudCost = {
            usdPerMillionClaims: cost.usdPerMillionClaims,
            breakdown: { ...cost.breakdown },
            standardBaselineUsd: cost.standardBaselineUsd,
          };
        }
      }
      if (want('enrollment')) {
        // After the claims: the spike's catalog replaces the city's region document.
        log(`enrollment spike: ${sizes.spikeFamilies} households, ${sizes.spikeFamilies * 5} enrollments at once`);
        const s = await benchEnrollmentSpike(bs, sizes.spikeFamilies, args.concurrency);
        details.spike = s;
        result.enrollmentSpike = {
          enrollments: s.enrollments,
          enrollmentsPerSec: s.enrollmentsPerSec,
          storeTxPerSec: s.storeTxPerSec,
          ratio: s.ratio,
          insertTxPerSec: s.insertTxPerSec,
          insertRatio: s.insertRatio,
          acceptedAfterDeadline: s.acceptedAfterDeadline,
          lost: s.lost,
        };
      }
    }
  } finally {
    await bs?.stop();
  }

  if (want('renewal')) {
    log(`renewal: campaigns of ${sizes.renewal.join(' and ')} policies, each in its own processes`);
    const r = await benchRenewal(sizes.renewal, (line) => log(`  ${line}`));
    details.renewal = r;
    result.renewal = { policies: r.policies, peakRssMiB: r.peakRssMiB, rssGrowth: r.rssGrowth, policiesPerSec: r.policiesPerSec };
  }
  log(`done in ${Math.round((performance.now() - started) / 1000)} s`);
  return { result, details, header: `${header}; ${args.quick ? 'quick' : 'full'} sizes, ${args.concurrency} workers` };
}

export const benchCommand = defineCommand({
  name: 'npm run bench --',
  summary:
    'Benchmarks, not tests: the engine, the embedded pipeline, the enrollment spike, renewal campaigns and the cloud cost model, ' +
    'each figure beside the limit it is judged against (docs/performance.md). Prints a table; nothing is asserted.',
  options: {
    quick: { type: 'boolean', help: 'the quick sizes (about 2 minutes on 2 cores) instead of the full ones (about 15)' },
    json: { type: 'string', value: 'FILE', help: 'also write the figures as JSON', parse: text },
    concurrency: { type: 'string', value: 'K', help: 'queue workers per queue', parse: integer(1), default: 8 },
    'batch-size': {
      type: 'string',
      value: 'N',
      help: "messages per receive (default the template's event source BatchSize, 10; 1 as before issue 15)",
      parse: integer(1, 10),
    },
    only: { type: 'string', value: SECTIONS.join(','), help: 'only these sections', parse: someOf(SECTIONS), default: [...SECTIONS] },
    seed: { type: 'string', value: 'S', help: 'the seed of the generated city', parse: integer(0), default: 7 },
    profile: { type: 'string', value: 'DIR', help: 'write a V8 CPU profile of each measured phase here', parse: text },
  },
  details: `Targets: ${Object.entries(TARGETS)
    .map(([k, v]) => `${k} ${v.text}`)
    .join('; ')}.`,
});

async function main({ values }: Parsed<typeof benchCommand.spec.options>): Promise<number> {
  if (values.profile) profiling.dir = values.profile;
  try {
    const { result, details, header } = await runBench({
      quick: values.quick,
      concurrency: values.concurrency,
      ...(values['batch-size'] ? { batchSize: values['batch-size'] } : {}),
      only: values.only,
      seed: values.seed,
    });
    process.stdout.write(formatReport(result, details, header));
    if (values.json) {
      // The shape of issue 6, in its order; sections not run are left out.
      const ordered = Object.fromEntries(
        (['engine', 'whatIf', 'pipeline', 'enrollmentSpike', 'renewal', 'cloudCost'] as const)
          .filter((k) => result[k] !== undefined)
          .map((k) => [k, result[k]]),
      );
      writeFileSync(values.json, `${JSON.stringify(ordered, null, 2)}\n`);
    }
    return 0;
  } catch (e) {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

if (import.meta.main) runAsMain(benchCommand, main);
