/** functions → shared: the clock handlers read the time from, given to them (tests pass a fixed one). */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
