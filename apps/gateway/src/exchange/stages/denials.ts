import type { DecidedField } from '#policy';

/** One entry per (path, coordinate) refused, however many fragments repeat it. */
export function uniqueDenials(fields: readonly DecidedField[]): Array<{ coordinate: string; path: string[]; reason: string }> {
  const seen = new Map<string, { coordinate: string; path: string[]; reason: string }>();
  for (const field of fields) {
    for (const decision of field.decisions) {
      if (decision.allowed) continue;
      const key = `${field.path.join('.')} ${decision.coordinate}`;
      if (!seen.has(key)) seen.set(key, { coordinate: decision.coordinate, path: field.path, reason: decision.denial ?? 'DENIED' });
    }
  }
  return [...seen.values()];
}
