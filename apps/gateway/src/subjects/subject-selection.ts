import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** Response keys the gateway adds to learn whom an answer is about; removed before release. */
export const SUBJECT_ALIAS_PREFIX = '_causewaySubject';

/** What an added alias reads: a key field of an entity type. */
export interface SubjectAlias {
  typeName: string;
  fieldName: string;
}

export interface SubjectSelection {
  document: DocumentNode;
  aliases: ReadonlyMap<string, SubjectAlias>;
}

/**
 * The operation with every entity it reaches also selecting its key, under
 * aliases of the gateway's own: `resident(idNumber: $id) { name }` becomes
 * `resident(idNumber: $id) { name _causewaySubject0: idNumber }`, and an
 * enterprise's legal representative, a list of people, a fragment or an
 * interface (one inline fragment per entity type it may be) the same way.
 * So the answer says whom it is about even where the caller did not select
 * the key or aliased it; the planner fetches keys as it does for any hop.
 * Only leaf key fields the API schema exposes are added. Null when the
 * operation reaches no entity.
 */
export function withSubjectKeys(schema: GraphQLSchema, document: DocumentNode, keyFields: (typeName: string) => readonly string[]): SubjectSelection | null {
  const aliases = new Map<string, SubjectAlias>();
  const byCoordinate = new Map<string, string>();
  const aliasFor = (typeName: string, fieldName: string) => {
    const coordinate = `${typeName}.${fieldName}`;
    let alias = byCoordinate.get(coordinate);
    if (!alias) {
      alias = `${SUBJECT_ALIAS_PREFIX}${byCoordinate.size}`;
      byCoordinate.set(coordinate, alias);
      aliases.set(alias, { typeName, fieldName });
    }
    return alias;
  };
  const keySelections = (type: GraphQLObjectType): FieldNode[] => {
    const fields = type.getFields();
    return keyFields(type.name)
      .filter((name) => fields[name] && isLeafType(getNamedType(fields[name].type)))
      .map((name) => ({ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: aliasFor(type.name, name) }, name: { kind: Kind.NAME, value: name } }));
  };
  const typeInfo = new TypeInfo(schema);
  const rewritten = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      SelectionSet: {
        leave(node: SelectionSetNode) {
          const parent = typeInfo.getParentType();
          if (!parent) return undefined;
          let added: SelectionNode[] = [];
          if (isObjectType(parent)) {
            added = keySelections(parent);
          } else if (isAbstractType(parent)) {
            added = schema
              .getPossibleTypes(parent)
              .map((type): InlineFragmentNode | null => {
                const selections = keySelections(type);
                if (selections.length === 0) return null;
                return {
                  kind: Kind.INLINE_FRAGMENT,
                  typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type.name } },
                  selectionSet: { kind: Kind.SELECTION_SET, selections },
                };
              })
              .filter((fragment): fragment is InlineFragmentNode => fragment !== null);
          }
          return added.length > 0 ? { ...node, selections: [...node.selections, ...added] } : undefined;
        },
      },
    }),
  );
  return aliases.size > 0 ? { document: rewritten, aliases } : null;
}

/** A subject an answer is about, with the response keys of what was served about it. */
export interface FoundSubject {
  typeName: string;
  /** The key's value: the single key field's, or the key fields' as JSON. */
  key: string;
  /** Response path of the object (no list indices) and the keys of its non-null fields. */
  path: readonly string[];
  servedKeys: readonly string[];
}

/** Keys that are the gateway's, never the caller's data. */
const OWN_KEYS = /^(__typename|_causewayPlaceholder)$/;

/**
 * Takes the added keys out of the answer (data and any error about them)
 * and returns the subjects it released data about: every object that
 * carries a key and at least one non-null field of the caller's.
 */
export function takeSubjects(result: { data?: unknown; errors?: ReadonlyArray<{ path?: ReadonlyArray<string | number> }> }, aliases: ReadonlyMap<string, SubjectAlias>): FoundSubject[] {
  const found: FoundSubject[] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, path);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    let typeName: string | null = null;
    const keys: Record<string, unknown> = {};
    for (const [responseKey, alias] of aliases) {
      if (!(responseKey in object)) continue;
      typeName = alias.typeName;
      keys[alias.fieldName] = object[responseKey];
      delete object[responseKey];
    }
    const served = Object.keys(object).filter((key) => !OWN_KEYS.test(key) && object[key] !== null && object[key] !== undefined);
    const values = Object.values(keys);
    if (typeName && served.length > 0 && values.every((v) => v !== null && v !== undefined)) {
      const key = values.length === 1 ? String(values[0]) : JSON.stringify(Object.fromEntries(Object.entries(keys).sort(([a], [b]) => (a < b ? -1 : 1))));
      found.push({ typeName, key, path, servedKeys: served });
    }
    for (const key of served) walk(object[key], [...path, key]);
  };
  walk(result.data, []);
  if (result.errors) {
    const mine = (error: { path?: ReadonlyArray<string | number> }) => error.path?.some((key) => typeof key === 'string' && aliases.has(key)) ?? false;
    (result as { errors?: unknown[] }).errors = result.errors.filter((error) => !mine(error));
    if (result.errors.length === 0) delete (result as { errors?: unknown[] }).errors;
  }
  return found;
}
