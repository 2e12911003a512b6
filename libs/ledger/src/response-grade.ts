import type { FieldOutcome, ResponseGrade } from './ledger-entry.js';

/** PII kinds whose distinct values are counted: identifiers of people. */
const COUNTED_PII = new Set(['ID_NUMBER', 'PHONE']);

/**
 * Grades an answer: the highest level among the fields served, and how many
 * distinct ID numbers and phone numbers it released (masked or not; a
 * masked value still identifies a record). `data` is the answer as released.
 */
export function gradeResponse(data: unknown, fields: ReadonlyArray<FieldOutcome & { levelRank: number; pii: string | null }>): ResponseGrade {
  let maxLevel: string | null = null;
  let maxLevelRank: number | null = null;
  const distinct = new Map<string, Set<string>>();
  for (const field of fields) {
    if (field.outcome === 'denied') continue;
    const values: unknown[] = [];
    collect(data, field.path.split('.'), values);
    if (values.every((value) => value === null || value === undefined)) continue;
    if (maxLevelRank === null || field.levelRank > maxLevelRank) {
      maxLevelRank = field.levelRank;
      maxLevel = field.level;
    }
    if (field.pii && COUNTED_PII.has(field.pii)) {
      let set = distinct.get(field.pii);
      if (!set) distinct.set(field.pii, (set = new Set()));
      for (const value of values) if (typeof value === 'string') set.add(value);
    }
  }
  const piiServed: Record<string, number> = {};
  for (const [kind, set] of [...distinct].sort(([a], [b]) => a.localeCompare(b))) if (set.size > 0) piiServed[kind] = set.size;
  return { maxLevel, maxLevelRank, piiServed };
}

function collect(value: unknown, path: readonly string[], out: unknown[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, path, out);
    return;
  }
  if (path.length === 0) {
    out.push(value);
    return;
  }
  if (typeof value !== 'object') return;
  collect((value as Record<string, unknown>)[path[0]!], path.slice(1), out);
}
