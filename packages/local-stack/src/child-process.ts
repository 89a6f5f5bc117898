/**
 * Ownership of a spawned server process (the DynamoDB Local JVM): it is killed
 * when this process exits or is signalled (cleanup.ts), and by a watchdog if
 * this process is SIGKILLed (watchdog.ts); the tail of its output is kept for
 * error messages; and stop() ends it, gracefully or not, and waits.
 */
import type { ChildProcess } from 'node:child_process';
import { killOnExit } from './cleanup.ts';
import { guardChild } from './watchdog.ts';

/** A child process this process is responsible for. */
export interface TrackedChild {
  /** Settles when the child has exited (or failed to spawn). */
  readonly exited: Promise<void>;
  hasExited(): boolean;
  /** The last ~8 kB of its stdout and stderr. */
  output(): string;
  /** Ends the child and waits for it. Safe to call twice. */
  stop(): Promise<void>;
}

/** How long a graceful stop may take before SIGKILL. */
const GRACE_MS = 5_000;

/**
 * Takes responsibility for `child`. `stopSignal` is what stop() sends first;
 * SIGKILL follows after 5 s if the child is still there.
 *
 * @example
 * ```ts
 * const jvm = trackChild(spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] }), 'SIGTERM');
 * // …
 * await jvm.stop();
 * ```
 */
export function trackChild(child: ChildProcess, stopSignal: NodeJS.Signals): TrackedChild {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const watchdog = child.pid === undefined ? undefined : guardChild(child.pid);
  const unregister = killOnExit(() => {
    watchdog?.dismiss();
    child.kill('SIGKILL');
  });
  let exited = child.exitCode !== null || child.signalCode !== null;
  const exitedPromise = new Promise<void>((done) => {
    const onGone = () => {
      exited = true;
      // Once it is gone its pid may be reused: nothing may kill that pid any more.
      watchdog?.dismiss();
      unregister();
      done();
    };
    child.once('exit', onGone);
    child.once('error', (error) => {
      tail += `\n${error.message}`;
      onGone();
    });
  });
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (!exited) {
        child.kill(stopSignal);
        const timer = setTimeout(() => child.kill('SIGKILL'), GRACE_MS);
        await exitedPromise;
        clearTimeout(timer);
      }
    })());
  return { exited: exitedPromise, hasExited: () => exited, output: () => tail.trim(), stop };
}
