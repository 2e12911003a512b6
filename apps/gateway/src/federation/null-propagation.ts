import {
  getDirectiveValues,
  getNamedType,
  getOperationAST,
  isLeafType,
  isListType,
  isNonNullType,
  isAbstractType,
  isObjectType,
  isInterfaceType,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { fragmentsOf } from './hive-operation.checks.js';

/** A selection set with the type its fields are looked up on (the enclosing field's type, or a fragment's type condition). */
type Selections = ReadonlyArray<{ set: SelectionSetNode; on: GraphQLNamedType }>;

/**
 * The fields an object of the answer has, by response key in the order GraphQL's CollectFields gives them: their type
 * (none for a key the schema does not list, such as `__typename`) and the selections below them.
 */
type Fields = Map<string, { type: GraphQLOutputType | undefined; below: Array<{ set: SelectionSetNode; on: GraphQLNamedType }> }>;

/** Returned up the walk when a null must go on to the parent (it stood where the schema forbids null). */
const UP = Symbol('null goes up');

/**
 * GraphQL's null propagation ("Handling Field Errors") over an answer the
 * Hive runtime assembled: a field of non-null type that reads null makes
 * its parent null, up to the nearest nullable field or list item, and to
 * `data: null` at the root. The runtime leaves such nulls where a bureau or
 * an entity fetch left them, which answers `null` where the schema promises
 * a value (`@apollo/gateway` propagates them itself).
 *
 * Fields are looked up by response key on the operation's selections; two
 * selections under one key have the same nullability (validation's
 * SameResponseShape), so a fragment's type condition need not be matched
 * against the object's type: keys the answer lacks (skipped fields,
 * fragments on another type) are passed over, and so are keys the schema
 * does not know (`__typename`). Each named fragment is collected once per
 * object, as CollectFields does, so the walk is linear in the answer.
 *
 * Selections `@skip`ped or not `@include`d under the request's variables
 * are passed over, as CollectFields does. Where an object's type is known
 * (the field's type is an object type, or the object has `__typename`),
 * fragments are matched against it, its fields are looked up on it, and
 * its keys are put in the order execution gives them: the policy's shaping
 * adds a denied field's null after the keys the engine answered. An object
 * of an abstract type without `__typename` keeps its order (which fragments
 * applied to it cannot be told).
 *
 * Changes `data` in place (an object out of order is replaced) and answers
 * it, or null, with the paths of the nulls that went up: an answer with
 * none of its errors there still owes one (nullError), as the GraphQL spec
 * requires.
 */
export function propagateNulls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  data: Record<string, unknown> | null | undefined,
  variables: Readonly<Record<string, unknown>> = {},
): { data: Record<string, unknown> | null | undefined; raised: Path[] } {
  const raised: Path[] = [];
  const operation = data && getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!data || !operation || !root) return { data, raised };
  const walk = new NullWalk(schema, document, variables, raised);
  const completed = walk.object(data, [{ set: operation.selectionSet, on: root }], []);
  return { data: completed === UP ? null : completed, raised };
}

type Path = ReadonlyArray<string | number>;

/** The error a null that went up from `path` is reported with when the answer has no error of its own. */
export function nullError(path: Path): GraphQLError {
  return new GraphQLError(`Cannot return null for non-nullable field at ${path.join('.')}.`, { path: [...path] });
}

class NullWalk {
  private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Fields by the selections they were collected from and the object's type ('' unknown): every item of a list shares its selections. */
  private readonly collected = new WeakMap<Selections, Map<string, Fields>>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Readonly<Record<string, unknown>>,
    private readonly raised: Path[],
  ) {
    this.fragments = fragmentsOf(document);
  }

  /** An object's fields completed (in place), in the order of its selections; UP when one of non-null type reads null. */
  object(value: Record<string, unknown>, selections: Selections, path: ReadonlyArray<string | number>): typeof UP | Record<string, unknown> {
    const runtime = this.runtimeType(value, selections);
    const fields = this.fields(selections, runtime);
    for (const [key, field] of fields) {
      if (!field.type || !Object.hasOwn(value, key)) continue;
      const completed = this.value(value[key], field.type, field.below, [...path, key]);
      if (completed === UP) return UP;
      if (completed !== value[key]) put(value, key, completed);
    }
    return runtime ? inOrder(value, fields) : value;
  }

  /** A value of `type` completed: null where a null went up to it; UP when it is null and must not be. */
  private value(value: unknown, type: GraphQLOutputType, below: Selections, path: ReadonlyArray<string | number>): unknown {
    if (isNonNullType(type)) {
      const completed = value === null ? null : this.value(value, type.ofType, below, path);
      if (completed !== null) return completed;
      if (value === null) this.raised.push(path);
      return UP;
    }
    if (value === null || value === undefined || isLeafType(type)) return value;
    if (isListType(type)) {
      if (!Array.isArray(value)) return value;
      for (const [index, item] of value.entries()) {
        const completed = this.value(item, type.ofType as GraphQLOutputType, below, [...path, index]);
        if (completed === UP) return null;
        value[index] = completed;
      }
      return value;
    }
    if (typeof value !== 'object') return value;
    const completed = this.object(value as Record<string, unknown>, below, path);
    return completed === UP ? null : completed;
  }

  /** The object's type: the object type every selection of it is on, else the one its own `__typename` names. */
  private runtimeType(value: Record<string, unknown>, selections: Selections): GraphQLObjectType | undefined {
    const on = selections[0]?.on;
    if (on && isObjectType(on) && selections.every((selection) => selection.on === on)) return on;
    const name = Object.hasOwn(value, '__typename') ? value.__typename : undefined;
    const named = typeof name === 'string' ? this.schema.getType(name) : undefined;
    return named && isObjectType(named) ? named : undefined;
  }

  /**
   * The fields of selections for an object of `runtime` (undefined: every fragment applies), by response key in
   * CollectFields' order: skipped selections passed over, each named fragment once, fields looked up on `runtime`.
   */
  private fields(selections: Selections, runtime: GraphQLObjectType | undefined): Fields {
    let byType = this.collected.get(selections);
    if (!byType) this.collected.set(selections, (byType = new Map<string, Fields>()));
    const known = byType.get(runtime?.name ?? '');
    if (known) return known;
    const fields: Fields = new Map();
    const visited = new Set<string>();
    const collect = (set: SelectionSetNode, on: GraphQLNamedType) => {
      for (const selection of set.selections) {
        if (!this.included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          const parent = runtime ?? on;
          const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
          const key = selection.alias?.value ?? selection.name.value;
          const field = fields.get(key) ?? { type: definition?.type, below: [] };
          if (definition && selection.selectionSet) field.below.push({ set: selection.selectionSet, on: getNamedType(definition.type) });
          fields.set(key, field);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const condition = this.typeOf(selection.typeCondition?.name.value);
          if (this.applies(condition, runtime)) collect(selection.selectionSet, condition ?? on);
        } else if (!visited.has(selection.name.value)) {
          visited.add(selection.name.value);
          const fragment = this.fragments.get(selection.name.value);
          const condition = fragment && this.typeOf(fragment.typeCondition.name.value);
          if (fragment && this.applies(condition, runtime)) collect(fragment.selectionSet, condition ?? on);
        }
      }
    };
    for (const { set, on } of selections) collect(set, on);
    byType.set(runtime?.name ?? '', fields);
    return fields;
  }

  /** Whether a selection is executed under the request's variables (@skip, @include); one they cannot decide is. */
  private included(selection: SelectionNode): boolean {
    if (!selection.directives?.length) return true;
    try {
      if (getDirectiveValues(GraphQLSkipDirective, selection, this.variables)?.if === true) return false;
      return getDirectiveValues(GraphQLIncludeDirective, selection, this.variables)?.if !== false;
    } catch {
      return true;
    }
  }

  /** Whether a fragment with this type condition applies to an object of `runtime` (DoesFragmentTypeApply); unknown types: it does. */
  private applies(condition: GraphQLNamedType | undefined, runtime: GraphQLObjectType | undefined): boolean {
    if (!condition || !runtime || condition === runtime) return true;
    return isAbstractType(condition) && this.schema.isSubType(condition, runtime);
  }

  private typeOf(name: string | undefined): GraphQLNamedType | undefined {
    return name === undefined ? undefined : this.schema.getType(name);
  }
}

/** Sets an own property, `__proto__` included (an alias may be named so: assigning it would set the prototype). */
function put(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/** The object with its keys in the order of its fields (itself when they are): keys they do not name stay after them. */
function inOrder(value: Record<string, unknown>, fields: Fields): Record<string, unknown> {
  const keys = Object.keys(value);
  let at = 0;
  for (const key of fields.keys()) {
    if (!Object.hasOwn(value, key)) continue;
    if (keys[at] !== key) return reordered(value, keys, fields);
    at += 1;
  }
  return value;
}

function reordered(value: Record<string, unknown>, keys: readonly string[], fields: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of fields.keys()) if (Object.hasOwn(value, key)) put(out, key, value[key]);
  for (const key of keys) if (!fields.has(key)) put(out, key, value[key]);
  return out;
}
