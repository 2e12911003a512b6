import type { QueryRunner } from 'typeorm';
import { PARTITION_FUNCTION } from './1765300000000-monthly-partitions.js';
import { ledgerSchema, partitionsOf } from './ledger-schema.js';

/** A prunable ledger table (records' index rows) built again in a new shape from its old rows. */
export interface TableRebuild {
  table: 'ledger_field' | 'ledger_subject';
  /** The new columns (both databases). */
  columns: string;
  /** The new key; PostgreSQL adds the partition key (started_at). */
  key: string;
  /** The old table's indexes (they go with it). */
  oldIndexes: readonly string[];
  /** The new table's indexes: [name, columns]. */
  indexes: ReadonlyArray<readonly [string, string]>;
  /** INSERT's column list and the SELECT that gives the new rows from the old table `from`. */
  insertColumns: string;
  select: (from: string, postgres: boolean) => string;
  /** Rows the SELECT leaves out on purpose, written by the code instead. */
  rest: (queryRunner: QueryRunner, from: string, into: string) => Promise<void>;
}

/** Builds `spec.table` again, in the same transaction as the migration that calls it: SQLite WITHOUT ROWID, PostgreSQL in the same monthly partitions. */
export async function rebuildLedgerTable(queryRunner: QueryRunner, spec: TableRebuild): Promise<void> {
  if (queryRunner.connection.options.type === 'postgres') await rebuildPostgres(queryRunner, spec);
  else await rebuildSqlite(queryRunner, spec);
}

async function rebuildSqlite(queryRunner: QueryRunner, spec: TableRebuild): Promise<void> {
  const { table } = spec;
  await queryRunner.query(`CREATE TABLE "${table}_next" (${spec.columns}, PRIMARY KEY (${spec.key})) WITHOUT ROWID`);
  await queryRunner.query(`INSERT INTO "${table}_next" (${spec.insertColumns}) ${spec.select(`"${table}"`, false)}`);
  await spec.rest(queryRunner, `"${table}"`, `"${table}_next"`);
  // Dropping the table drops its indexes and triggers with it.
  await queryRunner.query(`DROP TABLE "${table}"`);
  await queryRunner.query(`ALTER TABLE "${table}_next" RENAME TO "${table}"`);
  for (const [name, on] of spec.indexes) await queryRunner.query(`CREATE INDEX "${name}" ON "${table}" (${on})`);
  await queryRunner.query(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, 'the Causeway ledger is append-only: UPDATE on ${table} refused'); END`);
  await queryRunner.query(
    `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} WHEN NOT EXISTS (SELECT 1 FROM ledger_pruned p WHERE p.chain = OLD.chain AND p.seq >= OLD.seq) ` +
      `BEGIN SELECT RAISE(ABORT, 'the Causeway ledger is append-only: DELETE on ${table} refused (no tombstone covers the record)'); END`,
  );
}

async function rebuildPostgres(queryRunner: QueryRunner, spec: TableRebuild): Promise<void> {
  const { table } = spec;
  const { schema, q } = await ledgerSchema(queryRunner, queryRunner.connection.options);
  const partitions = (await partitionsOf(queryRunner, schema, [table])).map((row) => row.name);
  // The old table steps aside with its partitions, key and indexes, so that the new one takes their names.
  const old = `${table}_old`;
  await queryRunner.query(`ALTER TABLE ${q(table)} RENAME TO "${old}"`);
  await queryRunner.query(`ALTER TABLE ${q(old)} RENAME CONSTRAINT "${table}_pk" TO "${old}_pk"`);
  for (const index of spec.oldIndexes) await queryRunner.query(`ALTER INDEX ${q(index)} RENAME TO "${index}_old"`);
  for (const partition of partitions) await queryRunner.query(`ALTER TABLE ${q(partition)} RENAME TO "${partition}_old"`);
  await queryRunner.query(`CREATE TABLE ${q(table)} (${spec.columns}, CONSTRAINT "${table}_pk" PRIMARY KEY (${spec.key}, started_at)) PARTITION BY RANGE (started_at)`);
  // Every month the old table had a partition for (the function makes the ones missing: this table's, now).
  for (const partition of partitions) {
    const month = new RegExp(`^${table}_(\\d{4})_(\\d{2})$`).exec(partition);
    if (month) await queryRunner.query(`SELECT ${q(PARTITION_FUNCTION)}($1)`, [`${month[1]}-${month[2]}`]);
  }
  await queryRunner.query(`INSERT INTO ${q(table)} (${spec.insertColumns}) ${spec.select(q(old), true)}`);
  await spec.rest(queryRunner, q(old), q(table));
  await queryRunner.query(`DROP TABLE ${q(old)}`);
  for (const [name, on] of spec.indexes) await queryRunner.query(`CREATE INDEX "${name}" ON ${q(table)} (${on})`);
  await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE ON ${q(table)} FOR EACH ROW EXECUTE FUNCTION ${q('causeway_ledger_append_only')}()`);
  await queryRunner.query(`CREATE TRIGGER ${table}_prune_only BEFORE DELETE ON ${q(table)} FOR EACH ROW EXECUTE FUNCTION ${q('causeway_ledger_prune_guard')}()`);
  await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${q(table)} FOR EACH STATEMENT EXECUTE FUNCTION ${q('causeway_ledger_append_only')}()`);
}

/** Placeholders of `count` values for the database at hand. */
export function placeholders(queryRunner: QueryRunner, count: number): string {
  const postgres = queryRunner.connection.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
}
