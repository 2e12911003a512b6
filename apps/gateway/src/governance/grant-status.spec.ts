import { describe, expect, it } from '@jest/globals';
import { grantStatus } from './grant-status.js';

const NOW = Date.parse('2026-11-30T02:00:00Z');

describe('a grant’s status', () => {
  it('is active without an end, or ending later than thirty days from now', () => {
    expect(grantStatus({ validUntil: null }, NOW)).toBe('ACTIVE');
    expect(grantStatus({ validUntil: '2027-01-01T00:00:00+08:00' }, NOW)).toBe('ACTIVE');
  });

  it('is expiring within thirty days of its end, and lapsed from its end on', () => {
    expect(grantStatus({ validUntil: '2026-12-30T02:00:00Z' }, NOW)).toBe('EXPIRING');
    expect(grantStatus({ validUntil: '2026-11-30T02:00:01Z' }, NOW)).toBe('EXPIRING');
    expect(grantStatus({ validUntil: '2026-11-30T10:00:00+08:00' }, NOW)).toBe('LAPSED');
    expect(grantStatus({ validUntil: '2020-01-01T00:00:00Z' }, NOW)).toBe('LAPSED');
  });
});
