/**
 * shared/telemetry.ts: logger, metrics and tracer around a handler. Metric
 * documents go where `onMetrics` says; every log line is masked — at DEBUG the
 * handler's input is logged, without a clear name, ID number or phone; a trace
 * carries neither the handler's response nor its error.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTelemetry } from '../../src/shared/telemetry.ts';

const logFile = () => join(mkdtempSync(join(tmpdir(), 'medins-telemetry-')), 'log.jsonl');

/** The log lines written so far (the file stream writes asynchronously: on a busy machine, after a while). */
async function linesOf(path: string, atLeast: number): Promise<Record<string, unknown>[]> {
  let lines: Record<string, unknown>[] = [];
  await vi.waitFor(
    () => {
      lines = readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.length).toBeGreaterThanOrEqual(atLeast);
    },
    { timeout: 10_000 },
  );
  return lines;
}

const PERSON = { name: '张伟', idNumber: '330802197803120116', phone: '13912345678' };

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** A segment that records what the tracer middleware puts on it. */
function fakeSegment() {
  const segment = {
    addNewSubsegment: vi.fn(() => segment),
    addError: vi.fn(),
    addErrorFlag: vi.fn(),
    close: vi.fn(),
  };
  return segment;
}

/** Telemetry with tracing on (as in a Lambda) and the X-Ray context replaced by a recording segment. */
function tracedTelemetry() {
  vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
  vi.stubEnv('POWERTOOLS_TRACER_CAPTURE_RESPONSE', '');
  vi.stubEnv('POWERTOOLS_TRACER_CAPTURE_ERROR', '');
  const telemetry = createTelemetry({
    serviceName: 'test',
    logLevel: 'SILENT',
    tracer: new Tracer({ serviceName: 'test' }),
    onMetrics: () => {},
  });
  const segment = fakeSegment();
  const metadata: unknown[] = [];
  vi.spyOn(telemetry.tracer!, 'getSegment').mockReturnValue(segment as never);
  vi.spyOn(telemetry.tracer!, 'setSegment').mockImplementation(() => {});
  vi.spyOn(telemetry.tracer!, 'putAnnotation').mockImplementation(() => {});
  vi.spyOn(telemetry.tracer!, 'putMetadata').mockImplementation((key, value) => {
    metadata.push({ key, value });
  });
  return { telemetry, segment, metadata };
}

describe('createTelemetry', () => {
  it('hands each invocation’s metrics to onMetrics, and nothing for an invocation without any', async () => {
    // Prepare
    const emitted: unknown[] = [];
    const telemetry = createTelemetry({ serviceName: 'test', logLevel: 'SILENT', onMetrics: (m) => emitted.push(m) });
    const handler = telemetry.wrap(async (event: { count: boolean }) => {
      if (event.count) telemetry.metrics.addMetric('EventApplied', 'Count', 1);
      return 'ok';
    });

    // Act
    const results = [await handler({ count: true }), await handler({ count: false }), await handler({ count: true })];

    // Assess
    expect(results).toEqual(['ok', 'ok', 'ok']);
    expect(emitted).toHaveLength(2);
    expect(emitted[0]).toMatchObject({
      EventApplied: 1,
      service: 'test',
      _aws: { CloudWatchMetrics: [{ Namespace: 'Medins', Metrics: [{ Name: 'EventApplied', Unit: 'Count' }] }] },
    });
  });

  it('flushes the metrics of an invocation that throws, and rethrows', async () => {
    const emitted: unknown[] = [];
    const telemetry = createTelemetry({
      serviceName: 'test',
      logLevel: 'SILENT',

      metricsNamespace: 'Tests',
      onMetrics: (m) => emitted.push(m),
    });
    const handler = telemetry.wrap(async () => {
      telemetry.metrics.addMetric('WorkflowFailed', 'Count', 1);
      throw new Error('boom');
    });

    await expect(handler({})).rejects.toThrow('boom');
    expect(emitted).toEqual([
      expect.objectContaining({
        WorkflowFailed: 1,
        _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Namespace: 'Tests' })] }),
      }),
    ]);
  });

  it('publishes metrics to stdout in the embedded metric format when no onMetrics is given', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const telemetry = createTelemetry({ serviceName: 'test', logLevel: 'SILENT' });
    const handler = telemetry.wrap(async () => {
      telemetry.metrics.addMetric('EventApplied', 'Count', 1);
    });

    await handler({});

    expect(out.join('')).toContain('"EventApplied":1');
  });

  it('logs the handler input at DEBUG with names, ID numbers and phones masked', async () => {
    // Prepare
    const path = logFile();
    const telemetry = createTelemetry({ serviceName: 'test', logLevel: 'DEBUG', logFile: path, onMetrics: () => {} });
    const handler = telemetry.wrap(async (event: { member: typeof PERSON; note: string }) => {
      telemetry.logger.info('enrolled', { member: event.member });
      return event.note.length;
    });

    // Act
    await handler({ member: PERSON, note: `called ${PERSON.phone} about ${PERSON.idNumber}` });

    // Assess
    const lines = await linesOf(path, 2);
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(lines[0]).toMatchObject({ level: 'DEBUG', message: 'handler input', service: 'test' });
    expect(lines.some((l) => l.message === 'enrolled')).toBe(true);
    for (const clear of [PERSON.name, PERSON.idNumber, PERSON.phone]) expect(text).not.toContain(clear);
    expect(text).toContain('139****5678');
  });

  it('logs an HTTP request at DEBUG by method, path and size: never its body or its credentials', async () => {
    // Prepare: a body whose name the mask cannot recognise in free text, and a bearer token.
    const path = logFile();
    const telemetry = createTelemetry({ serviceName: 'test', logLevel: 'DEBUG', logFile: path, onMetrics: () => {} });
    const handler = telemetry.wrap(async () => 'ok');
    const body = JSON.stringify({ realName: { name: PERSON.name, idNumber: '1234567890', phone: '1390000' } });

    // Act
    await handler({
      rawPath: '/enrollments',
      body,
      headers: { authorization: 'Bearer eyJ.secret.token' },
      requestContext: { http: { method: 'POST' } },
    });

    // Assess
    const [line] = await linesOf(path, 1);
    expect(line).toMatchObject({
      message: 'handler input',
      input: { method: 'POST', path: '/enrollments', bodyBytes: Buffer.byteLength(body) },
    });
    const text = JSON.stringify(line);
    for (const secret of [PERSON.name, '1234567890', '1390000', 'eyJ.secret.token']) expect(text).not.toContain(secret);
  });

  it('does not log the input above DEBUG', async () => {
    const path = logFile();
    const telemetry = createTelemetry({ serviceName: 'test', logLevel: 'INFO', logFile: path, onMetrics: () => {} });
    const handler = telemetry.wrap(async () => {
      telemetry.logger.info('done');
    });

    await handler({ member: PERSON });

    const lines = await linesOf(path, 1);
    expect(lines.map((l) => l.message)).toEqual(['done']);
  });
});

describe('the trace of a handler', () => {
  it('is opened and closed, but never holds the response (a workflow state carries names and ID numbers)', async () => {
    // Prepare
    const { telemetry, segment, metadata } = tracedTelemetry();
    const response = vi.spyOn(telemetry.tracer!, 'addResponseAsMetadata');
    const handler = telemetry.wrap(async () => ({ loaded: { members: { m1: PERSON } } }));

    // Act
    const result = await handler({});

    // Assess
    expect(telemetry.tracer!.isTracingEnabled()).toBe(true);
    expect(result.loaded.members.m1).toEqual(PERSON);
    expect(segment.addNewSubsegment).toHaveBeenCalledOnce();
    expect(segment.close).toHaveBeenCalledOnce();
    expect(response).not.toHaveBeenCalled();
    expect(metadata).toEqual([]);
  });

  it('marks a failed invocation as an error without recording the error, and rethrows it', async () => {
    // Prepare
    const { telemetry, segment, metadata } = tracedTelemetry();
    const handler = telemetry.wrap(async () => {
      throw new Error(`no member ${PERSON.idNumber}`);
    });

    // Act / Assess
    await expect(handler({})).rejects.toThrow(PERSON.idNumber);
    expect(segment.addErrorFlag).toHaveBeenCalledOnce();
    expect(segment.addError).not.toHaveBeenCalled();
    expect(segment.close).toHaveBeenCalledOnce();
    expect(metadata).toEqual([]);
  });
});

describe('without a tracer', () => {
  it('never loads the X-Ray SDK, whose async hook would track every promise of the process (cls-hooked sets process.namespaces)', () => {
    // A fresh process: whatever another test loaded must not count.
    const script = `
      const { createTelemetry, loadTracer } = await import(${JSON.stringify(new URL('../../src/shared/telemetry.ts', import.meta.url).href)});
      const telemetry = createTelemetry({ serviceName: 'probe', logLevel: 'SILENT', onMetrics: () => {} });
      await telemetry.wrap(async () => 1)({}, { functionName: 'f', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 });
      const without = process.namespaces === undefined;
      await loadTracer('probe');
      console.log(JSON.stringify({ without, withTracer: process.namespaces !== undefined }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ without: true, withTracer: true });
  });
});
