import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPortFree, choosePort, findFreePort, LocalStackError, PortInUseError } from '../src/index.ts';

describe('ports', () => {
  let taken: Server;
  let takenPort: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    takenPort = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('finds a port that can be bound on 127.0.0.1', async () => {
    const port = await findFreePort();
    await expect(assertPortFree(port)).resolves.toBeUndefined();
    expect(await choosePort()).toBeGreaterThan(0);
  });

  it('names a taken port in the error', async () => {
    await expect(assertPortFree(takenPort)).rejects.toThrow(PortInUseError);
    await expect(choosePort(takenPort)).rejects.toThrow(`port ${takenPort} on 127.0.0.1 is already in use`);
  });

  it('rejects a number that is not a TCP port', async () => {
    await expect(assertPortFree(70_000)).rejects.toThrow(LocalStackError);
  });
});
