/**
 * The SQS emulator: fauxqs, in-process, on a loopback port. We use fauxqs's
 * `buildApp()` and listen ourselves because its `startFauxqs()` always binds
 * 0.0.0.0, which would put an unauthenticated queue service on the network.
 * (What that costs: fauxqs's in-process spy and SQLite persistence, which only
 * `startFauxqs()` wires; its HTTP inspection endpoints `/_fauxqs/queues` stay.)
 *
 * Clients in this process may skip the socket: `requestHandler` hands each
 * request to the app itself (sqs-inject.ts), same routes, same fauxqs code.
 *
 * Queue URLs are `http://127.0.0.1:<port>/000000000000/<name>`, not fauxqs's
 * default `http://sqs.<region>.localhost:<port>/…`: `*.localhost` does not
 * resolve everywhere, and an SQS client configured by environment
 * (AWS_ENDPOINT_URL_SQS) sends to the QueueUrl's host.
 */

import type { SQSClient } from '@aws-sdk/client-sqs';
import type { HttpHandler } from '@smithy/core/protocols';
import { type BuildAppOptions, buildApp } from 'fauxqs';
import { PortInUseError, StartupError } from './errors.ts';
import { fromFauxqsDist } from './fauxqs-dist.ts';
import { choosePort, LOOPBACK } from './ports.ts';
import { DIRECT_MIDDLEWARE, directSqsMiddleware, loadSqsActions } from './sqs-direct.ts';
import { type Injectable, injectRequestHandler } from './sqs-inject.ts';
import { packageVersion } from './versions.ts';

/** How to start the SQS emulator. */
export interface SqsLocalOptions {
  /** A port on 127.0.0.1; default one the OS picks. A taken port fails with PortInUseError. */
  readonly port?: number;
  /** The region in queue ARNs when a request does not name one; default `us-east-1`. */
  readonly region?: string;
  /** fauxqs's request log (pino, to stdout); default off. */
  readonly logger?: boolean;
}

/** A running SQS emulator. */
export interface SqsLocal {
  /** e.g. `http://127.0.0.1:41235`. */
  readonly endpoint: string;
  readonly port: number;
  /** e.g. `fauxqs 2.4.1`. */
  readonly version: string;
  /** Milliseconds from start to listening. */
  readonly startupMs: number;
  /**
   * For SQS clients in this process (an SQSClient's `requestHandler`): requests
   * go to the app without a socket, answered by the same fauxqs routes. Its
   * queue URLs still name `endpoint`, which keeps listening for other processes.
   */
  readonly requestHandler: HttpHandler;
  /**
   * For SQS clients in this process, on top of `requestHandler`: sends, receives,
   * deletes and visibility changes answered by fauxqs's own actions on its store,
   * without a request in between (sqs-direct.ts). Pass it to `localSqsClient`.
   */
  readonly direct: (client: SQSClient) => void;
  /** Closes the server (and its open connections). Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts fauxqs in this process and resolves once it listens.
 *
 * @example
 * ```ts
 * const sqs = await startSqsLocal();
 * const client = new SQSClient({ endpoint: sqs.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
 * await sqs.stop();
 * ```
 */
export async function startSqsLocal(options: SqsLocalOptions = {}): Promise<SqsLocal> {
  // A requested port is checked first so the message names it; otherwise port 0 lets the OS pick without a race.
  const port = options.port === undefined ? 0 : await choosePort(options.port);
  const started = performance.now();
  const [stores, actions] = await Promise.all([loopbackStores(), loadSqsActions()]);
  const app = buildApp({ logger: options.logger ?? false, defaultRegion: options.region ?? 'us-east-1', stores });
  let address: string;
  try {
    address = await app.listen({ port, host: LOOPBACK });
  } catch (error) {
    await app.close().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(port, { cause: error });
    throw new StartupError(`fauxqs did not start: ${(error as Error).message}`, { entity: 'fauxqs', cause: error });
  }
  const actualPort = Number(new URL(address).port);
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://${LOOPBACK}:${actualPort}`,
    port: actualPort,
    version: packageVersion('fauxqs'),
    startupMs: Math.round(performance.now() - started),
    requestHandler: injectRequestHandler(app as unknown as Injectable),
    direct: (client) => client.middlewareStack.add(directSqsMiddleware(actions, stores.sqsStore), DIRECT_MIDDLEWARE),
    stop: () => (stopping ??= app.close().then(() => undefined)),
  };
}

type Stores = NonNullable<BuildAppOptions['stores']>;

/**
 * fauxqs's stores, with the SQS store's URL host unset so queue URLs use the
 * request's Host (127.0.0.1:<port>). The store classes are not exported, so
 * they are loaded from fauxqs's dist folder (fauxqs-dist.ts); buildApp's `host`
 * option cannot unset the host (it only applies a non-empty one).
 */
export function loopbackStores(): Promise<Stores> {
  return fromFauxqsDist('loopbackStores() in sqs.ts', async (dist) => {
    const [sqs, sns, s3] = (await Promise.all([dist('sqs/sqsStore.js'), dist('sns/snsStore.js'), dist('s3/s3Store.js')])) as [
      { SqsStore: new () => Stores['sqsStore'] },
      { SnsStore: new () => Stores['snsStore'] },
      { S3Store: new () => Stores['s3Store'] },
    ];
    const sqsStore = new sqs.SqsStore();
    sqsStore.host = '';
    return { sqsStore, snsStore: new sns.SnsStore(), s3Store: new s3.S3Store() };
  });
}
