import { ClassificationScheme, PII_KINDS, type CatalogEntry, type PiiKind, type SharingMode } from '#catalog';
import { pick, seededRandom } from '#demo-data';
import type { DecisionSubject, Grant } from '#policy';

/**
 * A synthetic government of 40 departments (5 systems each), 1,000
 * catalogued fields and a grant table of any size, generated from a fixed
 * seed so every run measures the same policy.
 */
const LEVELS = ['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'];
export const SCHEME = new ClassificationScheme(
  LEVELS.map((name, rank) => ({ name, rank, description: name })),
  'INTERNAL',
  'CONDITIONAL',
);
const DEPARTMENTS = Array.from({ length: 40 }, (_, i) => `dept-${String(i).padStart(2, '0')}`);
const SYSTEMS = DEPARTMENTS.flatMap((d) => Array.from({ length: 5 }, (_, i) => `${d}.system-${i}`));
const PURPOSES = Array.from({ length: 20 }, (_, i) => `purpose-${String(i).padStart(2, '0')}`);
const FIELDS_PER_TYPE = 25;

function typeOf(department: string): string {
  return `Record${department.slice(5)}`;
}

/** One type per department, 25 fields each, with mixed levels, PII kinds and sharing modes. */
export function syntheticCatalog(): Map<string, CatalogEntry> {
  const next = seededRandom(7);
  const entries = new Map<string, CatalogEntry>();
  for (const owner of DEPARTMENTS) {
    for (let i = 0; i < FIELDS_PER_TYPE; i++) {
      const typeName = typeOf(owner);
      const fieldName = `field${i}`;
      const levelRank = Math.floor(next() * LEVELS.length);
      const roll = next();
      const sharing: SharingMode = roll < 0.4 ? 'CONDITIONAL' : roll < 0.8 ? 'UNCONDITIONAL' : 'NONE';
      const pii: PiiKind | null = next() < 0.3 ? pick(next, PII_KINDS) : null;
      entries.set(`${typeName}.${fieldName}`, {
        coordinate: `${typeName}.${fieldName}`,
        typeName,
        fieldName,
        returnType: 'String',
        owner,
        resolvers: [owner],
        key: false,
        level: LEVELS[levelRank]!,
        levelRank,
        levelSource: 'field',
        pii,
        sharing,
        sharingSource: 'field',
        description: null,
      });
    }
  }
  return entries;
}

/**
 * `count` grants. `spread` places them over every (owner, subject) pair;
 * `concentrated` gives them all to the caller's department and system over
 * the four departments the operation reads — the worst case for a
 * partitioned engine, since every grant lands in a partition the decision
 * consults.
 */
export function syntheticGrants(count: number, shape: 'spread' | 'concentrated', now: number): Grant[] {
  const next = seededRandom(shape === 'spread' ? 11 : 13);
  const grants: Grant[] = [];
  for (let i = 0; i < count; i++) {
    const subject = shape === 'spread' ? (next() < 0.5 ? pick(next, DEPARTMENTS) : pick(next, SYSTEMS)) : next() < 0.5 ? CALLER.department : CALLER.system;
    const owner = shape === 'spread' ? pick(next, DEPARTMENTS) : pick(next, OPERATION_OWNERS);
    const roll = next();
    const target =
      roll < 0.5
        ? `${typeOf(owner)}.field${Math.floor(next() * FIELDS_PER_TYPE)}`
        : roll < 0.7
          ? `${typeOf(owner)}.*`
          : roll < 0.85
            ? `pii:${pick(next, PII_KINDS)}`
            : `level:${pick(next, LEVELS)}`;
    const until = next();
    const effect = next() < 0.02 ? 'deny' : 'allow';
    grants.push({
      id: `g-${i}`,
      subject,
      owner,
      target,
      maxLevel: pick(next, LEVELS),
      purpose: next() < 0.2 ? '*' : pick(next, PURPOSES),
      validUntil: until < 0.7 ? null : new Date(until < 0.9 ? now + 86_400_000 : now - 86_400_000).toISOString(),
      effect,
      obligations: effect === 'deny' ? [] : pick(next, [[], ['clear'], ['mask:REDACT']]),
      basis: null,
      dailyLimit: null,
      duties: [],
    });
  }
  return grants;
}

export const CALLER: DecisionSubject = { system: 'dept-00.system-0', department: 'dept-00', clearance: 'SENSITIVE', purpose: 'purpose-01' };

/** The operation reads every field of four departments' types: 100 fields. */
export const OPERATION_OWNERS = ['dept-01', 'dept-02', 'dept-03', 'dept-04'];

export function operationFields(catalog: Map<string, CatalogEntry>): CatalogEntry[] {
  return [...catalog.values()].filter((entry) => OPERATION_OWNERS.includes(entry.owner));
}
