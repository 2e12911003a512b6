import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import type { DatabaseFeature } from './data-source-options.js';

/** The PostgreSQL role the gateway runs as, and (optionally) its password, which creates the role when it is missing. */
export interface RuntimeRole {
  name: string;
  passwordFile?: string;
}

/** What the runtime role may do on one table. */
export interface TableGrant {
  table: string;
  privileges: 'SELECT' | 'SELECT, INSERT' | 'SELECT, INSERT, UPDATE, DELETE';
}

/**
 * The runtime role's privileges, derived from the features: append-only
 * tables (the ledger's) get SELECT and INSERT only, so a gateway, or
 * whoever holds its credentials, can neither change nor remove what was
 * recorded, nor drop the triggers that guard it (only the owner can); every
 * other table gets the four data privileges; the migrations table is read
 * only, for the start-up check that the schema is current.
 */
export function runtimeGrants(dataSource: DataSource, features: readonly DatabaseFeature[]): TableGrant[] {
  const appendOnly = new Set(features.flatMap((feature) => feature.appendOnly ?? []));
  const grants: TableGrant[] = features.flatMap((feature) =>
    feature.entities.map((entity) => ({
      table: dataSource.getMetadata(entity).tableName,
      privileges: appendOnly.has(entity) ? ('SELECT, INSERT' as const) : ('SELECT, INSERT, UPDATE, DELETE' as const),
    })),
  );
  return [...grants, { table: dataSource.options.migrationsTableName ?? 'migrations', privileges: 'SELECT' }];
}

/**
 * Run by the owner role after the migrations: creates the runtime role when
 * it is missing (a password is then required) or sets its password, and
 * grants it exactly `runtimeGrants` in the schema, after revoking whatever
 * it held there, so running it again converges on the same privileges.
 * Names and the password are quoted by PostgreSQL's own format() (%I, %L).
 */
export async function grantRuntimeRole(dataSource: DataSource, schema: string, role: RuntimeRole, features: readonly DatabaseFeature[]): Promise<TableGrant[]> {
  const password = role.passwordFile ? readFileSync(role.passwordFile, 'utf8').trim() : undefined;
  const exists = (await dataSource.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name])).length > 0;
  if (!exists && !password) throw new Error(`the role ${role.name} does not exist; give its password file to create it`);
  const grants = runtimeGrants(dataSource, features);
  await dataSource.transaction(async (manager) => {
    const run = async (template: string, ...args: string[]) => {
      const [{ sql }] = (await manager.query(`SELECT format(${template}, ${args.map((_, i) => `$${i + 1}::text`).join(', ')}) AS sql`, args)) as Array<{ sql: string }>;
      await manager.query(sql!);
    };
    if (password !== undefined) await run(exists ? `'ALTER ROLE %I LOGIN PASSWORD %L'` : `'CREATE ROLE %I LOGIN PASSWORD %L'`, role.name, password);
    await run(`'REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I'`, schema, role.name);
    await run(`'GRANT USAGE ON SCHEMA %I TO %I'`, schema, role.name);
    for (const grant of grants) await run(`'GRANT ${grant.privileges} ON %I.%I TO %I'`, schema, grant.table, role.name);
  });
  return grants;
}
