/** An ISO 8601 date, or a date-time with seconds optional and its offset required. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * The epoch milliseconds of an instant a person or a system typed, or null.
 * Stricter than Date.parse on purpose: only ISO 8601 (a date is its UTC
 * midnight; a time needs its offset, so that no answer depends on the
 * machine's time zone), years 0001–9999 (a six-digit year would sort before
 * every stored time as text), and a day the calendar has (Date.parse turns
 * 2026-02-30 into 2 March).
 */
export function parseInstant(text: string): number | null {
  const match = INSTANT.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match.map((part) => (part === undefined ? undefined : Number(part)));
  const calendar = new Date(0);
  calendar.setUTCFullYear(year!, month! - 1, day!);
  if (year! < 1 || calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month! - 1 || calendar.getUTCDate() !== day) return null;
  if (hour !== undefined && (hour > 23 || minute! > 59 || (second ?? 0) > 59)) return null;
  if (offsetHours !== undefined && (offsetHours > 23 || offsetMinutes! > 59)) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : time;
}
