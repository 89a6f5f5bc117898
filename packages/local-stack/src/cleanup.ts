/**
 * Process-wide cleanup for everything the local stack starts. Whatever is
 * registered here is killed when the process exits, or gets SIGINT, SIGTERM or
 * SIGHUP, so an interrupted test run or a Ctrl-C leaves no JVM behind. (A
 * SIGKILL of this process is covered by the child's watchdog, see watchdog.ts.)
 *
 * The signal listeners exist only while something is registered, and a signal
 * is re-raised after cleanup when nobody else listens for it, so the process
 * still dies with the usual exit status.
 */

/** Something to end synchronously: it must not await, the process may be exiting. */
export type KillNow = () => void;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const registered = new Set<KillNow>();

function killAll(): void {
  for (const kill of [...registered]) {
    registered.delete(kill);
    try {
      kill();
    } catch {
      // One failure must not keep the others alive.
    }
  }
}

function onExit(): void {
  killAll();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  uninstall();
  // Our listener replaced Node's default "die on signal"; restore it when nobody else handles the signal.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  process.on('exit', onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  process.removeListener('exit', onExit);
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}

/**
 * Registers a synchronous kill for process exit and termination signals.
 * Returns the function that unregisters it (call it once the resource is stopped).
 *
 * @example
 * ```ts
 * const unregister = killOnExit(() => child.kill('SIGKILL'));
 * // … later, after a clean stop:
 * unregister();
 * ```
 */
export function killOnExit(kill: KillNow): () => void {
  if (registered.size === 0) install();
  registered.add(kill);
  return () => {
    if (registered.delete(kill) && registered.size === 0) uninstall();
  };
}
