import type { Catalog } from './catalog.js';
import type { SharingMode } from './governance.directives.js';

const SHARING_STRICTNESS: Record<SharingMode, number> = { UNCONDITIONAL: 0, CONDITIONAL: 1, NONE: 2 };

/** What a new supergraph changes in the catalog, as the checks before it is served report it. */
export interface CatalogChanges {
  /**
   * Changes that release data more widely than the served graph does: a
   * field's level lowered, its sharing loosened, its PII kind removed, its
   * owner changed. Each needs an administrator's approval.
   */
  loosened: string[];
  /** New fields that carry no level or sharing label of their own (they get the defaults). */
  unlabelled: string[];
  added: string[];
  removed: string[];
}

/** Compares the catalog of a candidate supergraph with the one served (null: nothing served yet, so nothing loosens). */
export function catalogChanges(served: Catalog | null, candidate: Catalog): CatalogChanges {
  const changes: CatalogChanges = { loosened: [], unlabelled: [], added: [], removed: [] };
  for (const entry of candidate.entries()) {
    const before = served?.get(entry.coordinate);
    if (!before) {
      if (served) changes.added.push(entry.coordinate);
      if (entry.levelSource === 'default' || entry.sharingSource === 'default') changes.unlabelled.push(entry.coordinate);
      continue;
    }
    const { coordinate } = entry;
    if (entry.levelRank < before.levelRank) changes.loosened.push(`${coordinate}: level lowered from ${before.level} to ${entry.level}`);
    if (SHARING_STRICTNESS[entry.sharing] < SHARING_STRICTNESS[before.sharing]) changes.loosened.push(`${coordinate}: sharing loosened from ${before.sharing} to ${entry.sharing}`);
    if (before.pii && entry.pii !== before.pii) changes.loosened.push(`${coordinate}: PII kind ${before.pii} ${entry.pii ? `changed to ${entry.pii}` : 'removed'}`);
    if (entry.owner !== before.owner) changes.loosened.push(`${coordinate}: owner changed from ${before.owner} to ${entry.owner}`);
  }
  if (served) for (const entry of served.entries()) if (!candidate.get(entry.coordinate)) changes.removed.push(entry.coordinate);
  return changes;
}
