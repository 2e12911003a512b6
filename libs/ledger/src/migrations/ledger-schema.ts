/** Where SQL runs: a data source or a migration's query runner. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * PostgreSQL: the schema the ledger's tables are in (the configured one,
 * else the connection's current schema), and a name in it, quoted.
 */
export async function ledgerSchema(on: Queryable, options: object): Promise<{ schema: string; q: (name: string) => string }> {
  const [{ schema }] = (await on.query('SELECT COALESCE($1::text, current_schema()) AS schema', [(options as { schema?: string }).schema ?? null])) as Array<{ schema: string }>;
  return { schema, q: (name) => `"${schema.replaceAll('"', '""')}"."${name}"` };
}

/** PostgreSQL: the partitions of the tables `parents` in `schema`, ordered by name, each with its table comment. */
export async function partitionsOf(on: Queryable, schema: string, parents: readonly string[]): Promise<Array<{ parent: string; name: string; comment: string | null }>> {
  return (await on.query(
    `SELECT p.relname AS parent, c.relname AS name, obj_description(c.oid, 'pg_class') AS comment
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace
      WHERE n.nspname = $1 AND p.relname = ANY($2) ORDER BY c.relname`,
    [schema, [...parents]],
  )) as Array<{ parent: string; name: string; comment: string | null }>;
}
