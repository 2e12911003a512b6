import { Kind, parse, print, type ConstDirectiveNode, type ConstValueNode, type DocumentNode, type InterfaceTypeDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';

/**
 * Reads the join__ metadata that composition writes into a supergraph:
 * which subgraph ("graph") defines each type and resolves each field.
 * Plain graphql-js AST, so it depends only on the documented join spec.
 */
export interface SupergraphGraph {
  enumValue: string;
  name: string;
  url: string;
}

export interface JoinType {
  graph: string;
  keys: string[];
  extension: boolean;
}

export interface JoinField {
  graph: string;
  external: boolean;
  usedOverridden: boolean;
}

export interface SupergraphObjectType {
  name: string;
  node: ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode;
  /** Interfaces this type implements. */
  interfaces: string[];
  joinTypes: JoinType[];
  fields: Array<{
    name: string;
    returnType: string;
    description: string | null;
    /** Names of the field's arguments. */
    arguments: string[];
    directives: readonly ConstDirectiveNode[];
    joinFields: JoinField[];
  }>;
}

export interface SupergraphModel {
  graphs: SupergraphGraph[];
  objectTypes: SupergraphObjectType[];
  interfaceTypes: SupergraphObjectType[];
}

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((arg) => arg.name.value === name)?.value;
}

export function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = argument(directive, name);
  if (!value) return undefined;
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM) return value.value;
  return undefined;
}

function booleanArgument(directive: ConstDirectiveNode, name: string): boolean {
  const value = argument(directive, name);
  return value?.kind === Kind.BOOLEAN && value.value;
}

function isInternalType(name: string): boolean {
  return name.startsWith('join__') || name.startsWith('link__') || name.startsWith('__');
}

export function readSupergraph(sdl: string | DocumentNode): SupergraphModel {
  const document = typeof sdl === 'string' ? parse(sdl) : sdl;
  const graphs = graphsOf(document);
  if (graphs.length === 0) {
    throw new Error('Not a supergraph: no join__Graph enum (was this SDL composed by Federation 2?)');
  }
  const graphName = new Map(graphs.map((graph) => [graph.enumValue, graph.name]));
  const nameOf = (directive: ConstDirectiveNode): string | undefined => {
    const value = stringArgument(directive, 'graph');
    return value === undefined ? undefined : graphName.get(value);
  };
  const objectTypes: SupergraphObjectType[] = [];
  const interfaceTypes: SupergraphObjectType[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    if (isInternalType(definition.name.value)) continue;
    (definition.kind === Kind.OBJECT_TYPE_DEFINITION ? objectTypes : interfaceTypes).push(typeOf(definition, nameOf));
  }
  // A field an `@interfaceObject` adds to an interface is written on each
  // implementing object type as a bare `@join__field` (no graph): it is
  // resolved by the subgraphs that resolve it on the interface.
  const interfaces = new Map(interfaceTypes.map((type) => [type.name, type]));
  for (const type of objectTypes) {
    for (const field of type.fields) {
      if (field.joinFields.length > 0 || !field.directives.some((d) => d.name.value === 'join__field' && !argument(d, 'graph'))) continue;
      field.joinFields = type.interfaces.flatMap((name) => interfaces.get(name)?.fields.find((f) => f.name === field.name)?.joinFields ?? []);
    }
  }
  return { graphs, objectTypes, interfaceTypes };
}

function typeOf(definition: ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode, nameOf: (directive: ConstDirectiveNode) => string | undefined): SupergraphObjectType {
  return {
    name: definition.name.value,
    node: definition,
    interfaces: (definition.interfaces ?? []).map((named) => named.name.value),
    joinTypes: joinTypesOf(definition, nameOf),
    fields: (definition.fields ?? []).map((field) => ({
      name: field.name.value,
      returnType: print(field.type),
      description: field.description?.value ?? null,
      arguments: (field.arguments ?? []).map((argument) => argument.name.value),
      directives: field.directives ?? [],
      joinFields: (field.directives ?? [])
        .filter((d) => d.name.value === 'join__field')
        .flatMap((d) => {
          const graph = nameOf(d);
          return graph ? [{ graph, external: booleanArgument(d, 'external'), usedOverridden: booleanArgument(d, 'usedOverridden') }] : [];
        }),
    })),
  };
}

/** The subgraphs, from the join__Graph enum. */
function graphsOf(document: DocumentNode): SupergraphGraph[] {
  const graphs: SupergraphGraph[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      if (!directive) continue;
      graphs.push({ enumValue: value.name.value, name: stringArgument(directive, 'name') ?? value.name.value.toLowerCase(), url: stringArgument(directive, 'url') ?? '' });
    }
  }
  return graphs;
}

/**
 * Which subgraphs define a type, with their keys (one entry per subgraph).
 * An `@interfaceObject` stands in for an interface another subgraph defines,
 * so, like `extend`, it does not make its subgraph the type's origin.
 */
function joinTypesOf(definition: ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode, nameOf: (directive: ConstDirectiveNode) => string | undefined): JoinType[] {
  const joinTypes: JoinType[] = [];
  for (const directive of definition.directives ?? []) {
    if (directive.name.value !== 'join__type') continue;
    const graph = nameOf(directive);
    if (!graph) continue;
    const key = stringArgument(directive, 'key');
    const existing = joinTypes.find((jt) => jt.graph === graph);
    if (existing) {
      if (key) existing.keys.push(key);
      continue;
    }
    joinTypes.push({ graph, keys: key ? [key] : [], extension: booleanArgument(directive, 'extension') || booleanArgument(directive, 'isInterfaceObject') });
  }
  return joinTypes;
}

/** Top-level field names of a key field set: `id`, `id org { id }` → ["id", "org"]. */
export function keyFieldNames(fieldSet: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const token of fieldSet.match(/[A-Za-z_][A-Za-z0-9_]*|[{}]/g) ?? []) {
    if (token === '{') depth++;
    else if (token === '}') depth--;
    else if (depth === 0) names.push(token);
  }
  return names;
}
