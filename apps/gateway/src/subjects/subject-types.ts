import type { Catalog } from '#catalog';

/**
 * The key fields that identify a data subject of `typeName`, or none when
 * its data is not about a subject: entity types declared in
 * policies/ownership.yaml (`subjects`), and entities whose key carries a
 * @pii label. Others are never looked into, so that a graph without such
 * entities is served exactly as a plain gateway would serve it.
 */
export function subjectKeyFields(catalog: Catalog, declared: readonly string[], typeName: string): readonly string[] {
  const keys = catalog.keyFields(typeName);
  if (keys.length === 0) return keys;
  return declared.includes(typeName) || keys.some((field) => catalog.get(`${typeName}.${field}`)?.pii) ? keys : [];
}
