import { MapperKind, mapSchema, pruneSchema } from '@graphql-tools/utils';
import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  printSchema,
  type GraphQLFieldConfig,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { Catalog, CatalogEntry } from '#catalog';
import type { FieldDecision } from './field-decision.js';

/** The schema one caller may read, and why each field is there. */
export interface SchemaContract {
  schema: GraphQLSchema;
  /** SDL for code generators: the fields this caller may read, with level, PII kind, mask and owner in each field's description. */
  sdl: string;
  /** `Type.field` of every field kept, sorted. */
  coordinates: string[];
}

/**
 * A contract of the API schema for one caller: every field it would be
 * denied is removed, and so is everything only those fields reach (a type
 * whose every field is denied goes, with the fields that return it). An
 * interface field stays only if every object type that can stand there
 * allows it, as the gateway decides it (decideFields). The contract is
 * decided by the same engine and catalog as an exchange, so what it lists is
 * what an exchange would serve (masked as its description says).
 *
 * `@graphql-tools/utils` rebuilds and prunes the schema: rebuilding a
 * GraphQLSchema by hand would mean re-creating every type it references.
 */
export function schemaContract(schema: GraphQLSchema, catalog: Pick<Catalog, 'lookup'>, decide: (entry: CatalogEntry) => FieldDecision): SchemaContract {
  const decisions = new Map<string, { entry: CatalogEntry; decision: FieldDecision }>();
  const decisionOf = (typeName: string, fieldName: string) => {
    const coordinate = `${typeName}.${fieldName}`;
    let found = decisions.get(coordinate);
    if (!found) {
      const entry = catalog.lookup(typeName, fieldName);
      decisions.set(coordinate, (found = { entry, decision: decide(entry) }));
    }
    return found;
  };
  /** The coordinates a field of a type stands for: its own on an object type, each implementation's on an interface with any. */
  const concrete = (typeName: string, fieldName: string): string[] => {
    const type = schema.getType(typeName);
    if (!type || !isAbstractType(type)) return [typeName];
    const possible = schema.getPossibleTypes(type).filter((candidate) => fieldName in candidate.getFields());
    return possible.length > 0 ? possible.map((candidate) => candidate.name) : [typeName];
  };

  const kept = fieldsKept(schema, (typeName, fieldName) => concrete(typeName, fieldName).every((name) => decisionOf(name, fieldName).decision.allowed));

  const describe = (typeName: string, fieldName: string, config: GraphQLFieldConfig<unknown, unknown>): GraphQLFieldConfig<unknown, unknown> => {
    const parts = concrete(typeName, fieldName).map((name) => decisionOf(name, fieldName));
    const { entry } = parts[0]!;
    const mask = parts.find(({ decision }) => decision.mask)?.decision.mask ?? null;
    const label = [`Level ${entry.level}`, entry.pii ? `PII ${entry.pii}` : null, mask ? `served masked (${mask})` : 'served in clear', `owner ${entry.owner}`].filter(Boolean).join('; ');
    return { ...config, description: config.description ? `${config.description}\n\n${label}.` : `${label}.` };
  };
  const contract = pruneSchema(
    mapSchema(schema, {
      [MapperKind.COMPOSITE_FIELD]: (config, fieldName, typeName) => (kept.get(typeName)?.has(fieldName) ? describe(typeName, fieldName, config) : null),
    }),
  );
  const coordinates = [...kept].flatMap(([typeName, fields]) => (contract.getType(typeName) ? [...fields].map((field) => `${typeName}.${field}`) : [])).sort();
  return { schema: contract, sdl: printSchema(contract), coordinates };
}

/** The fields that stay, per object and interface type: allowed, and returning a type that keeps a field. */
function fieldsKept(schema: GraphQLSchema, allowed: (typeName: string, fieldName: string) => boolean): Map<string, Set<string>> {
  const kept = new Map<string, Set<string>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    const fields = new Set<string>();
    for (const name of Object.keys(type.getFields())) {
      if (allowed(type.name, name)) fields.add(name);
    }
    kept.set(type.name, fields);
  }
  // A union is empty when every member is; an object or interface when it keeps no field.
  const empty = (typeName: string): boolean => {
    const type = schema.getType(typeName);
    if (isUnionType(type)) return type.getTypes().every((member) => empty(member.name));
    return kept.get(typeName)?.size === 0;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const [typeName, fields] of kept) {
      const type = schema.getType(typeName) as GraphQLObjectType | GraphQLInterfaceType;
      for (const name of [...fields]) {
        if (!empty(getNamedType(type.getFields()[name]!.type).name)) continue;
        fields.delete(name);
        changed = true;
      }
    }
  }
  return kept;
}
