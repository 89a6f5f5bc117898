import { describe, expect, it } from 'vitest';
import { startHolder } from './fixtures/holder.ts';
import { waitUntilGone } from './fixtures/processes.ts';

// A real JVM in another Node process that is SIGKILLed: no handler of that process
// can run, so only the watchdog stands between it and an orphan JVM. (SIGTERM,
// SIGINT, SIGHUP and process.exit() go through the same trackChild() and are
// covered without a JVM in child-process.test.ts.)
describe('no orphan DynamoDB Local JVM', () => {
  it('when the owning process is SIGKILLed', async () => {
    // Prepare
    const holder = startHolder('hold-dynamodb.ts', 'hold');
    const pid = await holder.guardedPid;
    // Act
    holder.kill('SIGKILL');
    // Assess
    expect(await holder.exited).toBe('SIGKILL');
    expect(await waitUntilGone(pid)).toBe(true);
  });
});
