/**
 * What a million claims cost on AWS: list prices applied to the synthesized
 * template (which functions run at which memory, traced or not, logging at which
 * level; batch sizes of the event sources; the workflow type; sampling rules; the
 * access log format) and to what one claim measurably does on the embedded stack
 * (the states it visits, the handlers' time and CPU, the read and write units of
 * every request, the notifications, the log bytes). Beside it: the same pipeline
 * as a Standard workflow. Pure arithmetic, so it is unit-tested; docs/cost.md
 * states every price and assumption.
 */
import type { CfnTemplate } from '@medins/infra';
import { BenchTemplateError } from './errors.ts';

/** AWS list prices, us-east-1, USD (docs/cost.md; the China regions price in CNY with the same structure). */
export const PRICES = {
  expressRequest: 1.0 / 1e6,
  /** Per GB-second, billed in 100 ms steps at 64 MB. */
  expressGbSecond: 0.00001667,
  standardTransition: 0.025 / 1000,
  lambdaRequest: 0.2 / 1e6,
  /** arm64, per GB-second (1 ms billing). */
  lambdaGbSecondArm: 0.0000133334,
  lambdaGbSecondX86: 0.0000166667,
  wru: 0.625 / 1e6,
  rru: 0.125 / 1e6,
  sqsRequest: 0.4 / 1e6,
  snsPublish: 0.5 / 1e6,
  httpApiRequest: 1.0 / 1e6,
  logsIngestedGb: 0.5,
  xrayTrace: 5.0 / 1e6,
  kmsRequest: 0.03 / 10_000,
} as const;

/** Modelling assumptions, each stated in docs/cost.md. */
export interface Assumptions {
  /** The sustained rate the per-claim figures are modelled at (sampling reservoirs, batch fill). */
  readonly claimsPerSecond: number;
  /** Messages per consumer invocation at that rate (at most the template's batch size). */
  readonly consumerBatchFill?: number;
  /** What Step Functions adds to an execution per Lambda task (invoke round trip). */
  readonly taskOverheadMs: number;
  /** Memory at which Lambda gives a function one full vCPU: below it, CPU time stretches. */
  readonly fullVcpuMemoryMb: number;
  /** CloudWatch Logs bills each log event 26 bytes on top of its message. */
  readonly logEventOverheadBytes: number;
  /** Execution environments calling KMS at the peak, each for a data key every 5 minutes. */
  readonly kmsCallers: number;
  /** The HTTP API handler, when it was not measured. */
  readonly apiFallback: { readonly wallMs: number; readonly cpuMs: number; readonly rru: number };
  /**
   * How a claim reaches the claims queue (item 5 of issue 15): through the HTTP API and
   * its function (as built: validated, sealed, authorized, recorded before it is
   * queued), through an HTTP API route integrated with SQS `SendMessage` (no function),
   * or sent by the hospital straight to the queue with IAM. Default: as built.
   */
  readonly ingress?: Ingress;
}

export const INGRESSES = ['httpApi', 'httpApiSqsIntegration', 'queue'] as const;
export type Ingress = (typeof INGRESSES)[number];

export const ASSUMPTIONS: Assumptions = {
  claimsPerSecond: 25,
  taskOverheadMs: 20,
  fullVcpuMemoryMb: 1769,
  logEventOverheadBytes: 26,
  kmsCallers: 40,
  apiFallback: { wallMs: 30, cpuMs: 5, rru: 1 },
};

// ------------------------------------------------------------ the template

export interface FunctionFacts {
  readonly memoryMb: number;
  readonly arm64: boolean;
  readonly tracing: 'Active' | 'PassThrough';
  readonly applicationLogLevel: string;
  readonly systemLogLevel: string;
}

export interface SamplingRule {
  readonly fixedRate: number;
  readonly reservoirPerSecond: number;
}

export interface TemplateFacts {
  /** By `medins:handler` key; the consumers as `ingest/queue-consumer:claims` / `:enrollments`. */
  readonly functions: Readonly<Record<string, FunctionFacts>>;
  readonly consumerBatchSize: number;
  readonly claimWorkflow: { readonly type: string; readonly tracing: boolean; readonly logLevel: string };
  /** The X-Ray sampling rule for state machines, or null: the default rule (1/s, then 5 %). */
  readonly stateMachineSampling: SamplingRule | null;
  /** One access log line of the HTTP API with typical values. */
  readonly accessLogLineBytes: number;
  /**
   * Whether the claims consumer is given a Powertools idempotency table: then it
   * writes a record per message (in progress, then completed: 2 WRU), which the
   * embedded stack does not run.
   */
  readonly consumerIdempotencyRecord: boolean;
}

type Resource = CfnTemplate['Resources'][string];
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form; the model reads them by path.
const props = (r: Resource) => (r.Properties ?? {}) as Record<string, any>;
const refOf = (v: unknown): string | undefined => {
  const o = v as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return o?.Ref ?? o?.['Fn::GetAtt']?.[0];
};

/** Typical values of the access log variables (lengths as API Gateway writes them). */
const ACCESS_LOG_SAMPLE: Record<string, string> = {
  '$context.requestId': 'Jx2wQhXyoAMEVfw=',
  '$context.requestTimeEpoch': '1798761599999',
  '$context.identity.userArn': 'arn:aws-cn:sts::123456789012:assumed-role/medins-hospital-intake/H-QZ-001',
  '$context.identity.sourceIp': '203.0.113.200',
  '$context.routeKey': 'POST /claims',
  '$context.status': '202',
  '$context.responseLength': '96',
  '$context.responseLatency': '38',
  '$context.integrationLatency': '35',
  '$context.integrationErrorMessage': '-',
};

export function readTemplateFacts(template: CfnTemplate): TemplateFacts {
  const resources = Object.entries(template.Resources);
  const functions: Record<string, FunctionFacts> = {};
  const keyById: Record<string, string> = {};
  for (const [id, r] of resources) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const handler = r.Metadata?.['medins:handler'];
    if (typeof handler !== 'string') continue;
    const consumes = r.Metadata?.['medins:consumes'];
    const key = typeof consumes === 'string' ? `${handler}:${consumes}` : handler;
    const p = props(r);
    keyById[id] = key;
    functions[key] = {
      memoryMb: Number(p.MemorySize ?? 128),
      arm64: (p.Architectures ?? ['x86_64']).includes('arm64'),
      tracing: p.TracingConfig?.Mode === 'Active' ? 'Active' : 'PassThrough',
      applicationLogLevel: String(p.LoggingConfig?.ApplicationLogLevel ?? 'INFO'),
      systemLogLevel: String(p.LoggingConfig?.SystemLogLevel ?? 'INFO'),
    };
  }
  const consumerId = Object.keys(keyById).find((id) => keyById[id] === 'ingest/queue-consumer:claims');
  const consumerEnv = consumerId ? ((props(template.Resources[consumerId]!).Environment?.Variables ?? {}) as Record<string, unknown>) : {};
  let consumerBatchSize = 10;
  for (const [, r] of resources) {
    if (r.Type !== 'AWS::Lambda::EventSourceMapping') continue;
    const p = props(r);
    const key = keyById[refOf(p.FunctionName) ?? ''];
    if (key === 'ingest/queue-consumer:claims') consumerBatchSize = Number(p.BatchSize ?? 10);
  }
  const claim = resources.find(
    ([, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && r.Metadata?.['medins:workflow'] === 'ClaimWorkflow',
  );
  const cp = claim ? props(claim[1]) : {};
  // The rule X-Ray applies to the claim workflow: one naming it, else one for every state machine.
  const rules = resources
    .filter(([, r]) => r.Type === 'AWS::XRay::SamplingRule')
    .map(([, r]) => (props(r).SamplingRule ?? {}) as Record<string, unknown>)
    .filter((rule) => rule.ServiceType === 'AWS::StepFunctions::StateMachine' || rule.ServiceType === '*');
  const rule = rules.find((r) => claim && refOf(r.ServiceName) === claim[0]) ?? rules.find((r) => r.ServiceName === '*');
  const stage = resources.find(([, r]) => r.Type === 'AWS::ApiGatewayV2::Stage');
  const format = String(stage ? (props(stage[1]).AccessLogSettings?.Format ?? '') : '');
  const line = format.replace(/\$context\.[A-Za-z.]+/g, (v) => ACCESS_LOG_SAMPLE[v] ?? 'x'.repeat(12));
  return {
    functions,
    consumerBatchSize,
    claimWorkflow: {
      type: String(cp.StateMachineType ?? 'STANDARD'),
      tracing: cp.TracingConfiguration?.Enabled === true,
      logLevel: String(cp.LoggingConfiguration?.Level ?? 'OFF'),
    },
    stateMachineSampling: rule ? { fixedRate: Number(rule.FixedRate ?? 0.05), reservoirPerSecond: Number(rule.ReservoirSize ?? 1) } : null,
    accessLogLineBytes: Buffer.byteLength(line, 'utf8'),
    consumerIdempotencyRecord: 'MEDINS_TABLE_IDEMPOTENCY' in consumerEnv,
  };
}

// ------------------------------------------------------------ what a claim does

/** Time spent in one handler, per invocation, measured one invocation at a time. */
export interface HandlerTime {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Per claim, measured on the embedded stack (means over a sample of claims run one at a time). */
export interface ClaimMeasurements {
  readonly sample: number;
  /** Lambda task states of the claim workflow, by handler key: invocations per claim and time per invocation. */
  readonly steps: Readonly<Record<string, HandlerTime & { readonly perClaim: number }>>;
  /** States entered plus retries (what Standard bills). */
  readonly transitions: number;
  /** The local execution's duration (in-process handlers, no invoke latency): for the record. */
  readonly localExecutionMs: number;
  /** Read and write request units: the workflow and the API's reads. */
  readonly rru: number;
  readonly wru: number;
  readonly notifications: number;
  /** Application log bytes and lines per claim at the template's log level (EMF metric lines included). */
  readonly logBytes: number;
  readonly logLines: number;
  /** Bytes and lines per claim of the lines each level lets through (metric lines included), when measured. */
  readonly logByLevel?: Readonly<Record<string, { readonly bytes: number; readonly lines: number }>>;
  /** The HTTP API handler for one POST /claims, or null when not measured (then `apiFallback`). */
  readonly api: (HandlerTime & { readonly rru: number }) | null;
  /** The consumer's own work per message (parse and validate), besides waiting for the execution. */
  readonly consumerPerMessage: HandlerTime;
  readonly messageBytes: number;
}

export interface CostLine {
  readonly item: string;
  /** Units per claim, in words. */
  readonly perClaim: string;
  readonly usdPerMillion: number;
}

export interface CostModel {
  readonly usdPerMillionClaims: number;
  readonly breakdown: Readonly<Record<string, number>>;
  readonly standardBaselineUsd: number;
  readonly lines: readonly CostLine[];
  /** Derived per-claim quantities, for the report. */
  readonly perClaim: {
    readonly lambdaInvocations: number;
    readonly lambdaGbSeconds: number;
    readonly expressBilledMs: number;
    readonly transitions: number;
    readonly rru: number;
    readonly wru: number;
    readonly sqsRequests: number;
    readonly logBytes: number;
    readonly traces: number;
  };
}

/** Share of requests X-Ray's default rule records at `rate` per second: 1 a second, then 5 %. */
export function defaultSampling(rate: number): number {
  if (rate <= 1) return 1;
  return (1 + 0.05 * (rate - 1)) / rate;
}

/** Share a custom rule records at `rate` per second. */
export function ruleSampling(rule: SamplingRule, rate: number): number {
  if (rate <= 0) return 0;
  const reserved = Math.min(rate, rule.reservoirPerSecond);
  return (reserved + rule.fixedRate * (rate - reserved)) / rate;
}

/**
 * Lambda bills wall time at the configured memory; below `fullVcpuMemoryMb` a
 * function has that share of a vCPU, so the CPU part of what ran here on a full
 * core takes proportionally longer there.
 */
export function lambdaBilledMs(t: HandlerTime, memoryMb: number, a: Assumptions = ASSUMPTIONS): number {
  const stretch = Math.max(1, a.fullVcpuMemoryMb / memoryMb);
  return Math.max(1, Math.ceil(t.wallMs + t.cpuMs * (stretch - 1)));
}

const usd = (n: number) => Math.round(n * 1e4) / 1e4;

/**
 * The levers of docs/cost.md, each undone in turn on the same measurements: what
 * the template's settings save against the settings before them.
 */
export function leverSavings(facts: TemplateFacts, m: ClaimMeasurements, a: Assumptions = ASSUMPTIONS): { lever: string; usd: number }[] {
  const now = modelCost(facts, m, a).usdPerMillionClaims;
  const without = (f: TemplateFacts, mm: ClaimMeasurements = m) => Math.round((modelCost(f, mm, a).usdPerMillionClaims - now) * 100) / 100;
  const out: { lever: string; usd: number }[] = [];
  if (!facts.consumerIdempotencyRecord)
    out.push({ lever: 'no idempotency record in the queue consumer', usd: without({ ...facts, consumerIdempotencyRecord: true }) });
  const level = facts.functions['claims/check-eligibility']?.applicationLogLevel;
  const info = m.logByLevel?.INFO;
  if (level && level !== 'INFO' && info && m.logByLevel?.[level]) {
    out.push({ lever: `logs at ${level} instead of INFO`, usd: without(facts, { ...m, logBytes: info.bytes, logLines: info.lines }) });
  }
  if (facts.stateMachineSampling)
    out.push({ lever: 'X-Ray sampling rule on the claim workflow', usd: without({ ...facts, stateMachineSampling: null }) });
  return out;
}

/**
 * What each ingress would cost per million claims, everything else as measured
 * (item 5 of issue 15). Every term is per claim, so the order holds at any volume;
 * what the cheaper ones give up is in docs/cost.md.
 */
export function ingressCosts(facts: TemplateFacts, m: ClaimMeasurements, a: Assumptions = ASSUMPTIONS): Record<Ingress, number> {
  return Object.fromEntries(INGRESSES.map((ingress) => [ingress, modelCost(facts, m, { ...a, ingress }).usdPerMillionClaims])) as Record<
    Ingress,
    number
  >;
}

export function modelCost(facts: TemplateFacts, m: ClaimMeasurements, a: Assumptions = ASSUMPTIONS): CostModel {
  const fn = (key: string): FunctionFacts => {
    const f = facts.functions[key];
    if (!f) throw new BenchTemplateError(`the template has no function for ${key}`, { entity: key });
    return f;
  };
  const gbSecondPrice = (f: FunctionFacts) => (f.arm64 ? PRICES.lambdaGbSecondArm : PRICES.lambdaGbSecondX86);
  const rate = a.claimsPerSecond;

  // The claim workflow's Lambda steps.
  let stepInvocations = 0;
  let stepUsd = 0;
  let stepGbS = 0;
  let executionMs = 0;
  for (const [key, s] of Object.entries(m.steps)) {
    const f = fn(key);
    const ms = lambdaBilledMs(s, f.memoryMb, a);
    stepInvocations += s.perClaim;
    const gbS = (s.perClaim * ms * f.memoryMb) / 1024 / 1000;
    stepGbS += gbS;
    stepUsd += gbS * gbSecondPrice(f);
    executionMs += s.perClaim * (ms + a.taskOverheadMs);
  }

  // The API and the consumer (one invocation per batch, waiting for the slowest execution).
  const ingress = a.ingress ?? 'httpApi';
  const viaFunction = ingress === 'httpApi';
  const viaHttpApi = ingress !== 'queue';
  const api = m.api ?? a.apiFallback;
  const apiFn = fn('api/http');
  const apiMs = viaFunction ? lambdaBilledMs(api, apiFn.memoryMb, a) : 0;
  const consumer = fn('ingest/queue-consumer:claims');
  const fill = Math.max(1, Math.min(facts.consumerBatchSize, a.consumerBatchFill ?? facts.consumerBatchSize));
  const consumerMsPerBatch =
    executionMs +
    lambdaBilledMs({ wallMs: fill * m.consumerPerMessage.wallMs, cpuMs: fill * m.consumerPerMessage.cpuMs }, consumer.memoryMb, a);

  const lambdaInvocations = stepInvocations + (viaFunction ? 1 : 0) + 1 / fill;
  const apiGbS = (apiMs * apiFn.memoryMb) / 1024 / 1000;
  const consumerGbS = (consumerMsPerBatch * consumer.memoryMb) / 1024 / 1000 / fill;
  const lambdaGbSeconds = stepGbS + apiGbS + consumerGbS;
  const lambdaDurationUsd = stepUsd + apiGbS * gbSecondPrice(apiFn) + consumerGbS * gbSecondPrice(consumer);

  // Express: per execution and per 100 ms at 64 MB.
  const expressBilledMs = Math.ceil(executionMs / 100) * 100;
  const express = facts.claimWorkflow.type === 'EXPRESS';
  const expressRequestsUsd = express ? PRICES.expressRequest : 0;
  const expressDurationUsd = express ? (expressBilledMs / 1000) * (64 / 1024) * PRICES.expressGbSecond : 0;
  const transitionsUsd = express ? 0 : m.transitions * PRICES.standardTransition;

  // m.rru includes the API function's reads when it was measured.
  const rru = viaFunction ? m.rru + (m.api ? 0 : a.apiFallback.rru) : m.rru - (m.api?.rru ?? 0);
  const idempotencyWru = facts.consumerIdempotencyRecord ? 2 : 0;
  const wru = m.wru + idempotencyWru;
  const sqsRequests = Math.ceil(m.messageBytes / 65_536) + 2 / fill;

  // Logs: application lines at the template's level (measured), the API's access log line; platform lines are
  // at the system log level (WARN: none on success) and the state machines log at ERROR (none on success).
  const logBytes =
    m.logBytes + m.logLines * a.logEventOverheadBytes + (viaHttpApi ? facts.accessLogLineBytes + a.logEventOverheadBytes : 0);

  // X-Ray: each entry point that makes its own sampling decision is a trace.
  const traced = (key: string) => fn(key).tracing === 'Active';
  const workflowShare = facts.claimWorkflow.tracing
    ? facts.stateMachineSampling
      ? ruleSampling(facts.stateMachineSampling, rate)
      : defaultSampling(rate)
    : 0;
  const traces =
    (viaFunction && traced('api/http') ? defaultSampling(rate) : 0) +
    workflowShare +
    (traced('ingest/queue-consumer:claims') ? defaultSampling(rate / fill) / fill : 0);

  const kmsPerClaim = (a.kmsCallers * 12) / (rate * 3600);

  const breakdown: Record<string, number> = {
    stepFunctionsRequests: expressRequestsUsd * 1e6,
    stepFunctionsDuration: expressDurationUsd * 1e6,
    stepFunctionsTransitions: transitionsUsd * 1e6,
    lambdaRequests: lambdaInvocations * PRICES.lambdaRequest * 1e6,
    lambdaDuration: lambdaDurationUsd * 1e6,
    dynamodbWrites: wru * PRICES.wru * 1e6,
    dynamodbReads: rru * PRICES.rru * 1e6,
    sqs: sqsRequests * PRICES.sqsRequest * 1e6,
    sns: m.notifications * PRICES.snsPublish * 1e6,
    httpApi: viaHttpApi ? PRICES.httpApiRequest * 1e6 : 0,
    cloudwatchLogs: (logBytes / 1e9) * PRICES.logsIngestedGb * 1e6,
    xray: traces * PRICES.xrayTrace * 1e6,
    kms: kmsPerClaim * PRICES.kmsRequest * 1e6,
  };
  for (const k of Object.keys(breakdown)) breakdown[k] = usd(breakdown[k]!);
  const total = Object.values(breakdown).reduce((s, v) => s + v, 0);

  // The same pipeline as a Standard workflow: every state entered is billed, no Express charges.
  const standard =
    total -
    breakdown.stepFunctionsRequests! -
    breakdown.stepFunctionsDuration! -
    breakdown.stepFunctionsTransitions! +
    m.transitions * PRICES.standardTransition * 1e6;

  const f2 = (n: number, d = 2) => n.toFixed(d);
  const lines: CostLine[] = [
    { item: 'Step Functions requests', perClaim: express ? '1 Express execution' : '—', usdPerMillion: breakdown.stepFunctionsRequests! },
    {
      item: 'Step Functions duration',
      perClaim: express ? `${expressBilledMs} ms billed at 64 MB` : '—',
      usdPerMillion: breakdown.stepFunctionsDuration!,
    },
    {
      item: 'Step Functions transitions',
      perClaim: express ? '— (Express)' : `${f2(m.transitions, 1)} transitions`,
      usdPerMillion: breakdown.stepFunctionsTransitions!,
    },
    { item: 'Lambda requests', perClaim: `${f2(lambdaInvocations)} invocations`, usdPerMillion: breakdown.lambdaRequests! },
    { item: 'Lambda duration', perClaim: `${f2(lambdaGbSeconds, 4)} GB-s`, usdPerMillion: breakdown.lambdaDuration! },
    {
      item: 'DynamoDB writes',
      perClaim: `${f2(wru)} WRU${idempotencyWru ? ` (${idempotencyWru} of them the consumer's idempotency record)` : ''}`,
      usdPerMillion: breakdown.dynamodbWrites!,
    },
    { item: 'DynamoDB reads', perClaim: `${f2(rru)} RRU`, usdPerMillion: breakdown.dynamodbReads! },
    { item: 'SQS', perClaim: `${f2(sqsRequests)} requests`, usdPerMillion: breakdown.sqs! },
    { item: 'SNS', perClaim: `${f2(m.notifications)} publishes`, usdPerMillion: breakdown.sns! },
    { item: 'HTTP API', perClaim: viaHttpApi ? '1 request' : '— (straight to the queue)', usdPerMillion: breakdown.httpApi! },
    { item: 'CloudWatch Logs', perClaim: `${Math.round(logBytes)} bytes`, usdPerMillion: breakdown.cloudwatchLogs! },
    { item: 'X-Ray', perClaim: `${f2(traces, 3)} traces`, usdPerMillion: breakdown.xray! },
    { item: 'KMS', perClaim: `${f2(kmsPerClaim, 4)} requests`, usdPerMillion: breakdown.kms! },
  ];
  return {
    usdPerMillionClaims: usd(total),
    breakdown,
    standardBaselineUsd: usd(standard),
    lines,
    perClaim: {
      lambdaInvocations,
      lambdaGbSeconds,
      expressBilledMs,
      transitions: m.transitions,
      rru,
      wru,
      sqsRequests,
      logBytes,
      traces,
    },
  };
}
