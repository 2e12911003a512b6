import type { CatalogEntry } from '#catalog';

/** The tags a field carries for grant targets: its PII kind (if any) and its level, space-separated. */
export function entryTags(entry: Pick<CatalogEntry, 'pii' | 'level'>): string {
  return entry.pii ? `pii:${entry.pii} level:${entry.level}` : `level:${entry.level}`;
}

/**
 * Whether a grant's target covers a field: `Type.field` exactly, `Type.*`
 * every field of the type, `pii:KIND` and `level:LEVEL` every field with
 * that tag. The one matcher: the engine's Casbin model calls it, and
 * governance checks with it that a grant covers something.
 */
export function targetCovers(target: string, coordinate: string, tags: string): boolean {
  if (target.endsWith('.*')) return coordinate.startsWith(target.slice(0, -1));
  if (target.includes(':')) return ` ${tags} `.includes(` ${target} `);
  return coordinate === target;
}
