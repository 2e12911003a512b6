/**
 * Where time-dependent code reads "now". Production reads the system clock;
 * tests pin it, so that no result depends on the day, the hour or the time
 * zone of the machine that runs them.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still at `at` (tests only). */
export function fixedClock(at: number): Clock {
  return { now: () => at };
}

/** Injection token for the clock of an app. */
export const CLOCK = Symbol('CLOCK');
