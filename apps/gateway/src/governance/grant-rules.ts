import type { Catalog, CatalogEntry } from '#catalog';
import { departmentOf, type Person, type SystemRegistry } from '#identity';
import { entryTags, grantSchema, parseGrant, targetCovers, type Grant } from '#policy';

/** The latest end a grant may be given: any renewal of it still has an ISO 8601 end. */
const LATEST_END = Date.parse('9000-01-01T00:00:00Z');

/** A grant an officer submitted that cannot be saved; `argument` names the offending input. */
export class GrantValidationError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

/** Whether `entry` is covered by a grant target (the engine's own matcher). */
export function targetMatches(target: string, entry: CatalogEntry): boolean {
  return targetCovers(target, entry.coordinate, entryTags(entry));
}

/**
 * Checks a grant before anything is saved: its shape (no free text where a
 * pattern goes), a known level cap, a target that covers at least one field
 * the owner owns, a registered subject (system, or department with systems)
 * and purpose, and a valid-until in the future.
 */
export function validateGrant(input: unknown, context: { catalog: Catalog; registry: SystemRegistry; levels: readonly string[]; now?: number }): Grant {
  const shape = grantSchema.safeParse(input);
  if (!shape.success) {
    const issue = shape.error.issues[0]!;
    throw new GrantValidationError(`input.${issue.path.join('.')}`, `${issue.path.join('.')}: ${issue.message}`);
  }
  let grant: Grant;
  try {
    grant = parseGrant(shape.data, context.levels);
  } catch (error) {
    const message = (error as Error).message;
    throw new GrantValidationError(message.includes('level') ? 'input.maxLevel' : message.includes('conditions') ? 'input.dailyLimit' : 'input.obligations', message);
  }
  const owners = context.catalog.owners();
  if (!owners.includes(grant.owner)) throw new GrantValidationError('input.owner', `owner: no data of "${grant.owner}" in the catalog (owners: ${owners.join(', ')})`);
  if (!context.catalog.entries({ owner: grant.owner }).some((entry) => targetMatches(grant.target, entry))) {
    throw new GrantValidationError('input.target', `target: "${grant.target}" covers no field that ${grant.owner} owns`);
  }
  const systems = context.registry.ids();
  const departments = new Set(systems.map(departmentOf));
  if (!systems.includes(grant.subject) && !departments.has(grant.subject)) {
    throw new GrantValidationError('input.subject', `subject: "${grant.subject}" is neither a registered system nor a department with one`);
  }
  if (grant.purpose !== '*' && !context.registry.purposes.has(grant.purpose)) {
    throw new GrantValidationError('input.purpose', `purpose: "${grant.purpose}" is not a registered purpose`);
  }
  if (grant.validUntil !== null && Date.parse(grant.validUntil) <= (context.now ?? Date.now())) {
    throw new GrantValidationError('input.validUntil', 'validUntil: must be in the future (revoke a grant to end it now)');
  }
  // An end past 9999 has no ISO 8601 form a renewal could move it to (`9999-12-31T23:59:59-14:00` is in the year 10000).
  if (grant.validUntil !== null && Date.parse(grant.validUntil) >= LATEST_END) {
    throw new GrantValidationError('input.validUntil', 'validUntil: must be before 9000-01-01T00:00:00Z (for a grant without end, give none)');
  }
  const dead = deadFields(grant, context);
  if (dead.length > 0 && dead.length === coveredFields(grant, context.catalog).length) {
    throw new GrantValidationError('input.target', `target: the grant can never allow anything: ${summarise(dead)}`);
  }
  return grant;
}

/** Why an allow grant can never serve a field it covers: never shared, above its own level cap, or above every subject system's clearance. */
export type DeadReason = 'NOT_SHARED' | 'ABOVE_MAX_LEVEL' | 'ABOVE_CLEARANCE';

function coveredFields(grant: Grant, catalog: Catalog): CatalogEntry[] {
  return catalog.entries({ owner: grant.owner }).filter((entry) => targetMatches(grant.target, entry));
}

/**
 * The fields an allow grant covers that it can never serve (a deny grant
 * always does its work). The owner's own systems need no grant, so a grant
 * to the owner is judged like any other.
 */
export function deadFields(grant: Grant, context: { catalog: Catalog; registry: SystemRegistry; levels: readonly string[] }): Array<{ coordinate: string; reason: DeadReason }> {
  if (grant.effect !== 'allow') return [];
  const rank = (level: string) => context.levels.indexOf(level);
  const clearances = context.registry
    .ids()
    .filter((id) => id === grant.subject || departmentOf(id) === grant.subject)
    .map((id) => rank(context.registry.get(id)!.clearance));
  const clearance = Math.max(-1, ...clearances);
  return coveredFields(grant, context.catalog).flatMap((entry) => {
    const reason: DeadReason | null =
      entry.sharing === 'NONE' ? 'NOT_SHARED' : entry.levelRank > rank(grant.maxLevel) ? 'ABOVE_MAX_LEVEL' : entry.levelRank > clearance ? 'ABOVE_CLEARANCE' : null;
    return reason ? [{ coordinate: entry.coordinate, reason }] : [];
  });
}

const DEAD_REASONS: Record<DeadReason, string> = {
  NOT_SHARED: 'never shared (sharing NONE)',
  ABOVE_MAX_LEVEL: "above the grant's maxLevel",
  ABOVE_CLEARANCE: "above the subject's clearance",
};

/** `Person.chronicConditions (never shared (sharing NONE)), …`, at most five named. */
export function summarise(dead: ReadonlyArray<{ coordinate: string; reason: DeadReason }>): string {
  const named = dead.slice(0, 5).map(({ coordinate, reason }) => `${coordinate} (${DEAD_REASONS[reason]})`);
  return dead.length > 5 ? `${named.join(', ')} and ${dead.length - 5} more` : named.join(', ');
}

/** An officer manages grants over their own department's data; an administrator over anyone's. */
export function mayManage(person: Person, owner: string): boolean {
  return person.roles.includes('administrator') || (person.roles.includes('officer') && person.department === owner);
}

/** An officer sees the grants that concern their department, as owner or as consumer; administrators and auditors see all. */
export function mayView(person: Person, grant: Grant): boolean {
  if (person.roles.includes('administrator') || person.roles.includes('auditor')) return true;
  return person.department !== null && (grant.owner === person.department || departmentOf(grant.subject) === person.department);
}
