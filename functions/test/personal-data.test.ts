/**
 * Personal data and the handlers' telemetry (issue 14): every contract example
 * through the real workflow steps with tracing on, as in a Lambda, and logging at
 * DEBUG. Whatever the handlers put on a trace (annotations, metadata, the
 * segment's own calls) and every log line hold no clear name, ID number or phone,
 * and neither does the workflow state handed from step to step.
 */

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTelemetry } from '../src/shared/telemetry.ts';
import { type TestTelemetry, testDeps } from './support/deps.ts';
import { exampleDoc, fixture } from './support/scenarios.ts';
import { claimWorkflow, memberEventWorkflow } from './support/workflows.ts';

const STEMS = [
  '01-quzhou-inpatient-all-tiers',
  '03-family-mutual-aid',
  '04-enrollment-personal-account',
  '05-rejected-claims',
  '07-quote-reversal-viewers',
];

/** Every clear personal value of a scenario document (members, real-name data, proofs). */
function clearValuesOf(doc: { members: readonly object[]; events: readonly object[] }): Set<string> {
  const values = new Set<string>();
  const add = (o: unknown) => {
    for (const [k, v] of Object.entries((o ?? {}) as Record<string, unknown>)) {
      if (/^(name|idNumber|phone|birthCertificateNo|certificateNo|motherName|motherIdNumber)$/.test(k) && typeof v === 'string')
        values.add(v);
    }
  };
  for (const m of doc.members) add(m);
  for (const e of doc.events as { realName?: unknown; proof?: unknown }[]) {
    add(e.realName);
    add(e.proof);
  }
  return values;
}

/** Telemetry as in a Lambda (tracing on, DEBUG to a file) whose trace calls are recorded instead of sent. */
function tracedTelemetry(logFile: string) {
  vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
  const base = createTelemetry({
    serviceName: 'test',
    logLevel: 'DEBUG',
    tracer: new Tracer({ serviceName: 'test' }),
    logFile,
    onMetrics: () => {},
  });
  const traced: unknown[] = [];
  const record =
    (what: string) =>
    (...args: unknown[]) => {
      traced.push({ what, args });
    };
  const segment: Record<string, unknown> = {
    addAnnotation: vi.fn(record('segment annotation')),
    addMetadata: vi.fn(record('segment metadata')),
    addError: vi.fn(record('segment error')),
    addErrorFlag: vi.fn(),
    close: vi.fn(),
  };
  segment.addNewSubsegment = vi.fn((...args: unknown[]) => {
    traced.push({ what: 'subsegment', args });
    return segment;
  });
  vi.spyOn(base.tracer!, 'getSegment').mockReturnValue(segment as never);
  vi.spyOn(base.tracer!, 'setSegment').mockImplementation(() => {});
  vi.spyOn(base.tracer!, 'putAnnotation').mockImplementation(record('annotation'));
  vi.spyOn(base.tracer!, 'putMetadata').mockImplementation(record('metadata'));
  vi.spyOn(base.tracer!, 'addResponseAsMetadata').mockImplementation(record('response'));
  vi.spyOn(base.tracer!, 'addErrorAsMetadata').mockImplementation(record('error'));
  const telemetry: TestTelemetry = { ...base, emitted: [], metric: () => undefined };
  return { telemetry, traced };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('the workflow steps, traced and logged at DEBUG', () => {
  it.each(STEMS)('%s: no clear personal value on a trace, in a log line or in a state between steps', async (stem) => {
    // Prepare
    const doc = exampleDoc(stem) as unknown as { members: object[]; events: { id: string; type: string }[] };
    const clear = clearValuesOf(doc);
    const log = join(mkdtempSync(join(tmpdir(), 'medins-pii-')), 'handlers.log');
    const { telemetry, traced } = tracedTelemetry(log);
    const f = fixture(exampleDoc(stem));
    const deps = testDeps(f.store, { telemetry });
    const workflows = { claim: claimWorkflow(deps), member: memberEventWorkflow(deps) };
    const states: unknown[] = [];

    // Act
    for (const e of doc.events) {
      if (e.type === 'renewalCampaign') continue;
      const claim = e.type === 'claim' || e.type === 'quote';
      states.push(await (claim ? workflows.claim : workflows.member).run(f.doc(e.id)));
    }

    // Assess
    expect(traced.filter((t) => (t as { what: string }).what === 'subsegment').length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(readFileSync(log, 'utf8')).toContain('handler input'), { timeout: 10_000 });
    const seen = [
      ['trace', JSON.stringify(traced)],
      ['log', readFileSync(log, 'utf8')],
      ['state', JSON.stringify(states)],
    ] as const;
    const leaks = seen.flatMap(([where, text]) => [...clear].filter((v) => text.includes(v)).map((v) => `${where}: ${v[0]}…`));
    expect(leaks).toEqual([]);
  });

  it('the check sees a clear value a handler would put on its trace', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'medins-pii-')), 'handlers.log');
    const { telemetry, traced } = tracedTelemetry(log);
    const handler = telemetry.wrap(async () => {
      telemetry.tracer!.putMetadata('member', { name: '张伟' });
    });

    await handler({});

    expect(JSON.stringify(traced)).toContain('张伟');
  });
});
