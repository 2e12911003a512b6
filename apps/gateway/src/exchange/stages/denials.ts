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

/**
 * The paths of a field in an answer, list indices included: one per item of
 * every list on the way (`people.nodes.3.phone`). Where the answer ends
 * before the field (a null parent), the rest of the path is given as written.
 */
export function concretePaths(data: unknown, path: readonly string[], prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (path.length === 0) return [prefix];
  if (Array.isArray(data)) return data.flatMap((item, index) => concretePaths(item, path, [...prefix, index]));
  if (data === null || typeof data !== 'object') return [[...prefix, ...path]];
  const [key, ...rest] = path as [string, ...string[]];
  return concretePaths((data as Record<string, unknown>)[key], rest, [...prefix, key]);
}
