import { describe, expect, it } from '@jest/globals';
import { addWorkingDays, isWorkingDay, type WorkingCalendar } from './working-days.js';

const weekends: WorkingCalendar = { timeZone: 'UTC', holidays: new Set(), workdays: new Set() };
/** The National Day holiday of 2026 as the State Council set it: 1–7 October off, Sunday 20 September and Saturday 10 October worked. */
const shanghai2026: WorkingCalendar = {
  timeZone: 'Asia/Shanghai',
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-09-20', '2026-10-10']),
};

describe('addWorkingDays', () => {
  it('skips weekends', () => {
    // Friday 2026-11-20 + 1 working day = Monday 2026-11-23; + 10 = Friday 2026-12-04.
    expect(addWorkingDays(new Date('2026-11-20T09:00:00Z'), 1, weekends).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(addWorkingDays(new Date('2026-11-20T09:00:00Z'), 10, weekends).toISOString()).toBe('2026-12-04T09:00:00.000Z');
    // Saturday + 1 = Monday; 0 days = the same instant.
    expect(addWorkingDays(new Date('2026-11-21T09:00:00Z'), 1, weekends).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(addWorkingDays(new Date('2026-11-21T09:00:00Z'), 0, weekends).toISOString()).toBe('2026-11-21T09:00:00.000Z');
  });

  it('skips public holidays and counts make-up working days (调休)', () => {
    // Wednesday 30 September 2026, 10:00 in Beijing: 1 working day on is Thursday 8 October (1–7 off); 2 is Friday 9; 3 is Saturday 10 (worked).
    const from = new Date('2026-09-30T02:00:00Z');
    expect(addWorkingDays(from, 1, shanghai2026).toISOString()).toBe('2026-10-08T02:00:00.000Z');
    expect(addWorkingDays(from, 3, shanghai2026).toISOString()).toBe('2026-10-10T02:00:00.000Z');
    // Friday 18 September + 1 = Sunday 20, a make-up working day.
    expect(addWorkingDays(new Date('2026-09-18T02:00:00Z'), 1, shanghai2026).toISOString()).toBe('2026-09-20T02:00:00.000Z');
    expect(isWorkingDay('2026-10-10', shanghai2026)).toBe(true);
    expect(isWorkingDay('2026-10-03', shanghai2026)).toBe(false);
  });

  it('counts from the local date of the time zone, not the UTC date', () => {
    // Friday 2026-11-27 20:00 UTC is already Saturday 04:00 in Beijing: one working day on is Monday 04:00 Beijing.
    expect(addWorkingDays(new Date('2026-11-27T20:00:00Z'), 1, shanghai2026).toISOString()).toBe('2026-11-29T20:00:00.000Z');
    // Counted in UTC it would be Monday 20:00 UTC.
    expect(addWorkingDays(new Date('2026-11-27T20:00:00Z'), 1, weekends).toISOString()).toBe('2026-11-30T20:00:00.000Z');
  });

  it('keeps the local time of day across a daylight-saving change', () => {
    const berlin: WorkingCalendar = { timeZone: 'Europe/Berlin', holidays: new Set(), workdays: new Set() };
    // Friday 2026-10-23 09:00 CEST (07:00Z) + 1 working day = Monday 26 October 09:00 CET (08:00Z).
    expect(addWorkingDays(new Date('2026-10-23T07:00:00Z'), 1, berlin).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });
});
