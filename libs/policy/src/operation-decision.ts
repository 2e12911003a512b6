import {
  isAbstractType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type InlineFragmentNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Catalog, CatalogEntry } from '#catalog';
import type { FieldDecision } from './field-decision.js';
import { applyMask, type MaskKind } from './masks.js';
import { selectedFields, type SelectedField } from './operation-walker.js';

/** A selected field with the decisions about every coordinate it can read. */
export interface DecidedField extends SelectedField {
  decisions: FieldDecision[];
  /** Served only if every coordinate it can read is allowed (an interface field is as strict as its strictest type). */
  allowed: boolean;
  mask: MaskKind | null;
  /** Allowed, but everything under it was denied on a type that cannot take a placeholder: cut from the operation, null in the answer. */
  emptied?: boolean;
}

/**
 * Decides every field an operation selects, as the gateway does before
 * planning: walked against the API schema, each coordinate looked up in the
 * catalog (an unknown one gets the catalog's fail-closed entry) and decided
 * by `decide` (from PolicyEngine.decider or .evaluate). Fields under `@skip`
 * and `@include` are decided as if included; which of them a request
 * executes is field-inclusion.ts's answer.
 */
export function decideOperation(
  operation: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null },
  catalog: Pick<Catalog, 'lookupCoordinate'>,
  decide: (entry: CatalogEntry) => FieldDecision,
): DecidedField[] {
  return decideFields(selectedFields(operation.schema, operation.document, operation.operationName), (coordinate) => decide(catalog.lookupCoordinate(coordinate)));
}

/** Decides every selected field; `decide` is called once per distinct coordinate. */
export function decideFields(selected: readonly SelectedField[], decide: (coordinate: string) => FieldDecision): DecidedField[] {
  const memo = new Map<string, FieldDecision>();
  const decideOnce = (coordinate: string) => {
    let decision = memo.get(coordinate);
    if (!decision) memo.set(coordinate, (decision = decide(coordinate)));
    return decision;
  };
  return selected.map((field) => {
    const decisions = field.coordinates.map(decideOnce);
    const allowed = decisions.every((decision) => decision.allowed);
    return { ...field, decisions, allowed, mask: allowed ? (decisions.find((d) => d.mask)?.mask ?? null) : null };
  });
}

/** Response key of the `__typename` that keeps an emptied selection valid; removed from the answer. */
export const PLACEHOLDER_KEY = '_causewayPlaceholder';

const PLACEHOLDER: FieldNode = {
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: PLACEHOLDER_KEY },
  name: { kind: Kind.NAME, value: '__typename' },
};

/** An interface or union no object type implements: its values can only be null or empty, and the planner cannot always plan `__typename` on it. */
function withoutObjectTypes(schema: GraphQLSchema, type: GraphQLCompositeType | null | undefined): boolean {
  return !!type && isAbstractType(type) && schema.getPossibleTypes(type).length === 0;
}

/**
 * The operation without the denied fields, still valid and plannable: a
 * selection set left empty gets an aliased `__typename` (PLACEHOLDER_KEY),
 * which `shapeData` removes again. Where the emptied selection is on an
 * interface or union without object types (an `@interfaceObject` interface,
 * say), `__typename` is not plannable there, so the field itself is cut and
 * listed in `emptied`; it reads null in the answer. Named fragments are
 * inlined (their fields are the same nodes), so a fragment emptied on such a
 * type is cut where it is spread like any selection; nodes are removed by
 * identity, so a denied field inside a fragment is removed wherever the
 * fragment is spread.
 */
export function withoutFields(schema: GraphQLSchema, document: DocumentNode, denied: ReadonlySet<FieldNode>): { document: DocumentNode; emptied: Set<FieldNode> } {
  const typeInfo = new TypeInfo(schema);
  const emptied = new Set<FieldNode>();
  const originals: FieldNode[] = [];
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const filtered = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // Inlined where spread (the operation was validated: no cycles), then dropped.
      FragmentSpread: {
        enter: (node): InlineFragmentNode | null => {
          const fragment = fragments.get(node.name.value);
          return fragment ? { kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition, directives: node.directives, selectionSet: fragment.selectionSet } : null;
        },
      },
      FragmentDefinition: { enter: () => null },
      Field: {
        enter: (node) => {
          if (denied.has(node)) return null;
          originals.push(node);
          return undefined;
        },
        leave: (node) => {
          const original = originals.pop()!;
          if (node.selectionSet?.selections.length !== 0) return undefined;
          emptied.add(original);
          return null;
        },
      },
      InlineFragment: { leave: (node) => (node.selectionSet.selections.length === 0 ? null : undefined) },
      SelectionSet: {
        leave: (node: SelectionSetNode) => {
          if (node.selections.length > 0) return undefined;
          // Left empty as a mark: the field or inline fragment holding it is cut on leaving.
          if (withoutObjectTypes(schema, typeInfo.getParentType())) return undefined;
          return { ...node, selections: [PLACEHOLDER] };
        },
      },
    }),
  );
  return { document: filtered, emptied };
}

/** Calls `update(object, key)` on every object reached by `path` (through lists; null stops). */
function atPath(value: unknown, path: readonly string[], update: (object: Record<string, unknown>, key: string) => void): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) atPath(item, path, update);
    return;
  }
  if (typeof value !== 'object') return;
  const [key, ...rest] = path;
  if (key === undefined) return;
  const object = value as Record<string, unknown>;
  if (rest.length === 0) update(object, key);
  else atPath(object[key], rest, update);
}

function maskValue(kind: MaskKind, value: unknown): unknown {
  return Array.isArray(value) ? value.map((item) => maskValue(kind, item)) : applyMask(kind, value);
}

/**
 * Shapes the response data: masks follow aliases to every value of a masked
 * field; a filtered-out field reads `null`. `filtered`: the operation was
 * cut by withoutFields (its placeholders are removed; by default, when a
 * field here is denied). Returns how many denied values were found in the
 * data (always 0 unless enforcement was bypassed).
 */
export function shapeData(data: Record<string, unknown> | null | undefined, fields: readonly DecidedField[], filtered = fields.some((field) => !field.allowed)): { leaked: number } {
  let leaked = 0;
  if (!data) return { leaked };
  if (filtered) removePlaceholders(data);
  for (const field of fields) {
    if (!field.allowed) {
      atPath(data, field.path, (object, key) => {
        // A denied field is never selected, so a value here means it was fetched anyway: count it, and null it.
        if (key in object && object[key] !== null) leaked += 1;
        object[key] = null;
      });
    } else if (field.emptied) {
      atPath(data, field.path, (object, key) => {
        object[key] = null;
      });
    } else if (field.mask) {
      const mask = field.mask;
      atPath(data, field.path, (object, key) => {
        if (key in object) object[key] = maskValue(mask, object[key]);
      });
    }
  }
  return { leaked };
}

function removePlaceholders(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) removePlaceholders(item);
  } else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    delete object[PLACEHOLDER_KEY];
    for (const child of Object.values(object)) removePlaceholders(child);
  }
}
