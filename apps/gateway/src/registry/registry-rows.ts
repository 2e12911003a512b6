import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { PersonDefinition, RegistryDefinitions, SystemDefinition } from '#identity';
import type { BureauEntity } from './bureau.entity.js';
import { OidcIssuerEntity } from './oidc-issuer.entity.js';
import { RegistryChangeError, type BureauDefinition } from './registry-change.js';
import { PersonEntity } from './person.entity.js';
import { PurposeEntity } from './purpose.entity.js';
import { RegisteredSystemEntity } from './registered-system.entity.js';

/** Rows of the registry's tables and the definitions they hold, both ways. */
export function rowOf(system: SystemDefinition, updatedAt: string): Omit<RegisteredSystemEntity, never> {
  return {
    id: system.id,
    department: system.department,
    clearance: system.clearance,
    purposes: system.purposes,
    jwks: (system.jwks as RegisteredSystemEntity['jwks']) ?? null,
    jwksUrl: system.jwksUrl ?? null,
    rateLimit: system.rateLimit ?? null,
    operationLimits: system.limits ?? null,
    registeredOperationsOnly: system.registeredOperationsOnly ?? false,
    piiValuesPerDay: system.piiValuesPerDay ?? null,
    lookupMissesPerDay: system.lookupMissesPerDay ?? null,
    updatedAt,
  };
}

export function personRowOf(person: PersonDefinition, updatedAt: string, updatedBy: string): PersonEntity {
  return { id: person.id, name: person.name, roles: [...person.roles], department: person.department ?? null, issuer: person.issuer ?? null, updatedAt, updatedBy };
}

export function personOf(row: PersonEntity): PersonDefinition {
  return { id: row.id, name: row.name, roles: row.roles as PersonDefinition['roles'], department: row.department, ...(row.issuer ? { issuer: row.issuer } : {}) };
}

export function definitionOf(system: RegisteredSystemEntity): SystemDefinition {
  return {
    id: system.id,
    department: system.department,
    clearance: system.clearance,
    purposes: system.purposes,
    ...(system.jwks ? { jwks: system.jwks as { keys: Array<{ kty: string }> } } : {}),
    ...(system.jwksUrl ? { jwksUrl: system.jwksUrl } : {}),
    ...(system.rateLimit !== null ? { rateLimit: system.rateLimit } : {}),
    ...(system.operationLimits ? { limits: system.operationLimits } : {}),
    ...(system.registeredOperationsOnly ? { registeredOperationsOnly: true } : {}),
    ...(system.piiValuesPerDay !== null ? { piiValuesPerDay: system.piiValuesPerDay } : {}),
    ...(system.lookupMissesPerDay !== null ? { lookupMissesPerDay: system.lookupMissesPerDay } : {}),
  };
}

/** The whole registry as `manager` sees it (inside a change's transaction: as the change leaves it). */
export async function readRegistry(manager: EntityManager): Promise<RegistryDefinitions> {
  const [purposes, systems, people, issuers] = await Promise.all([
    manager.getRepository(PurposeEntity).find({ order: { name: 'ASC' } }),
    manager.getRepository(RegisteredSystemEntity).find({ order: { id: 'ASC' } }),
    manager.getRepository(PersonEntity).find({ order: { id: 'ASC' } }),
    manager.getRepository(OidcIssuerEntity).find({ order: { issuer: 'ASC' } }),
  ]);
  return {
    purposes: Object.fromEntries(purposes.map((purpose) => [purpose.name, purpose.description])),
    systems: systems.map(definitionOf),
    people: people.map(personOf),
    issuers: issuers.map((row) => row.definition),
  };
}

export function bureauOf(row: BureauEntity): BureauDefinition {
  return { name: row.name, department: row.department, url: row.url };
}

/** Puts `row` where `where` points; what was there before, as `definition` reads it, or null. */
export async function replaceRow<T extends ObjectLiteral, D>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  row: T,
  definition: (row: T) => D,
): Promise<D | null> {
  const before = await manager.findOneBy(entity, where);
  await manager.delete(entity, where);
  await manager.insert(entity, row);
  return before ? definition(before) : null;
}

/** Removes the row `where` points at and returns what it held; refused (`missing`: message, argument) when there is none. */
export async function removeRow<T extends ObjectLiteral, D>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  definition: (row: T) => D,
  missing: [message: string, argument: string],
): Promise<D> {
  const before = await manager.findOneBy(entity, where);
  if (!before) throw new RegistryChangeError(...missing);
  await manager.delete(entity, where);
  return definition(before);
}
