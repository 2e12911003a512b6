import { createHash } from 'node:crypto';
import type { ConstDirectiveNode } from 'graphql';
import type { CatalogEntry, CatalogFilter, CatalogProblem, LabelSource } from './catalog-entry.js';
import type { ClassificationScheme } from './classification-scheme.js';
import { PII_KINDS, SHARING_MODES, type PiiKind, type SharingMode } from './governance.directives.js';
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

  private constructor(
    readonly scheme: ClassificationScheme,
    readonly bureaus: ReadonlyArray<{ name: string; url: string }>,
    private readonly all: readonly CatalogEntry[],
    readonly problems: readonly CatalogProblem[],
    /** sha256 of the supergraph SDL this catalog was built from. */
    readonly supergraphHash: string,
  ) {
    this.byCoordinate = new Map(all.map((entry) => [entry.coordinate, entry]));
  }

  static fromSupergraph(sdl: string, scheme: ClassificationScheme): Catalog {
    const model = readSupergraph(sdl);
    const problems: CatalogProblem[] = [];
    const entries = model.objectTypes.flatMap((type) => entriesOf(type, scheme, problems));
    entries.sort((a, b) => a.coordinate.localeCompare(b.coordinate));
    const hash = createHash('sha256').update(sdl).digest('hex');
    return new Catalog(
      scheme,
      model.graphs.map(({ name, url }) => ({ name, url })),
      entries,
      problems,
      hash,
    );
  }

  get size(): number {
    return this.all.length;
  }

  get(coordinate: string): CatalogEntry | undefined {
    return this.byCoordinate.get(coordinate);
  }

  /**
   * The entry for a field, or — for a field the catalog does not know — a
   * fail-closed stand-in: highest level, conditional sharing, no owner.
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
        sharing: 'CONDITIONAL',
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
        (!text ||
          entry.coordinate.toLowerCase().includes(text) ||
          (entry.description ?? '').toLowerCase().includes(text)),
    );
  }

  owners(): string[] {
    return [...new Set(this.all.map((entry) => entry.owner))].sort();
  }
}

function originOf(type: SupergraphObjectType, problems: CatalogProblem[]): string | undefined {
  const origins = type.joinTypes.filter((jt) => !jt.extension).map((jt) => jt.graph).sort();
  if (origins.length === 1) return origins[0];
  const candidates = origins.length > 0 ? origins : type.joinTypes.map((jt) => jt.graph).sort();
  if (candidates.length === 1) return candidates[0];
  if (candidates.length > 1 && type.joinTypes.some((jt) => jt.keys.length > 0)) {
    problems.push({
      coordinate: type.name,
      message: `entity is defined (not extended) by several bureaus (${candidates.join(', ')}); key fields are attributed to ${candidates[0]}`,
    });
  }
  return candidates[0];
}

function entriesOf(type: SupergraphObjectType, scheme: ClassificationScheme, problems: CatalogProblem[]): CatalogEntry[] {
  const origin = originOf(type, problems);
  const originJoin = type.joinTypes.find((jt) => jt.graph === origin);
  const keyFields = new Set((originJoin?.keys ?? []).flatMap(keyFieldNames));
  const typeLevel = label(type.node.directives, 'classification', 'level');
  const typeSharing = readSharing(directive(type.node.directives, 'sharing'));

  return type.fields.map((field) => {
    const coordinate = `${type.name}.${field.name}`;
    const joined = field.joinFields.filter((jf) => !jf.external && !jf.usedOverridden).map((jf) => jf.graph);
    const resolvers = [...new Set(joined.length > 0 ? joined : type.joinTypes.map((jt) => jt.graph))].sort();
    const isKey = keyFields.has(field.name);

    let owner: string;
    if (isKey && origin) owner = origin;
    else if (resolvers.length === 1) owner = resolvers[0]!;
    else if (origin && resolvers.includes(origin)) owner = origin;
    else if (resolvers.length > 0) {
      owner = resolvers[0]!;
      problems.push({ coordinate, message: `resolved by several bureaus (${resolvers.join(', ')}); attributed to ${owner}` });
    } else {
      owner = UNKNOWN_OWNER;
      problems.push({ coordinate, message: 'no bureau resolves this field' });
    }

    // Composition merges every bureau's type-level labels onto one supergraph
    // type, so a type label is only trusted for fields of the type's origin:
    // a bureau extending Person must label its own fields (or get the default).
    const inheritsTypeLabels = owner === origin;
    const fieldLevel = directive(field.directives, 'classification');
    let level: string;
    let levelSource: LabelSource;
    if (fieldLevel) {
      level = stringArgument(fieldLevel, 'level') ?? scheme.highest.name;
      levelSource = 'field';
    } else if (typeLevel && inheritsTypeLabels) {
      level = typeLevel;
      levelSource = 'type';
    } else {
      level = scheme.defaultLevel;
      levelSource = 'default';
    }
    if (!scheme.has(level)) {
      problems.push({
        coordinate,
        message: `unknown classification level "${level}"; treated as above ${scheme.highest.name}`,
      });
    }

    const fieldSharing = readSharing(directive(field.directives, 'sharing'));
    const inheritedSharing = inheritsTypeLabels ? typeSharing : undefined;
    const sharing = fieldSharing ?? inheritedSharing ?? scheme.defaultSharing;
    const sharingSource: LabelSource = fieldSharing ? 'field' : inheritedSharing ? 'type' : 'default';

    const piiValue = label(field.directives, 'pii', 'kind');
    let pii: PiiKind | null = null;
    if (piiValue !== undefined) {
      if ((PII_KINDS as readonly string[]).includes(piiValue)) pii = piiValue as PiiKind;
      else {
        pii = 'OTHER';
        problems.push({ coordinate, message: `unknown PII kind "${piiValue}"; treated as OTHER` });
      }
    }

    return {
      coordinate,
      typeName: type.name,
      fieldName: field.name,
      returnType: field.returnType,
      owner,
      resolvers,
      key: isKey,
      level,
      levelRank: scheme.rank(level),
      levelSource,
      pii,
      sharing,
      sharingSource,
      description: field.description,
    };
  });
}

function readSharing(node: ConstDirectiveNode | undefined): SharingMode | undefined {
  if (!node) return undefined;
  const mode = stringArgument(node, 'mode');
  // An unreadable mode is treated as the strictest one.
  return mode && (SHARING_MODES as readonly string[]).includes(mode) ? (mode as SharingMode) : 'NONE';
}
