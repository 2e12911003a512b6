import { describe, expect, it } from '@jest/globals';
import { parseInstant } from './instant.js';

describe('parseInstant', () => {
  it.each([
    ['2026-11-30', Date.UTC(2026, 10, 30)],
    ['2026-11-30T08:00Z', Date.UTC(2026, 10, 30, 8)],
    ['2026-11-30T08:00:00+08:00', Date.UTC(2026, 10, 30, 0)],
    ['2024-02-29T23:59:59.999Z', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ['0001-01-01T00:00:00Z', Date.parse('0001-01-01T00:00:00Z')],
  ])('reads %s', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  it.each([
    ['a six-digit year, which would sort before every stored time', '+099999-01-01T00:00:00Z'],
    ['a five-digit year', '99999-01-01'],
    ['a day the calendar lacks', '2026-02-30'],
    ['29 February of a common year', '2026-02-29T00:00:00Z'],
    ['a time without its offset (machine-dependent)', '2026-11-30T08:00:00'],
    ['hour 24', '2026-11-30T24:00:00Z'],
    ['year 0', '0000-01-01'],
    ['a bare number', '1'],
    ['words', 'Tuesday 5'],
    ['an empty string', ''],
    ['a padded instant', ' 2026-11-30'],
  ])('refuses %s', (_name, text) => {
    expect(parseInstant(text)).toBeNull();
  });
});
