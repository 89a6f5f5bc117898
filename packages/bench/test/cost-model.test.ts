/**
 * The cost model's arithmetic (not a benchmark: no timing is asserted): what it
 * reads from a template, the sampling and Lambda billing rules, each line of the
 * bill from given measurements, the Standard baseline, and the item sizes the
 * capacity meter bills by. And that it reads the real prod template.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { type CfnTemplate, synthesizeTemplate } from '@medins/infra';
import { describe, expect, it } from 'vitest';
import {
  ASSUMPTIONS,
  type ClaimMeasurements,
  defaultSampling,
  ingressCosts,
  itemBytes,
  lambdaBilledMs,
  leverSavings,
  modelCost,
  PRICES,
  readTemplateFacts,
  ruleSampling,
  type TemplateFacts,
} from '../src/index.ts';

const fn = (handler: string, memory: number, consumes?: string) => ({
  Type: 'AWS::Lambda::Function',
  Metadata: { 'medins:handler': handler, ...(consumes ? { 'medins:consumes': consumes } : {}) },
  Properties: {
    MemorySize: memory,
    Architectures: ['arm64'],
    TracingConfig: { Mode: 'Active' },
    LoggingConfig: { ApplicationLogLevel: 'WARN', SystemLogLevel: 'WARN' },
  },
});

const TEMPLATE: CfnTemplate = {
  Resources: {
    Check: fn('claims/check-eligibility', 256),
    Deduct: fn('claims/deduct-from-accounts', 256),
    Api: fn('api/http', 512),
    Consumer: fn('ingest/queue-consumer', 256, 'claims'),
    ConsumerMapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { Ref: 'Consumer' }, BatchSize: 10 } },
    Claims: {
      Type: 'AWS::StepFunctions::StateMachine',
      Metadata: { 'medins:workflow': 'ClaimWorkflow' },
      Properties: { StateMachineType: 'EXPRESS', TracingConfiguration: { Enabled: true }, LoggingConfiguration: { Level: 'ERROR' } },
    },
    Sampling: {
      Type: 'AWS::XRay::SamplingRule',
      Properties: {
        SamplingRule: {
          ServiceType: 'AWS::StepFunctions::StateMachine',
          ServiceName: { 'Fn::GetAtt': ['Claims', 'Name'] },
          FixedRate: 0.02,
          ReservoirSize: 0,
        },
      },
    },
    OtherSampling: {
      Type: 'AWS::XRay::SamplingRule',
      Properties: {
        SamplingRule: {
          ServiceType: 'AWS::StepFunctions::StateMachine',
          ServiceName: { 'Fn::GetAtt': ['Other', 'Name'] },
          FixedRate: 0.5,
          ReservoirSize: 3,
        },
      },
    },
    Stage: {
      Type: 'AWS::ApiGatewayV2::Stage',
      Properties: { AccessLogSettings: { Format: '{"id":"$context.requestId","s":"$context.status"}' } },
    },
  },
};

const MEASURED: ClaimMeasurements = {
  sample: 10,
  steps: {
    'claims/check-eligibility': { perClaim: 1, wallMs: 10, cpuMs: 2 },
    'claims/deduct-from-accounts': { perClaim: 1, wallMs: 20, cpuMs: 3 },
  },
  transitions: 9,
  localExecutionMs: 40,
  rru: 6,
  wru: 10,
  notifications: 1,
  logBytes: 300,
  logLines: 1,
  api: { wallMs: 8, cpuMs: 2, rru: 1 },
  consumerPerMessage: { wallMs: 0.2, cpuMs: 0.2 },
  messageBytes: 500,
};

describe('reading the template', () => {
  it('takes memory, tracing and log levels per handler, batch sizes, the sampling rule and the access log line', () => {
    const facts = readTemplateFacts(TEMPLATE);
    expect(facts.functions['claims/check-eligibility']).toEqual({
      memoryMb: 256,
      arm64: true,
      tracing: 'Active',
      applicationLogLevel: 'WARN',
      systemLogLevel: 'WARN',
    });
    expect(facts.functions['ingest/queue-consumer:claims']?.memoryMb).toBe(256);
    expect(facts.functions['api/http']?.memoryMb).toBe(512);
    expect(facts.consumerBatchSize).toBe(10);
    expect(facts.claimWorkflow).toEqual({ type: 'EXPRESS', tracing: true, logLevel: 'ERROR' });
    expect(facts.stateMachineSampling).toEqual({ fixedRate: 0.02, reservoirPerSecond: 0 });
    expect(facts.accessLogLineBytes).toBe('{"id":"Jx2wQhXyoAMEVfw=","s":"202"}'.length);
    expect(facts.consumerIdempotencyRecord).toBe(false);
  });

  it('reads the synthesized prod template: every function the model prices is there', () => {
    const facts = readTemplateFacts(synthesizeTemplate({ stage: 'prod' }));
    for (const key of [
      'claims/check-eligibility',
      'claims/deduct-from-accounts',
      'events/notify',
      'api/http',
      'ingest/queue-consumer:claims',
    ]) {
      expect(facts.functions[key], key).toBeDefined();
      expect(facts.functions[key]!.arm64, key).toBe(true);
    }
    expect(facts.claimWorkflow.type).toBe('EXPRESS');
    expect(facts.consumerBatchSize).toBe(10);
    expect(facts.accessLogLineBytes).toBeGreaterThan(200);
    // The levers as the prod template carries them.
    expect(facts.consumerIdempotencyRecord).toBe(false);
    expect(facts.functions['claims/deduct-from-accounts']!.applicationLogLevel).toBe('WARN');
    expect(facts.stateMachineSampling).toEqual({ fixedRate: 0.02, reservoirPerSecond: 0 });
  });
});

describe('billing rules', () => {
  it('X-Ray: the default rule records one a second, then 5 %; a custom rule its reservoir, then its rate', () => {
    expect(defaultSampling(0.5)).toBe(1);
    expect(defaultSampling(21)).toBeCloseTo(2 / 21, 12);
    expect(ruleSampling({ fixedRate: 0.02, reservoirPerSecond: 0 }, 25)).toBeCloseTo(0.02, 12);
    expect(ruleSampling({ fixedRate: 0.02, reservoirPerSecond: 1 }, 25)).toBeCloseTo((1 + 0.02 * 24) / 25, 12);
  });

  it('Lambda: wall time, the CPU part stretched by the vCPU share of the memory, whole milliseconds', () => {
    expect(lambdaBilledMs({ wallMs: 10, cpuMs: 2 }, 256)).toBe(Math.ceil(10 + 2 * (1769 / 256 - 1)));
    expect(lambdaBilledMs({ wallMs: 10, cpuMs: 2 }, 2048)).toBe(10);
    expect(lambdaBilledMs({ wallMs: 0.2, cpuMs: 0 }, 256)).toBe(1);
  });

  it('item sizes: attribute names and values, numbers by their digits, maps and lists with their overhead', () => {
    const item = marshall({ memberId: 'm-1', version: 12, ok: true, counters: { a: 100 }, tags: ['x'] });
    // memberId(8)+3, version(7)+2, ok(2)+1, counters(8)+3+(1+1+2), tags(4)+3+(1+1)
    expect(itemBytes(item as never)).toBe(11 + 9 + 3 + 15 + 9);
  });
});

describe('the bill', () => {
  const facts: TemplateFacts = readTemplateFacts(TEMPLATE);
  const cost = modelCost(facts, MEASURED, ASSUMPTIONS);
  const b = cost.breakdown;

  it('prices each line from the measurements and the template', () => {
    expect(b.dynamodbWrites).toBeCloseTo(10 * 0.625, 4);
    expect(b.dynamodbReads).toBeCloseTo(6 * 0.125, 4);
    expect(b.sns).toBeCloseTo(0.5, 4);
    expect(b.httpApi).toBeCloseTo(1, 4);
    expect(b.stepFunctionsRequests).toBeCloseTo(1, 4);
    expect(b.stepFunctionsTransitions).toBe(0);
    // One message of 500 bytes, a receive and a delete per batch of 10.
    expect(b.sqs).toBeCloseTo((1 + 2 / 10) * 0.4, 4);
    // Two steps: 22 ms and 38 ms billed, plus 20 ms of invoke each: 100 ms of Express at 64 MB.
    expect(cost.perClaim.expressBilledMs).toBe(100);
    expect(b.stepFunctionsDuration).toBeCloseTo(0.1 * (64 / 1024) * PRICES.expressGbSecond * 1e6, 4);
    // Two steps, the API, a tenth of a consumer invocation (no stream: NotifyMembers is a step).
    expect(cost.perClaim.lambdaInvocations).toBeCloseTo(2 + 1 + 0.1, 6);
    // Log: the line and its 26 bytes, the access log line and its 26.
    expect(cost.perClaim.logBytes).toBe(300 + 26 + facts.accessLogLineBytes + 26);
    // X-Ray: the API at the default rule, the workflow at 2 %, consumer invocations at the default rule.
    const traces = defaultSampling(25) + 0.02 + defaultSampling(2.5) / 10;
    expect(cost.perClaim.traces).toBeCloseTo(traces, 6);
    expect(cost.usdPerMillionClaims).toBeCloseTo(
      Object.values(b).reduce((s, v) => s + v, 0),
      3,
    );
  });

  it('the Standard baseline bills every transition instead of the Express execution', () => {
    expect(cost.standardBaselineUsd).toBeCloseTo(
      cost.usdPerMillionClaims - b.stepFunctionsRequests! - b.stepFunctionsDuration! + 9 * 25,
      3,
    );
  });

  it('a consumer given an idempotency table writes its record: two more write units per claim', () => {
    const withRecord = modelCost({ ...facts, consumerIdempotencyRecord: true }, MEASURED);
    expect(withRecord.breakdown.dynamodbWrites! - b.dynamodbWrites!).toBeCloseTo(2 * 0.625, 4);
  });

  it('a Standard claim workflow in the template is billed by its transitions', () => {
    const standard = modelCost({ ...facts, claimWorkflow: { ...facts.claimWorkflow, type: 'STANDARD' } }, MEASURED);
    expect(standard.breakdown.stepFunctionsTransitions).toBeCloseTo(9 * 25, 3);
    expect(standard.breakdown.stepFunctionsRequests).toBe(0);
  });
});

describe('the ingresses', () => {
  const facts: TemplateFacts = readTemplateFacts(TEMPLATE);

  it('prices a claim through the HTTP API and its function as built, and the two ways without the function', () => {
    // Act
    const costs = ingressCosts(facts, MEASURED);
    const built = modelCost(facts, MEASURED);
    const integrated = modelCost(facts, MEASURED, { ...ASSUMPTIONS, ingress: 'httpApiSqsIntegration' });
    const direct = modelCost(facts, MEASURED, { ...ASSUMPTIONS, ingress: 'queue' });
    // Assess: as built is the default.
    expect(costs.httpApi).toBe(built.usdPerMillionClaims);
    // Without the function: one invocation fewer, none of its reads (1 RRU here) or its traces.
    expect(integrated.perClaim.lambdaInvocations).toBeCloseTo(built.perClaim.lambdaInvocations - 1, 9);
    expect(integrated.perClaim.rru).toBe(MEASURED.rru - 1);
    expect(integrated.perClaim.traces).toBeLessThan(built.perClaim.traces);
    // The SQS integration still pays the API request and its access log line; straight to the queue pays neither.
    expect(integrated.breakdown.httpApi).toBe(PRICES.httpApiRequest * 1e6);
    expect(direct.breakdown.httpApi).toBe(0);
    expect(direct.perClaim.logBytes).toBeLessThan(integrated.perClaim.logBytes);
    expect(direct.breakdown.sqs).toBe(built.breakdown.sqs);
    expect([costs.httpApi > costs.httpApiSqsIntegration, costs.httpApiSqsIntegration > costs.queue]).toEqual([true, true]);
    expect(costs.httpApiSqsIntegration).toBe(integrated.usdPerMillionClaims);
    expect(costs.queue).toBe(direct.usdPerMillionClaims);
  });
});

describe('the levers', () => {
  const facts: TemplateFacts = readTemplateFacts(TEMPLATE);
  const byLevel = { INFO: { bytes: 3_000, lines: 10 }, WARN: { bytes: 300, lines: 1 } };

  it('prices undoing each lever the template pulls: the idempotency record, the log level, the sampling rule', () => {
    // Prepare: measurements that know what INFO would have logged.
    const measured: ClaimMeasurements = { ...MEASURED, logByLevel: byLevel };
    const base = modelCost(facts, measured).usdPerMillionClaims;
    const added = (f: TemplateFacts, m: ClaimMeasurements = measured) =>
      Math.round((modelCost(f, m).usdPerMillionClaims - base) * 100) / 100;
    // Act
    const levers = leverSavings(facts, measured);
    // Assess
    expect(levers).toEqual([
      { lever: 'no idempotency record in the queue consumer', usd: added({ ...facts, consumerIdempotencyRecord: true }) },
      { lever: 'logs at WARN instead of INFO', usd: added(facts, { ...measured, logBytes: 3_000, logLines: 10 }) },
      { lever: 'X-Ray sampling rule on the claim workflow', usd: added({ ...facts, stateMachineSampling: null }) },
    ]);
    // Each undone lever costs more than the template does now.
    for (const l of levers) expect(l.usd, l.lever).toBeGreaterThan(0);
  });

  it('names no lever the template does not pull, nor a log level whose lines were not measured', () => {
    // Prepare: a template with the idempotency record, logging at INFO, no sampling rule.
    const unpulled: TemplateFacts = {
      ...facts,
      consumerIdempotencyRecord: true,
      stateMachineSampling: null,
      functions: {
        ...facts.functions,
        'claims/check-eligibility': { ...facts.functions['claims/check-eligibility']!, applicationLogLevel: 'INFO' },
      },
    };
    // Act
    const none = leverSavings(unpulled, { ...MEASURED, logByLevel: byLevel });
    const unmeasured = leverSavings({ ...unpulled, functions: facts.functions }, MEASURED);
    const noWarnLines = leverSavings({ ...unpulled, functions: facts.functions }, { ...MEASURED, logByLevel: { INFO: byLevel.INFO } });
    // Assess
    expect(none).toEqual([]);
    expect(unmeasured).toEqual([]);
    expect(noWarnLines).toEqual([]);
  });
});
