import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** One field an operation selects, wherever it is written. */
export interface SelectedField {
  node: FieldNode;
  /** Response keys (aliases) from the root to this field; list positions are left out. */
  path: string[];
  /** Every concrete `Type.field` this selection can read (several under an interface or union). */
  coordinates: string[];
  /** The `@skip` and `@include` on this field and on every field and fragment around it: it is executed only if all let it (included.ts). */
  conditions: readonly DirectiveNode[];
}

/**
 * Every field an operation selects, through named and inline fragments,
 * aliases and abstract types (each possible concrete type), each with the
 * `@skip` and `@include` it is under: whether they let it be executed
 * depends on the request's variables, so that is answered per request
 * (included.ts), not here. Meta fields (`__typename`) are not data and are not listed.
 *
 * The result is a function of (schema, document, operation name) alone and
 * is kept per parsed document: Apollo Server hands every request with the
 * same text the same cached DocumentNode, so a repeated operation is walked
 * once. Callers must not modify what it returns.
 */
export function selectedFields(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): readonly SelectedField[] {
  let byOperation = walked.get(document);
  if (!byOperation || byOperation.schema !== schema) walked.set(document, (byOperation = { schema, fields: new Map() }));
  const key = operationName ?? '';
  let fields = byOperation.fields.get(key);
  if (!fields) byOperation.fields.set(key, (fields = walk(schema, document, operationName)));
  return fields;
}

const walked = new WeakMap<DocumentNode, { schema: GraphQLSchema; fields: Map<string, readonly SelectedField[]> }>();

/** The operation a request names (or the only one), as execution picks it; throws when there is none. */
export function operationOf(document: DocumentNode, operationName?: string | null): OperationDefinitionNode {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) throw new Error('operation not found in the document');
  return operation;
}

function walk(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): SelectedField[] {
  const operation = operationOf(document, operationName);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`the schema has no ${operation.operation} type`);
  const out: SelectedField[] = [];

  const visit = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, path: string[], spreads: ReadonlySet<string>, around: readonly DirectiveNode[]): void => {
    for (const selection of selectionSet.selections) {
      const own = selection.directives?.filter((directive) => directive.name.value === 'skip' || directive.name.value === 'include') ?? [];
      const conditions = own.length > 0 ? [...around, ...own] : around;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const concrete = isAbstractType(parent) ? schema.getPossibleTypes(parent) : isObjectType(parent) ? [parent] : [];
        const coordinates = concrete.filter((type) => name in type.getFields()).map((type) => `${type.name}.${name}`);
        const fieldPath = [...path, selection.alias?.value ?? name];
        // A field the schema does not have (validation would refuse it) still gets a coordinate, so it is decided — and denied.
        out.push({ node: selection, path: fieldPath, coordinates: coordinates.length > 0 ? coordinates : [`${parent.name}.${name}`], conditions });
        const definition = 'getFields' in parent ? parent.getFields()[name] : undefined;
        const type = definition ? getNamedType(definition.type) : undefined;
        if (selection.selectionSet && type && isCompositeType(type)) visit(selection.selectionSet, type, fieldPath, spreads, conditions);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) visit(selection.selectionSet, type, path, spreads, conditions);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || spreads.has(name)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type && isCompositeType(type)) visit(fragment.selectionSet, type, path, new Set([...spreads, name]), conditions);
      }
    }
  };
  visit(operation.selectionSet, root, [], new Set(), []);
  return out;
}
