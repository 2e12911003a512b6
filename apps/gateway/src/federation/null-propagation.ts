import {
  getNamedType,
  getOperationAST,
  isLeafType,
  isListType,
  isNonNullType,
  isAbstractType,
  isObjectType,
  isInterfaceType,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
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
 * Each object's keys are put in the order of its selections, as execution
 * orders them (CollectFields, fragments matched against the object's type
 * when it is known: the field's object type, or its `__typename`): the
 * policy's shaping adds a denied field's null after the keys the engine
 * answered.
 *
 * Changes `data` in place and answers it, or null, with the paths of the
 * nulls that went up: an answer with none of its errors there still owes
 * one (nullError), as the GraphQL spec requires.
 */
export function propagateNulls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  data: Record<string, unknown> | null | undefined,
): { data: Record<string, unknown> | null | undefined; raised: Path[] } {
  const raised: Path[] = [];
  const operation = data && getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!data || !operation || !root) return { data, raised };
  const walk = new NullWalk(schema, document, raised);
  return { data: walk.object(data, [{ set: operation.selectionSet, on: root }], []) === UP ? null : data, raised };
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
    private readonly raised: Path[],
  ) {
    this.fragments = fragmentsOf(document);
  }

  /** An object's fields completed in place; UP when one of non-null type reads null. */
  object(value: Record<string, unknown>, selections: Selections, path: ReadonlyArray<string | number>): typeof UP | undefined {
    const fields = this.fields(selections, this.runtimeType(value, selections));
    for (const [key, field] of fields) {
      if (!field.type || !(key in value)) continue;
      const completed = this.value(value[key], field.type, field.below, [...path, key]);
      if (completed === UP) return UP;
      value[key] = completed;
    }
    inOrder(value, fields);
    return undefined;
  }

  /** The object's type: the one its selections are on when that is an object type, else the one its `__typename` names. */
  private runtimeType(value: Record<string, unknown>, selections: Selections): GraphQLObjectType | undefined {
    const on = selections[0]?.on;
    if (on && isObjectType(on)) return on;
    const named = typeof value.__typename === 'string' ? this.schema.getType(value.__typename) : undefined;
    return named && isObjectType(named) ? named : undefined;
  }

  /** A value of `type` completed in place: null where a null went up to it; UP when it is null and must not be. */
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
    return this.object(value as Record<string, unknown>, below, path) === UP ? null : value;
  }

  /** The fields of selections for an object of `runtime` (undefined: every fragment applies), by response key: each named fragment once. */
  private fields(selections: Selections, runtime: GraphQLObjectType | undefined): Fields {
    const byType = this.collected.get(selections) ?? new Map<string, Fields>();
    this.collected.set(selections, byType);
    const known = byType.get(runtime?.name ?? '');
    if (known) return known;
    const fields: Fields = new Map();
    const visited = new Set<string>();
    const collect = (set: SelectionSetNode, on: GraphQLNamedType) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          const definition = isObjectType(on) || isInterfaceType(on) ? on.getFields()[selection.name.value] : undefined;
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

  /** Whether a fragment with this type condition applies to an object of `runtime` (DoesFragmentTypeApply); unknown types: it does. */
  private applies(condition: GraphQLNamedType | undefined, runtime: GraphQLObjectType | undefined): boolean {
    if (!condition || !runtime || condition === runtime) return true;
    return isAbstractType(condition) && this.schema.isSubType(condition, runtime);
  }

  private typeOf(name: string | undefined): GraphQLNamedType | undefined {
    return name === undefined ? undefined : this.schema.getType(name);
  }
}

/** Puts an object's keys in the order of its fields (in place); keys they do not name stay after them. */
function inOrder(value: Record<string, unknown>, fields: Fields): void {
  const keys = Object.keys(value);
  let at = 0;
  let ordered = true;
  for (const key of fields.keys()) {
    if (!Object.hasOwn(value, key)) continue;
    if (keys[at] !== key) {
      ordered = false;
      break;
    }
    at += 1;
  }
  if (ordered) return;
  const copy = { ...value };
  for (const key of keys) delete value[key];
  for (const key of fields.keys()) if (Object.hasOwn(copy, key)) value[key] = copy[key];
  for (const key of keys) if (!fields.has(key)) value[key] = copy[key];
}
