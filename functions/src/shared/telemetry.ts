/**
 * functions → shared: Powertools logger, metrics and tracer for one process, and
 * the middy stack that wires them around a handler. Built by `createTelemetry`
 * from options (the composition root reads them from the environment, the
 * embedded stack and the tests pass them), never at import. Every log line passes
 * the personal-data mask (names, ID numbers, phones), at every level; traces
 * carry neither a handler's response nor its error (`traceWithoutData`).
 */
import { Console } from 'node:console';
import { createWriteStream } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { maskReplacer } from '@medins/engine';
import middy from '@middy/core';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

export interface TelemetryOptions {
  /** POWERTOOLS_SERVICE_NAME. */
  readonly serviceName: string;
  readonly logLevel?: LogLevel;
  /** Log lines go to this file instead of stdout (the embedded stack: stdout carries the commands' JSON). */
  readonly logFile?: string;
  readonly metricsNamespace?: string;
  /**
   * The X-Ray tracer (`loadTracer`), or none where there is no X-Ray (locally): then
   * the X-Ray SDK is not even loaded. Loading it enables an async hook (cls-hooked)
   * that tracks every promise of the process, which costs whether traces are sent
   * or not: measured, an awaited promise 15× slower (docs/performance.md).
   */
  readonly tracer?: Tracer;
  /**
   * Where each invocation's metric document goes instead of stdout (CloudWatch's
   * embedded metric format on Lambda): the embedded stack drops or counts them,
   * since its stdout carries the commands' JSON.
   */
  readonly onMetrics?: (emf: unknown) => void;
}

/** A handler as Lambda calls it. */
export type Handler<E, R> = (event: E, context?: unknown) => Promise<R>;

export interface Telemetry {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Present when traces are captured. */
  readonly tracer: Tracer | undefined;
  /** Wraps a handler with the logger (Lambda context, masked), the tracer and the metrics flush. */
  wrap<E, R>(handler: (event: E, context: unknown) => Promise<R>): Handler<E, R>;
}

/**
 * Flushes the invocation's metrics, if it added any. (Powertools' own middleware
 * logs a warning for every invocation without metrics: log bytes we pay for.)
 */
const flushMetrics = (metrics: Metrics): middy.MiddlewareObj => {
  const flush = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
};

type HttpRequestEvent = { rawPath?: unknown; body?: unknown; requestContext: { http: { method?: unknown } } };
const isHttpRequest = (event: unknown): event is HttpRequestEvent =>
  typeof (event as HttpRequestEvent | null)?.requestContext?.http === 'object';

/**
 * What the DEBUG line says of an input. A workflow step's state is logged whole
 * (sealed and masked). An HTTP request is not: its body is the caller's clear
 * text (names, ID numbers, phones the mask cannot recognise in free text) and its
 * headers carry credentials; method, path and size say what was asked.
 */
export function loggedInput(event: unknown): object {
  // A task token resumes a waiting workflow: whoever reads the logs must not be able to.
  if (event !== null && typeof event === 'object' && 'taskToken' in event) return { ...event, taskToken: '[task token]' };
  if (!isHttpRequest(event)) return event as object;
  const body = typeof event.body === 'string' ? event.body : '';
  return { method: event.requestContext.http.method, path: event.rawPath, bodyBytes: Buffer.byteLength(body) };
}

/** At DEBUG, each invocation's input (masked like every line): what a step saw, for tracing a claim. */
const logInput = (logger: Logger): middy.MiddlewareObj => ({
  before: async (request) => {
    if (logger.getLevelName() === 'DEBUG') logger.debug('handler input', { input: loggedInput(request.event) });
  },
});

/**
 * Powertools' tracer middleware, keeping what a handler returns and what it
 * throws out of the trace. By default it adds both as segment metadata, and a
 * workflow step returns the loaded snapshot (members' names and ID numbers) and
 * an error may quote an input. The response: `captureResponse: false`. The error:
 * Powertools records it unless `POWERTOOLS_TRACER_CAPTURE_ERROR=false` (infra sets
 * it on every function); here the segment gets only its error flag whatever the
 * environment says (the embedded stack, a function deployed without the variable).
 */
export function traceWithoutData(tracer: Tracer): middy.MiddlewareObj {
  const capture = captureLambdaHandler(tracer, { captureResponse: false });
  return {
    before: capture.before,
    after: capture.after,
    onError: async (request) => {
      if (!tracer.isTracingEnabled()) return;
      tracer.getSegment()?.addErrorFlag();
      // With no response to capture, `after` only closes the handler's subsegment.
      await capture.after?.(request);
    },
  };
}

/**
 * Telemetry for one process. Metric dimensions never carry personal data: only
 * event types, statuses and reason codes.
 *
 * @example
 * ```ts
 * const telemetry = createTelemetry({ serviceName: 'medins-claims', logLevel: 'WARN' });
 * export const handler = telemetry.wrap(async (state) => step(state));
 * ```
 */
export function createTelemetry(options: TelemetryOptions): Telemetry {
  const logger = new Logger({
    serviceName: options.serviceName,
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    jsonReplacerFn: maskReplacer as never,
  });
  if (options.logFile) {
    const stream = createWriteStream(options.logFile, { flags: 'a' });
    // The logger writes through its own Console; point it at the file.
    (logger as unknown as { console: Console }).console = new Console({ stdout: stream, stderr: stream });
  }
  const metrics = new Metrics({
    namespace: options.metricsNamespace ?? 'Medins',
    serviceName: options.serviceName,
    // Its warnings (e.g. nothing to publish) go through the masked, levelled logger too.
    logger,
  });
  if (options.onMetrics) {
    // Powertools prints each metric document with its own console (also when a metric reaches 100
    // values mid-invocation): pointed at onMetrics, no document reaches stdout by any path.
    const onMetrics = options.onMetrics;
    (metrics as unknown as { console: Pick<Console, 'log'> }).console = { log: (line: string) => onMetrics(JSON.parse(line) as unknown) };
  }
  const { tracer } = options;
  return {
    logger,
    metrics,
    tracer,
    wrap: <E, R>(handler: (event: E, context: unknown) => Promise<R>) => {
      const wrapped = middy(handler as never)
        .use(injectLambdaContext(logger, { resetKeys: true }))
        .use(logInput(logger));
      if (tracer) wrapped.use(traceWithoutData(tracer));
      return wrapped.use(flushMetrics(metrics)) as unknown as Handler<E, R>;
    },
  };
}

/**
 * The X-Ray tracer, loaded only when asked for (see `TelemetryOptions.tracer`):
 * importing Powertools' Tracer loads the X-Ray SDK and its process-wide async hook.
 *
 * @example
 * ```ts
 * const telemetry = createTelemetry({ serviceName: 'medins-claims', tracer: await loadTracer('medins-claims') });
 * ```
 */
export async function loadTracer(serviceName: string): Promise<Tracer> {
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  return new Tracer({ serviceName });
}
