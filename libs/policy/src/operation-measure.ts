import {
  getNamedType,
  GraphQLInt,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What an operation asks for, counted after fragment expansion (each fragment measured once and multiplied, never expanded). */
export interface OperationMeasure {
  /** Deepest field nesting (a root field is depth 1). */
  depth: number;
  /** Aliased fields. */
  aliases: number;
  /** Fields selected at the root. */
  rootFields: number;
  /** Every field selected, fragments expanded. */
  fields: number;
  /** Directives applied in the operation, fragments expanded. */
  directives: number;
  /**
   * Records (objects) the operation can return at most: each field with a
   * selection multiplies what it selects by its page size (`first` or
   * `last`: the value given, else PAGE_SIZE for a connection), or, for a
   * plain list of objects with no page size (a schema is needed to tell),
   * the list size assumed; aliases and nesting included.
   */
  records: number;
}

/**
 * The schema the operation is measured against and the number of objects a
 * plain list (one the schema does not page) is assumed to hold, as Apollo's
 * demand control assumes a list size for lists without one.
 */
export interface ListAssumption {
  schema: GraphQLSchema;
  listSize: number;
}

/** The page size assumed where a paged field is asked without `first` or `last` (the demo bureaus' default). */
export const PAGE_SIZE = 20;

interface SetMeasure {
  depth: number;
  aliases: number;
  top: number;
  fields: number;
  directives: number;
  records: number;
}

/** Counts past this are all "too many": sums stay exact integers however a crafted document multiplies. */
const CAP = 1e15;
const add = (a: number, b: number) => Math.min(CAP, a + b);
const NOTHING: SetMeasure = { depth: 0, aliases: 0, top: 0, fields: 0, directives: 0, records: 0 };
const times = (a: number, b: number) => Math.min(CAP, a * b);

/**
 * Measures the operation `operationName` (or the only one) of a document in
 * time linear in the document's size: a fragment is measured once, and each
 * spread adds its counts, so a document whose fragments spread each other
 * twice per level is counted (2^N fields) without being walked 2^N times.
 * A document without that operation measures as nothing (validation refuses it).
 */
export function measureOperation(
  document: DocumentNode,
  operationName?: string | null,
  variables: Readonly<Record<string, unknown>> = {},
  lists: ListAssumption | null = null,
): OperationMeasure {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return { depth: 0, aliases: 0, rootFields: 0, fields: 0, directives: 0, records: 0 };
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  // A variable the request leaves out takes its default (`query ($first: Int = 100)`), as execution gives it.
  const values = { ...defaultsOf(operation), ...variables };
  const measured = new Map<string, SetMeasure>();
  const inProgress = new Set<string>();

  const fragment = (name: string): SetMeasure => {
    const known = measured.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    // An unknown or cyclic spread counts as nothing here; validation refuses both.
    if (!definition || inProgress.has(name)) return NOTHING;
    inProgress.add(name);
    const result = selectionSet(definition.selectionSet, typeNamed(definition.typeCondition.name.value));
    inProgress.delete(name);
    measured.set(name, result);
    return result;
  };

  // The type a selection set is on, where a schema is given (fragments are on their type condition): it tells plain lists.
  const typeNamed = (name: string | undefined): GraphQLNamedType | undefined => (name === undefined ? undefined : lists?.schema.getType(name));

  const selectionSet = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): SetMeasure => {
    const total = { ...NOTHING };
    for (const selection of set.selections) {
      total.directives = add(total.directives, selection.directives?.length ?? 0);
      let inner: SetMeasure;
      if (selection.kind === Kind.FIELD) {
        const definition = fieldOf(parent, selection.name.value);
        const child = selection.selectionSet ? selectionSet(selection.selectionSet, definition && getNamedType(definition.type)) : NOTHING;
        // A field with a selection returns objects: its page size of them (a plain list's assumed size), each with what it selects.
        const size = pageSize(selection, values, definition) ?? (lists && definition && plainList(selection, definition) ? lists.listSize : 1);
        const records = selection.selectionSet ? times(size, add(1, child.records)) : 0;
        inner = { depth: child.depth + 1, aliases: add(child.aliases, selection.alias ? 1 : 0), top: 1, fields: add(child.fields, 1), directives: child.directives, records };
      } else {
        inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? selectionSet(selection.selectionSet, selection.typeCondition ? typeNamed(selection.typeCondition.name.value) : parent)
            : fragment(selection.name.value);
      }
      accumulate(total, inner);
    }
    return total;
  };

  const root = selectionSet(operation.selectionSet, lists?.schema.getRootType(operation.operation) ?? undefined);
  return { depth: root.depth, aliases: root.aliases, rootFields: root.top, fields: root.fields, directives: add(root.directives, operation.directives?.length ?? 0), records: root.records };
}

/** Adds a selection's counts to its selection set's (its depth is the deepest of them). */
function accumulate(total: SetMeasure, inner: SetMeasure): void {
  total.depth = Math.max(total.depth, inner.depth);
  total.aliases = add(total.aliases, inner.aliases);
  total.top = add(total.top, inner.top);
  total.fields = add(total.fields, inner.fields);
  total.directives = add(total.directives, inner.directives);
  total.records = add(total.records, inner.records);
}

/** The Int literals operation variables default to. */
function defaultsOf(operation: OperationDefinitionNode): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.INT) defaults[definition.variable.name.value] = Number(definition.defaultValue.value);
  }
  return defaults;
}

/**
 * How many objects a field can return by its page: its `first` or `last`
 * (literal or variable), else PAGE_SIZE for a paged field (a connection: it
 * selects `nodes` or `edges`); null for a field with no page.
 */
function pageSize(field: FieldNode, variables: Readonly<Record<string, unknown>>, definition?: GraphQLField<unknown, unknown>): number | null {
  const argument = field.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last');
  if (!argument) return field.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && PAGE_LISTS.has(s.name.value)) ? PAGE_SIZE : null;
  const value = argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : argument.value.kind === Kind.INT ? Number(argument.value.value) : undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return PAGE_SIZE;
  // A page size no Int holds (past 2^31 - 1) is an invalid operation, not a costly one: validation names it (as a bare gateway does).
  const declared = definition?.args.find((arg) => arg.name === argument.name.value);
  if (declared && getNamedType(declared.type) === GraphQLInt && !(Number.isInteger(value) && value <= MAX_INT)) return PAGE_SIZE;
  return value;
}

/** The largest value of GraphQL's Int (32-bit signed). */
const MAX_INT = 2 ** 31 - 1;

/** A field's definition on the type its selection set is on (none without a schema). */
function fieldOf(parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

/** The lists of a connection: the page its paged field counted already. */
const PAGE_LISTS = new Set(['nodes', 'edges']);

/** Whether a field returns a list of objects that no page bounds (not a connection's own `nodes` or `edges`). */
function plainList(field: FieldNode, definition: GraphQLField<unknown, unknown>): boolean {
  return isListType(getNullableType(definition.type)) && !PAGE_LISTS.has(field.name.value);
}

/** The most an operation may ask for; every limit is configuration with a safe default. */
export type OperationLimits = OperationMeasure;

/** The first limit an operation exceeds (in the order depth, root fields, aliases, fields, directives, records), or null. */
export function exceededLimit(measure: OperationMeasure, limits: OperationLimits): { limit: keyof OperationLimits; measured: number; allowed: number } | null {
  for (const limit of ['depth', 'rootFields', 'aliases', 'fields', 'directives', 'records'] as const) {
    if (measure[limit] > limits[limit]) return { limit, measured: measure[limit], allowed: limits[limit] };
  }
  return null;
}
