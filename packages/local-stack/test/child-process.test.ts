import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { trackChild } from '../src/child-process.ts';
import { startHolder } from './fixtures/holder.ts';
import { isRunning, waitUntilGone } from './fixtures/processes.ts';

// The same ownership DynamoDB Local's JVM gets, around a cheap `sleep`, so every
// way the owning process can end is covered without starting a JVM each time.
describe.concurrent('a tracked child outlives no owner', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    'a %s to the owner kills the child, then the owner dies of the signal',
    async (signal) => {
      // Prepare
      const holder = startHolder('hold-child.ts', 'hold');
      const pid = await holder.guardedPid;
      // Act
      holder.kill(signal);
      // Assess: the signal is re-raised after cleanup, so the exit status is still "killed by <signal>".
      expect(await holder.exited).toBe(signal);
      expect(await waitUntilGone(pid)).toBe(true);
    },
  );

  it('a SIGKILL to the owner (no handler can run) is caught by the watchdog', async () => {
    const holder = startHolder('hold-child.ts', 'hold');
    const pid = await holder.guardedPid;
    holder.kill('SIGKILL');
    expect(await holder.exited).toBe('SIGKILL');
    expect(await waitUntilGone(pid)).toBe(true);
  });

  it('process.exit() kills the child', async () => {
    const holder = startHolder('hold-child.ts', 'exit');
    const pid = await holder.guardedPid;
    expect(await holder.exited).toBe(0);
    expect(await waitUntilGone(pid)).toBe(true);
  });
});

describe('trackChild', () => {
  it('stops with the given signal, keeps the output tail, and stops only once', async () => {
    // Prepare: a child that says something, then waits.
    const child = spawn('/bin/sh', ['-c', 'echo ready; exec sleep 30'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const tracked = trackChild(child, 'SIGTERM');
    await new Promise((resolve) => child.stdout?.once('data', resolve));
    // Act
    const [first, second] = [tracked.stop(), tracked.stop()];
    await first;
    // Assess
    expect(second).toBe(first);
    expect(tracked.hasExited()).toBe(true);
    expect(isRunning(child.pid ?? -1)).toBe(false);
    expect(tracked.output()).toBe('ready');
  });
});
