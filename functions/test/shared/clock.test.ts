/** shared/clock.ts: the system clock, in milliseconds since the epoch. */
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/shared/clock.ts';

describe('systemClock', () => {
  it('reads the wall clock in milliseconds', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
