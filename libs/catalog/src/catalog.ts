import { createHash } from 'node:crypto';
import type { ConstDirectiveNode } from 'graphql';
import type { CatalogEntry, CatalogFilter, CatalogProblem, LabelSource } from './catalog-entry.js';
import type { ClassificationScheme } from './classification-scheme.js';
import { PII_KINDS, SHARING_MODES, type PiiKind, type SharingMode } from './governance.directives.js';
import { derivationsOf, piiArgumentsOf, type FieldDerivation, type PiiLookupArgument } from './pii-relations.js';
import { keyFieldNames, readSupergraph, stringArgument, type SupergraphObjectType } from './supergraph-reader.js';

/** Owner recorded for a field no bureau can be shown to own. */
export const UNKNOWN_OWNER = '(unknown)';

function directive(directives: readonly ConstDirectiveNode[] | undefined, name: string): ConstDirectiveNode | undefined {
  return directives?.find((d) => d.name.value === name);
}

function label(directives: readonly ConstDirectiveNode[] | undefined, name: string, arg: string): string | undefined {
  const node = directive(directives, name);
  return node ? stringArgument(node, arg) : undefined;
}

/**
 * The data catalog (数据目录): every `Type.field` of the supergraph with its
 * owner, classification level, PII kind and sharing mode. Built from the
 * supergraph SDL, so the labels bureaus declare in their schemas are the
 * single source of truth. Policy and ledger code ask this class, nothing else.
 */
export class Catalog {
  private readonly byCoordinate: Map<string, CatalogEntry>;
  private readonly lookups = new Map<string, PiiLookupArgument[]>();
  private readonly keys = new Map<string, string[]>();
  /** Pairs of fields whose masks must agree. */
  readonly derivations: readonly FieldDerivation[];

  private constructor(
    readonly scheme: ClassificationScheme,
    readonly bureaus: ReadonlyArray<{ name: string; url: string }>,
    private readonly all: readonly CatalogEntry[],
    readonly problems: readonly CatalogProblem[],
    /** sha256 of the supergraph SDL this catalog was built from. */
    readonly supergraphHash: string,
  ) {
    this.byCoordinate = new Map(all.map((entry) => [entry.coordinate, entry]));
    this.derivations = derivationsOf(all, scheme);
    for (const entry of all) if (entry.key) this.keys.set(entry.typeName, [...(this.keys.get(entry.typeName) ?? []), entry.fieldName]);
  }

  /**
   * The key fields of an entity type (its origin's key): what identifies
   * the subject its data is about, a person by ID number, an enterprise by
   * its unified social credit code. Empty for types that are not entities.
   */
  keyFields(typeName: string): readonly string[] {
    return this.keys.get(typeName) ?? [];
  }

  /** The PII arguments of a field (`Type.field`); empty for most. */
  piiLookups(coordinate: string): readonly PiiLookupArgument[] {
    return this.lookups.get(coordinate) ?? [];
  }

  /**
   * @param entityOwners declared origin bureau of entities (policies/ownership.yaml);
   *   required where several bureaus define an entity without `extend`.
   */
  static fromSupergraph(sdl: string, scheme: ClassificationScheme, entityOwners: EntityOwners = {}): Catalog {
    const model = readSupergraph(sdl);
    const problems: CatalogProblem[] = [];
    // Fields are decided on object types; an interface's own fields only
    // where no object type implements it (its coordinates are then the
    // interface's, see selectedFields).
    const implemented = new Set(model.objectTypes.flatMap((type) => type.interfaces));
    const decidable = [...model.objectTypes, ...model.interfaceTypes.filter((type) => !implemented.has(type.name))];
    const entries = decidable.flatMap((type) => entriesOf(type, scheme, entityOwners, problems));
    entries.sort((a, b) => a.coordinate.localeCompare(b.coordinate));
    const hash = createHash('sha256').update(sdl).digest('hex');
    const catalog = new Catalog(
      scheme,
      model.graphs.map(({ name, url }) => ({ name, url })),
      entries,
      problems,
      hash,
    );
    for (const type of decidable) {
      for (const field of type.fields) {
        const lookups = piiArgumentsOf((coordinate) => catalog.get(coordinate), field.returnType, field.arguments);
        if (lookups.length > 0) catalog.lookups.set(`${type.name}.${field.name}`, lookups);
      }
    }
    return catalog;
  }

  get size(): number {
    return this.all.length;
  }

  get(coordinate: string): CatalogEntry | undefined {
    return this.byCoordinate.get(coordinate);
  }

  /** `lookup` by a `Type.field` coordinate. */
  lookupCoordinate(coordinate: string): CatalogEntry {
    const dot = coordinate.indexOf('.');
    return this.lookup(coordinate.slice(0, dot), coordinate.slice(dot + 1));
  }

  /**
   * The entry for a field, or — for a field the catalog does not know — a
   * fail-closed stand-in: highest level, never shared, no owner.
   */
  lookup(typeName: string, fieldName: string): CatalogEntry {
    const coordinate = `${typeName}.${fieldName}`;
    return (
      this.byCoordinate.get(coordinate) ?? {
        coordinate,
        typeName,
        fieldName,
        returnType: 'unknown',
        owner: UNKNOWN_OWNER,
        resolvers: [],
        key: false,
        level: this.scheme.highest.name,
        levelRank: this.scheme.highest.rank,
        levelSource: 'default',
        pii: null,
        sharing: 'NONE',
        sharingSource: 'default',
        description: null,
      }
    );
  }

  entries(filter: CatalogFilter = {}): CatalogEntry[] {
    const text = filter.text?.toLowerCase();
    return this.all.filter(
      (entry) =>
        (!filter.owner || entry.owner === filter.owner) &&
        (!filter.level || entry.level === filter.level) &&
        (!filter.pii || entry.pii === filter.pii) &&
        (!filter.sharing || entry.sharing === filter.sharing) &&
        (!text || entry.coordinate.toLowerCase().includes(text) || (entry.description ?? '').toLowerCase().includes(text)),
    );
  }

  owners(): string[] {
    return [...new Set(this.all.map((entry) => entry.owner))].sort();
  }
}

/** Declared origin bureau per entity type name. */
export type EntityOwners = Readonly<Record<string, string>>;

const SHARING_STRICTNESS: Record<SharingMode, number> = { UNCONDITIONAL: 0, CONDITIONAL: 1, NONE: 2 };

function stricterSharing(a: SharingMode, b: SharingMode): SharingMode {
  return SHARING_STRICTNESS[a] >= SHARING_STRICTNESS[b] ? a : b;
}

/**
 * The bureau an entity or type originates from: as declared, else the one
 * bureau defining it without `extend`, else the only bureau that has it.
 * Anything else is ambiguous: nobody owns it (fail closed) until declared.
 */
function originOf(type: SupergraphObjectType, owners: EntityOwners, problems: CatalogProblem[]): string {
  const graphs = type.joinTypes.map((jt) => jt.graph).sort();
  const declared = owners[type.name];
  if (declared) {
    if (graphs.includes(declared)) return declared;
    problems.push({ coordinate: type.name, message: `declared owner ${declared} does not define this type; nobody owns it` });
    return UNKNOWN_OWNER;
  }
  if (graphs.length === 1) return graphs[0]!;
  const origins = type.joinTypes.filter((jt) => !jt.extension).map((jt) => jt.graph);
  if (origins.length === 1) return origins[0]!;
  // Root and value types shared by bureaus have no origin; their fields are
  // owned by whoever resolves them. Only an entity needs one.
  if (!type.joinTypes.some((jt) => jt.keys.length > 0)) return UNKNOWN_OWNER;
  problems.push({
    coordinate: type.name,
    message: `defined by several bureaus (${graphs.join(', ')}) and no single origin; declare its owner in policies/ownership.yaml`,
  });
  return UNKNOWN_OWNER;
}

/** The labels a type gives its unlabelled fields, and whether several bureaus share the type. */
interface TypeContext {
  type: SupergraphObjectType;
  origin: string;
  keyFields: Set<string>;
  typeLevel: string | undefined;
  typeSharing: SharingMode | undefined;
  // Composition merges every bureau's type-level labels onto one supergraph
  // type without saying who wrote them. On a type one bureau defines, its
  // label is that bureau's; on a type several bureaus share, it can only
  // make unlabelled fields stricter than the default, never laxer.
  sharedType: boolean;
}

function entriesOf(type: SupergraphObjectType, scheme: ClassificationScheme, owners: EntityOwners, problems: CatalogProblem[]): CatalogEntry[] {
  const origin = originOf(type, owners, problems);
  const originJoin = type.joinTypes.find((jt) => jt.graph === origin);
  const context: TypeContext = {
    type,
    origin,
    keyFields: new Set((originJoin?.keys ?? []).flatMap(keyFieldNames)),
    typeLevel: label(type.node.directives, 'classification', 'level'),
    typeSharing: readSharing(directive(type.node.directives, 'sharing')),
    sharedType: type.joinTypes.length > 1,
  };
  return type.fields.map((field) => entryOf(context, field, scheme, problems));
}

function entryOf(context: TypeContext, field: SupergraphObjectType['fields'][number], scheme: ClassificationScheme, problems: CatalogProblem[]): CatalogEntry {
  const { type } = context;
  const coordinate = `${type.name}.${field.name}`;
  const joined = field.joinFields.filter((jf) => !jf.external && !jf.usedOverridden).map((jf) => jf.graph);
  const resolvers = [...new Set(joined.length > 0 ? joined : type.joinTypes.map((jt) => jt.graph))].sort();
  const isKey = context.keyFields.has(field.name);
  const { level, levelSource } = levelOf(context, field, scheme, coordinate, problems);
  const { sharing, sharingSource } = sharingOf(context, field, scheme);
  return {
    coordinate,
    typeName: type.name,
    fieldName: field.name,
    returnType: field.returnType,
    owner: ownerOf(context, isKey, resolvers, coordinate, problems),
    resolvers,
    key: isKey,
    level,
    levelRank: scheme.rank(level),
    levelSource,
    pii: piiOf(field, coordinate, problems),
    sharing,
    sharingSource,
    description: field.description,
  };
}

/** An entity's key fields belong to its origin; other fields to the one bureau resolving them, or the origin among several. */
function ownerOf(context: TypeContext, isKey: boolean, resolvers: string[], coordinate: string, problems: CatalogProblem[]): string {
  if (isKey) return context.origin;
  if (resolvers.length === 1) return resolvers[0]!;
  if (resolvers.includes(context.origin)) return context.origin;
  problems.push({
    coordinate,
    message: resolvers.length ? `resolved by several bureaus (${resolvers.join(', ')}) and none is the type's origin; nobody owns it` : 'no bureau resolves this field',
  });
  return UNKNOWN_OWNER;
}

function levelOf(
  context: TypeContext,
  field: SupergraphObjectType['fields'][number],
  scheme: ClassificationScheme,
  coordinate: string,
  problems: CatalogProblem[],
): { level: string; levelSource: LabelSource } {
  const fieldLevel = directive(field.directives, 'classification');
  let result: { level: string; levelSource: LabelSource };
  if (fieldLevel) result = { level: stringArgument(fieldLevel, 'level') ?? scheme.highest.name, levelSource: 'field' };
  else if (context.typeLevel && (!context.sharedType || scheme.rank(context.typeLevel) > scheme.rank(scheme.defaultLevel))) result = { level: context.typeLevel, levelSource: 'type' };
  else result = { level: scheme.defaultLevel, levelSource: 'default' };
  if (!scheme.has(result.level)) problems.push({ coordinate, message: `unknown classification level "${result.level}"; treated as above ${scheme.highest.name}` });
  return result;
}

function sharingOf(context: TypeContext, field: SupergraphObjectType['fields'][number], scheme: ClassificationScheme): { sharing: SharingMode; sharingSource: LabelSource } {
  const fieldSharing = readSharing(directive(field.directives, 'sharing'));
  const { typeSharing } = context;
  const inheritedSharing = typeSharing && (!context.sharedType || stricterSharing(typeSharing, scheme.defaultSharing) === typeSharing) ? typeSharing : undefined;
  return { sharing: fieldSharing ?? inheritedSharing ?? scheme.defaultSharing, sharingSource: fieldSharing ? 'field' : inheritedSharing ? 'type' : 'default' };
}

function piiOf(field: SupergraphObjectType['fields'][number], coordinate: string, problems: CatalogProblem[]): PiiKind | null {
  const piiValue = label(field.directives, 'pii', 'kind');
  if (piiValue === undefined) return null;
  if ((PII_KINDS as readonly string[]).includes(piiValue)) return piiValue as PiiKind;
  problems.push({ coordinate, message: `unknown PII kind "${piiValue}"; treated as OTHER` });
  return 'OTHER';
}

function readSharing(node: ConstDirectiveNode | undefined): SharingMode | undefined {
  if (!node) return undefined;
  const mode = stringArgument(node, 'mode');
  // An unreadable mode is treated as the strictest one.
  return mode && (SHARING_MODES as readonly string[]).includes(mode) ? (mode as SharingMode) : 'NONE';
}
