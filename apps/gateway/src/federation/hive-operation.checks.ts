import {
  getDirectiveValues,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type IntValueNode,
  type SelectionSetNode,
} from 'graphql';

/** The answer an operation gets without planning. */
export interface UnplannedAnswer {
  data?: Record<string, never>;
  errors?: readonly GraphQLError[];
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The answer of an operation that is not planned, or null: what
 * @apollo/gateway answers before planning, and where Hive's Rust
 * planner would fail on a document graphql-js accepted:
 * - variables are coerced as @apollo/gateway coerces them (errors: BAD_USER_INPUT, 400);
 * - an operation whose root selection @skip/@include leave empty is answered
 *   `{ data: {} }` (the planner cannot plan nothing);
 * - an integer literal beyond 64 bits (graphql-js accepts any length where an
 *   ID or a custom scalar is expected; the planner's parser does not) is
 *   refused as BAD_USER_INPUT instead of failing the plan.
 */
export function checkOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): UnplannedAnswer | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  let coerced: Record<string, unknown> = {};
  if (operation.variableDefinitions?.length) {
    const result = getVariableValues(schema, operation.variableDefinitions, variables);
    if (result.errors) return { errors: result.errors };
    coerced = result.coerced;
  }
  const tooLarge = outOfRangeIntegers(document);
  if (tooLarge.length > 0) {
    return { errors: [new GraphQLError('Integer literals must fit in 64 bits; write a longer number as a string.', { nodes: tooLarge, extensions: { code: 'BAD_USER_INPUT' } })] };
  }
  const fragments = fragmentsOf(document);
  if (!selectsAnything(operation.selectionSet, fragments, coerced, new Map())) return { data: {} };
  return null;
}

/** A document's fragment definitions by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return fragments;
}

function outOfRangeIntegers(document: DocumentNode): IntValueNode[] {
  const found: IntValueNode[] = [];
  visit(document, {
    IntValue(node) {
      // 20 characters hold every 64-bit integer with its sign: a longer literal is out of range without reading it as a number.
      if (node.value.length > 20) return void found.push(node);
      const value = BigInt(node.value);
      if (value < INT64_MIN || value > INT64_MAX) found.push(node);
    },
  });
  return found;
}

/**
 * Whether a selection set keeps at least one field once @skip and @include
 * are applied. Each fragment is walked once (`known`: its answer, false
 * while it is being walked), so a document whose fragments spread each
 * other twice per level costs its size, not 2^levels.
 */
function selectsAnything(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, variables: Record<string, unknown>, known: Map<string, boolean>): boolean {
  for (const selection of selectionSet.selections) {
    if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) continue;
    if (getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if === false) continue;
    if (selection.kind === Kind.FIELD) return true;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selectsAnything(selection.selectionSet, fragments, variables, known)) return true;
      continue;
    }
    const name = selection.name.value;
    let selects = known.get(name);
    if (selects === undefined) {
      const fragment = fragments.get(name);
      // Validation has refused unknown and cyclic fragments; this only guards the walk.
      known.set(name, false);
      selects = fragment ? selectsAnything(fragment.selectionSet, fragments, variables, known) : false;
      known.set(name, selects);
    }
    if (selects) return true;
  }
  return false;
}
