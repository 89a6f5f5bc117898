/**
 * Loopback ports for the emulators. A free port is asked of the OS (bind to
 * port 0); a port the caller names is checked before anything starts, so a
 * clash fails with the port in the message instead of a JVM stack trace.
 */
import { createServer } from 'node:net';
import { PortInUseError, PortUnusableError } from './errors.ts';

/** The interface every emulator is reached on. */
export const LOOPBACK = '127.0.0.1';

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    // exclusive: do not share the port with a cluster primary; we want a true "is it free" answer.
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * Returns a port that was free on 127.0.0.1 a moment ago. Another process may
 * take it before the caller binds it: callers that spawn a server on it retry
 * with a new port when the bind fails.
 *
 * @example
 * ```ts
 * const port = await findFreePort();
 * ```
 */
export async function findFreePort(): Promise<number> {
  return listenOnce(0);
}

/**
 * Throws a {@link PortInUseError} naming the port when it is taken on 127.0.0.1.
 *
 * @example
 * ```ts
 * await assertPortFree(8000); // PortInUseError: port 8000 on 127.0.0.1 is already in use: …
 * ```
 */
export async function assertPortFree(port: number): Promise<void> {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new PortUnusableError(`port ${port} is not a TCP port (1–65535)`, { entity: `127.0.0.1:${port}` });
  }
  try {
    await listenOnce(port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new PortInUseError(port, { cause: error });
    if (code === 'EACCES') {
      throw new PortUnusableError(`port ${port} needs privileges this process lacks: pick one above 1023`, {
        entity: `127.0.0.1:${port}`,
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * The port to use: the caller's (checked free) or a fresh free one.
 *
 * @example
 * ```ts
 * const port = await choosePort(options.port); // throws PortInUseError if options.port is taken
 * ```
 */
export async function choosePort(requested?: number): Promise<number> {
  if (requested === undefined) return findFreePort();
  await assertPortFree(requested);
  return requested;
}
