/**
 * An SDK request handler that hands each request to the in-process fauxqs app
 * (fastify's `inject()`, light-my-request) instead of a loopback socket. The
 * client serializes, signs and retries as it would against SQS, and fauxqs runs
 * the same routes on the same bytes; only the TCP and HTTP parsing in between,
 * which a Lambda on AWS does not pay for its event source, is gone. Clients in
 * other processes (the `npm run api` CLI, tests using the endpoint) still go
 * through the listener.
 */
import { buildQueryString, type HttpHandler, type HttpHandlerOptions, type HttpRequest, HttpResponse } from '@smithy/core/protocols';
import { LocalStackError } from './errors.ts';

/** The part of a fastify app (fauxqs's `buildApp()`) the handler uses. */
export interface Injectable {
  inject(request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Record<string, string>;
    readonly payload?: string | Buffer;
  }): PromiseLike<{
    readonly statusCode: number;
    readonly statusMessage: string;
    readonly headers: Record<string, string | number | readonly string[] | undefined>;
    readonly rawPayload: Buffer;
  }>;
}

/**
 * A smithy HttpHandler over `app.inject()`: pass it as an SQSClient's
 * `requestHandler`. The response body is a Uint8Array (what the SDK's body
 * collector takes as is); an aborted request rejects with an `AbortError` as the
 * Node handler does. `destroy()` leaves the app alone: it belongs to whoever
 * started it, and several clients may share the handler.
 *
 * @example
 * ```ts
 * const client = new SQSClient({ endpoint, region, credentials, requestHandler: injectRequestHandler(app) });
 * ```
 */
export function injectRequestHandler(app: Injectable): HttpHandler {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: HttpRequest, options: HttpHandlerOptions = {}) {
      const signal = options.abortSignal as AbortSignal | undefined;
      if (signal?.aborted) throw abortError(signal);
      const query = request.query ? buildQueryString(request.query) : '';
      const injected = Promise.resolve(
        app.inject({
          method: request.method,
          url: query ? `${request.path}?${query}` : request.path,
          headers: request.headers,
          ...(request.body !== undefined && { payload: payloadOf(request.body) }),
        }),
      );
      const res = signal ? await raceAbort(injected, signal) : await injected;
      const raw = res.rawPayload;
      return {
        response: new HttpResponse({
          statusCode: res.statusCode,
          reason: res.statusMessage,
          headers: headerBag(res.headers),
          body: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
        }),
      };
    },
    destroy() {},
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
}

/** The request body as inject takes it; SQS's JSON protocol sends a string, never a stream. */
function payloadOf(body: unknown): string | Buffer {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new LocalStackError(
    `the in-process SQS handler takes a string or bytes as request body, got ${Object.prototype.toString.call(body)}`,
    {
      entity: 'fauxqs',
    },
  );
}

/** Response headers as the SDK's HeaderBag: lower-case names, repeated values joined with ',' (as the Node handler does). */
function headerBag(headers: Record<string, string | number | readonly string[] | undefined>): Record<string, string> {
  const bag: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    bag[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return bag;
}

/** The error the Node handler rejects an aborted request with: named AbortError, the signal's reason as cause. */
function abortError(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  const error =
    reason instanceof Error
      ? new Error('Request aborted', { cause: reason })
      : new Error(reason === undefined ? 'Request aborted' : String(reason));
  error.name = 'AbortError';
  return error;
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
