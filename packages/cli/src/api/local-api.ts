/**
 * The HTTP API on the embedded stack: the stack started, the real `api/http`
 * function bound to its store and queues, the demo world and principals seeded,
 * the queue workers consuming (submissions run through the real queue and
 * workflow), and the local server in front.
 */

import type { Embedded, Witness } from '@medins/embedded';
import type { CredentialKind, CredentialSigningKeys } from '@medins/functions/api/credentials';
import { openApiDocument } from '@medins/functions/api/openapi';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, Context } from 'aws-lambda';
import { type DemoPrincipal, type DemoSample, type DemoWorld, demoPrincipals, demoSample, exampleCommands, seedDemo } from './demo.ts';
import { type ApiFunction, type ApiServer, startApiServer } from './server.ts';

type HttpModule = typeof import('@medins/functions/api/http');

export interface LocalApiOptions {
  readonly world: DemoWorld;
  /** The credential issuers' signing keys (the data directory's); default: fresh ones. */
  readonly keys?: CredentialSigningKeys;
  /** The server's clock starts at this instant (ms) and runs on; default: the system clock. */
  readonly startAt?: number;
  /** Or the server's clock itself (tests that replay recorded receive times set it per request). */
  readonly clock?: { now(): number };
  readonly port?: number;
  readonly host?: string;
  /** Queue workers per queue (default 2). */
  readonly concurrency?: number;
  /** Start the queue workers (default true); without them submissions wait in the queues. */
  readonly workers?: boolean;
  /** Handler log lines go here (default: none). */
  readonly logFile?: string;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  readonly onRequest?: Parameters<typeof startApiServer>[0]['onRequest'];
  /** An auditor of everything the handlers send and return (the personal-data scan). */
  readonly witness?: Witness;
  /** Told of every message the function hands a queue, before it is sent. */
  readonly onQueued?: (queue: 'claims' | 'enrollments', body: string) => void;
}

export interface LocalApi {
  readonly url: string;
  readonly embedded: Embedded;
  readonly server: ApiServer;
  /** The real handler module (route, create, MAX_BODY_BYTES). */
  readonly http: HttpModule;
  /** The dependencies the handler was given: the embedded store and a sender onto its queues. */
  readonly deps: Parameters<HttpModule['route']>[1];
  /** The handler as API Gateway invokes it (with a Lambda context). */
  readonly invoke: ApiFunction;
  readonly principals: readonly DemoPrincipal[];
  readonly sample: DemoSample;
  readonly examples: readonly string[];
  readonly keys: CredentialSigningKeys;
  /** The server's time now (ms). */
  now(): number;
  /** A fresh credential of `kind` for a member, signed with the stack's keys at the server's time. */
  credential(kind: CredentialKind, memberId: string): Promise<string>;
  /** Closes the server, stops the workers and the stack. Safe to call twice. */
  stop(): Promise<void>;
}

function lambdaContext(requestId: string): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'medins-api-http',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:medins-api-http',
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/medins-api-http',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, 29_000 - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const { startEmbedded } = await import('@medins/embedded');
  const embedded = await startEmbedded({
    concurrency: options.concurrency ?? 2,
    ...(options.logFile ? { logFile: options.logFile, logLevel: options.logLevel ?? 'INFO' } : {}),
    ...(options.witness ? { witness: options.witness } : {}),
  });
  let server: ApiServer | undefined;
  try {
    const http = await import('@medins/functions/api/http');
    const { principalDirectory } = await import('@medins/functions/api/principals');
    const { credentialVerifier, generateCredentialKeys, publicKeysOf, signCredential } = await import('@medins/functions/api/credentials');
    const keys = options.keys ?? (await generateCredentialKeys());
    const started = Date.now();
    const clock = options.clock ?? { now: () => (options.startAt === undefined ? Date.now() : options.startAt + (Date.now() - started)) };
    const credentials = credentialVerifier(publicKeysOf(keys));
    const credential = (kind: CredentialKind, memberId: string) => signCredential(keys, kind, memberId, clock.now());
    const queue = {
      send: async (queue: 'claims' | 'enrollments', body: string) => {
        options.onQueued?.(queue, body);
        await embedded.send(queue, body);
      },
    };
    const deps = {
      store: embedded.store,
      queue,
      telemetry: embedded.telemetry,
      clock,
      credentials,
      digest: embedded.digest,
      principals: principalDirectory(embedded.store),
    };
    const handler = http.create(deps);
    const sample = demoSample(options.world.doc);
    const principals = demoPrincipals(options.world.doc, sample);
    await seedDemo(
      embedded.store,
      options.world,
      principals.map((p) => p.principal),
    );
    if (options.workers ?? true) embedded.startWorkers();
    const invoke: ApiFunction = (event: APIGatewayProxyEventV2WithIAMAuthorizer) =>
      handler(event, lambdaContext(event.requestContext.requestId));
    server = await startApiServer({
      invoke,
      // The members' JWT authorizer, done locally with the same verification as the handler's credentials.
      verifyMemberToken: async (token) => {
        try {
          const { memberId } = await credentials.verify('member', token, clock.now());
          return { sub: memberId };
        } catch {
          return null;
        }
      },
      maxBodyBytes: http.MAX_BODY_BYTES,
      openapi: JSON.stringify(openApiDocument()),
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.host ? { host: options.host } : {}),
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    });
    const running = server;
    let stopping: Promise<void> | undefined;
    return {
      url: running.url,
      embedded,
      server: running,
      http,
      deps,
      invoke,
      principals,
      sample,
      examples: await exampleCommands(running.url, sample, principals, credential),
      keys,
      now: clock.now,
      credential,
      stop: () =>
        (stopping ??= (async () => {
          await running.close();
          await embedded.stop();
        })()),
    };
  } catch (e) {
    await server?.close();
    await embedded.stop();
    throw e;
  }
}
