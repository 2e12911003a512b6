import { describe, expect, it } from '@jest/globals';
import { addWorkingDays } from './working-days.js';

describe('addWorkingDays', () => {
  it('skips weekends', () => {
    // Friday 2026-11-20 + 1 working day = Monday 2026-11-23; + 10 = Friday 2026-12-04.
    expect(addWorkingDays(new Date('2026-11-20T09:00:00Z'), 1).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(addWorkingDays(new Date('2026-11-20T09:00:00Z'), 10).toISOString()).toBe('2026-12-04T09:00:00.000Z');
    // Saturday + 1 = Monday; 0 days = the same instant.
    expect(addWorkingDays(new Date('2026-11-21T09:00:00Z'), 1).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(addWorkingDays(new Date('2026-11-21T09:00:00Z'), 0).toISOString()).toBe('2026-11-21T09:00:00.000Z');
  });
});
