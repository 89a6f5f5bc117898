/**
 * An orphan guard for child processes. Exit and signal handlers cannot run when
 * this process is SIGKILLed (a test runner timing out, the OOM killer), and the
 * JVM would then live on. The watchdog is a tiny detached `sh` whose stdin is a
 * pipe from us: when we die, for whatever reason, the OS closes the pipe, `read`
 * returns, and the watchdog kills the child.
 */
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/** A running watchdog. */
export interface Watchdog {
  /** Ends the watchdog without touching the child (call before stopping the child yourself). */
  dismiss(): void;
}

/**
 * Starts a watchdog that SIGKILLs `pid` once this process is gone.
 * It holds no reference on the event loop.
 *
 * @example
 * ```ts
 * const child = spawn('java', args);
 * const watchdog = guardChild(child.pid!);
 * // on a clean stop: dismiss first, so the pid cannot be reused and then killed.
 * watchdog.dismiss();
 * child.kill();
 * ```
 */
export function guardChild(pid: number): Watchdog {
  // `read` returns at EOF, which comes only when every writer (this process) has closed the pipe.
  const guard = spawn('/bin/sh', ['-c', `read _ignored; kill -KILL ${pid} 2>/dev/null`], {
    detached: true, // its own process group: a Ctrl-C to our group must not end it before we do
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  guard.on('error', () => {
    // No /bin/sh: the exit and signal handlers still cover every case but SIGKILL.
  });
  guard.unref();
  (guard.stdin as Socket | null)?.unref();
  return {
    dismiss() {
      guard.kill('SIGKILL');
    },
  };
}
