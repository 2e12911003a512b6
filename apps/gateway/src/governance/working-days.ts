/**
 * The deadline of an answer, in working days (工作日): weekends are skipped.
 * Public holidays are not known here; a deployment that must count them
 * needs a holiday calendar (not built).
 */
export function addWorkingDays(from: Date, days: number): Date {
  const result = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    result.setUTCDate(result.getUTCDate() + 1);
    const weekday = result.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return result;
}
