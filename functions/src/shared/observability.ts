/**
 * Powertools logger, metrics and tracer, shared by every handler, and the middy
 * stack that wires them. Every log line passes the personal-data mask (names, ID
 * numbers, phones) — at every level, debug included. Locally (the embedded stack)
 * `MEDINS_LOG_FILE` sends log lines to a file instead of stdout, which carries
 * the commands' JSON output.
 */
import { createWriteStream } from 'node:fs';
import { Console } from 'node:console';
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { maskReplacer } from '@medins/engine';

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'medins',
  jsonReplacerFn: maskReplacer as never,
});

const logFile = process.env.MEDINS_LOG_FILE;
if (logFile) {
  const stream = createWriteStream(logFile, { flags: 'a' });
  // The logger writes through its own Console; point it at the file.
  (logger as unknown as { console: Console }).console = new Console({ stdout: stream, stderr: stream });
}

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Medins',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'medins',
  // Its warnings (e.g. nothing to publish) go through the masked, levelled logger too.
  logger,
});

export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'medins' });

/**
 * Wraps a handler with the logger (Lambda context, masked), the tracer and the
 * metrics flush. Metric dimensions never carry personal data: only event types,
 * statuses and reason codes.
 */
/**
 * Flushes the invocation's metrics, if it added any. (Powertools' own middleware
 * logs a warning for every invocation without metrics: log bytes we pay for.)
 */
const flushMetrics = (): middy.MiddlewareObj => {
  const flush = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
};

/** At DEBUG, each invocation's input (masked like every line): what a step saw, for tracing a claim. */
const logInput = (): middy.MiddlewareObj => ({
  before: async (request) => {
    if (logger.getLevelName() === 'DEBUG') logger.debug('handler input', { input: request.event as object });
  },
});

export function withObservability<E, R>(handler: (event: E, context: unknown) => Promise<R>) {
  return middy(handler as never)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logInput())
    .use(captureLambdaHandler(tracer))
    .use(flushMetrics()) as unknown as (event: E, context?: unknown) => Promise<R>;
}
