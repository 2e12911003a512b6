export {
  GOVERNANCE_DIRECTIVES_SDL,
  GOVERNANCE_DIRECTIVE_NAMES,
  GOVERNANCE_SCHEMA_LINK,
  GOVERNANCE_SPEC_URL,
  PII_KINDS,
  SHARING_MODES,
  governedTypeDefs,
  type PiiKind,
  type SharingMode,
} from './governance.directives.js';
export { ClassificationScheme, loadClassificationScheme, parseClassificationScheme, type ClassificationLevel, type PiiDerivation } from './classification-scheme.js';
export { Catalog, UNKNOWN_OWNER, type EntityOwners } from './catalog.js';
export type { FieldDerivation, PiiLookupArgument } from './pii-relations.js';
export { loadGovernancePolicies, parseEntityOwners, type GovernancePolicies } from './governance-policies.js';
export type { CatalogEntry, CatalogFilter, CatalogProblem, LabelSource } from './catalog-entry.js';
export { formatCatalogTable } from './catalog-table.js';
export { readSupergraph } from './supergraph-reader.js';
export { catalogChanges, type CatalogChanges } from './catalog-changes.js';
