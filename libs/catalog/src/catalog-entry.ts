import type { PiiKind, SharingMode } from './governance.directives.js';

/** Where a label came from: the field itself, its type, or the configured default. */
export type LabelSource = 'field' | 'type' | 'default';

/** What Causeway knows about one `Type.field` of the supergraph. */
export interface CatalogEntry {
  /** Schema coordinate, e.g. `Person.householdAddress`. */
  coordinate: string;
  typeName: string;
  fieldName: string;
  /** The field's GraphQL type as written, e.g. `[Vaccination!]!`. */
  returnType: string;
  /** Department that owns the field: the bureau that resolves it (key fields: the entity's origin). */
  owner: string;
  /** Every bureau able to resolve the field (more than one only for shareable fields). */
  resolvers: string[];
  /** True for fields of an entity key. */
  key: boolean;
  level: string;
  /** Position of `level` in the scheme; unknown levels rank above all known ones. */
  levelRank: number;
  levelSource: LabelSource;
  pii: PiiKind | null;
  sharing: SharingMode;
  sharingSource: LabelSource;
  description: string | null;
}

/** A label or ownership question the catalog resolved conservatively. */
export interface CatalogProblem {
  coordinate: string;
  message: string;
}

export interface CatalogFilter {
  owner?: string;
  level?: string;
  pii?: string;
  sharing?: string;
  /** Case-insensitive match on coordinate or description. */
  text?: string;
}
