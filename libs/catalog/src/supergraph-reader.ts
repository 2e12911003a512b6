import { Kind, parse, print, type ConstDirectiveNode, type ConstValueNode, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';

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
  node: ObjectTypeDefinitionNode;
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
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || isInternalType(definition.name.value)) continue;
    objectTypes.push({
      name: definition.name.value,
      node: definition,
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
    });
  }
  return { graphs, objectTypes };
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

/** Which subgraphs define a type, with their keys (one entry per subgraph). */
function joinTypesOf(definition: ObjectTypeDefinitionNode, nameOf: (directive: ConstDirectiveNode) => string | undefined): JoinType[] {
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
    joinTypes.push({ graph, keys: key ? [key] : [], extension: booleanArgument(directive, 'extension') });
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
