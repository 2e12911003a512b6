/**
 * The governance vocabulary a bureau uses in its subgraph schema.
 *
 * - `@classification(level:)` on a type or field: its grade (分级). Levels are
 *   strings checked against `policies/classification.yaml`, so the scheme is
 *   configuration, not code.
 * - `@pii(kind:)` on a field: which kind of personal information it carries,
 *   which decides the default mask.
 * - `@sharing(mode:)` on a type or field: UNCONDITIONAL (无条件共享),
 *   CONDITIONAL (有条件共享) or NONE (不予共享).
 *
 * Bureaus import them with `@link` and mark them with `@composeDirective`, so
 * they survive composition into the supergraph, where the catalog reads them.
 */
export const GOVERNANCE_SPEC_URL = 'https://causeway.gov.example/governance/v1.0';

/** Names of the governance directives, as bureaus import them. */
export const GOVERNANCE_DIRECTIVE_NAMES = ['classification', 'pii', 'sharing'] as const;

export const PII_KINDS = ['ID_NUMBER', 'NAME', 'PHONE', 'ADDRESS', 'BIRTH_DATE', 'HEALTH', 'FINANCIAL', 'OTHER'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export const SHARING_MODES = ['UNCONDITIONAL', 'CONDITIONAL', 'NONE'] as const;
export type SharingMode = (typeof SHARING_MODES)[number];

export const GOVERNANCE_DIRECTIVES_SDL = /* GraphQL */ `
"""Classification level (分级) of a type's fields or of one field; one of the levels in policies/classification.yaml."""
directive @classification(level: String!) on OBJECT | FIELD_DEFINITION

"""Kind of personal information a field carries; decides its default mask outside the owner department."""
directive @pii(kind: PiiKind!) on FIELD_DEFINITION

"""Sharing mode of a type's fields or of one field."""
directive @sharing(mode: SharingMode!) on OBJECT | FIELD_DEFINITION

"""Kinds of personal information (GB/T 35273-2020)."""
enum PiiKind {
  ${PII_KINDS.join('\n  ')}
}

"""Sharing modes of government data (政务数据共享条例)."""
enum SharingMode {
  "Any registered department may use it for its duties (无条件共享)."
  UNCONDITIONAL
  "Needs an approved, time-limited grant (有条件共享)."
  CONDITIONAL
  "Never leaves the owner department (不予共享)."
  NONE
}
`;

/**
 * The `extend schema` header every bureau subgraph starts with: Federation 2
 * plus the governance directives, composed into the supergraph.
 */
export const GOVERNANCE_SCHEMA_LINK = /* GraphQL */ `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@shareable", "@composeDirective"])
  @link(url: "${GOVERNANCE_SPEC_URL}", import: ["@classification", "@pii", "@sharing"])
  @composeDirective(name: "@classification")
  @composeDirective(name: "@pii")
  @composeDirective(name: "@sharing")
`;

/** Everything a bureau's own SDL needs before its types: link header and definitions. */
export function governedTypeDefs(bureauSdl: string): string {
  return `${GOVERNANCE_SCHEMA_LINK}\n${GOVERNANCE_DIRECTIVES_SDL}\n${bureauSdl}`;
}
