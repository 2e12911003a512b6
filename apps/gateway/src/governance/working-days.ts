/**
 * A working calendar (工作日历): the public holidays (法定节假日) and the
 * make-up working days (调休上班日) of each year, as dates in the
 * deployment's time zone. Weekdays are working days unless a holiday;
 * weekends are not unless a make-up working day.
 */
export interface WorkingCalendar {
  timeZone: string;
  /** `YYYY-MM-DD` dates off though they fall on a weekday. */
  holidays: ReadonlySet<string>;
  /** `YYYY-MM-DD` weekend dates that are worked. */
  workdays: ReadonlySet<string>;
}

interface LocalTime {
  date: string;
  hour: number;
  minute: number;
  second: number;
}

/** Whether `date` (`YYYY-MM-DD`) is a working day in `calendar`. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.holidays.has(date)) return false;
  if (calendar.workdays.has(date)) return true;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The deadline `days` working days after `from`: the same local time of day
 * on the `days`-th working day after `from`'s local date, counted in the
 * calendar's time zone (a request sent on a Friday evening in Beijing is
 * counted from that Friday, whatever the UTC date).
 */
export function addWorkingDays(from: Date, days: number, calendar: WorkingCalendar): Date {
  const local = localTime(from, calendar.timeZone);
  let date = local.date;
  let left = days;
  while (left > 0) {
    date = nextDate(date);
    if (isWorkingDay(date, calendar)) left--;
  }
  if (date === local.date) return new Date(from.getTime());
  return instantAt({ ...local, date }, calendar.timeZone, from.getUTCMilliseconds());
}

/** `from`'s date and time of day in `timeZone`. */
export function localTime(from: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(from);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)!.value;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')), minute: Number(part('minute')), second: Number(part('second')) };
}

/** Whether `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function nextDate(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The instant whose local time in `timeZone` is `local` (the offset found at that instant, so daylight saving is followed). */
function instantAt(local: LocalTime, timeZone: string, ms: number): Date {
  const wall = Date.parse(`${local.date}T00:00:00Z`) + ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + ms;
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

/** Milliseconds `timeZone` is ahead of UTC at `at`. */
function offsetAt(at: Date, timeZone: string): number {
  const local = localTime(at, timeZone);
  const wall = Date.parse(`${local.date}T00:00:00Z`) + ((local.hour * 60 + local.minute) * 60 + local.second) * 1000;
  return wall - (at.getTime() - at.getUTCMilliseconds());
}
