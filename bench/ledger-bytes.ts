/**
 * Where a ledger's bytes are, for the ledger-scale benchmark: the record rows
 * (each record itself: its columns and compressed content), their indexes,
 * the field rows and the data-subject rows with their indexes, and the rest
 * (checkpoints, rollups, operations; on SQLite also free pages). Monthly
 * partitions count toward their table.
 */
import type { DataSource } from 'typeorm';

export interface LedgerBytes {
  recordRows: number;
  recordIndexes: number;
  fieldRows: number;
  subjectRows: number;
  rest: number;
}

const TABLES = { ledger_record: 'record', ledger_field: 'fieldRows', ledger_subject: 'subjectRows' } as const;

/** Sizes by table on PostgreSQL: heap with TOAST, and indexes, of each table (a partition as its parent) of `schema`. */
async function postgresSizes(source: DataSource, schema: string): Promise<Array<{ table: string; rows: number; indexes: number }>> {
  const rows = (await source.query(
    `SELECT c.relname AS name, pg_table_size(c.oid)::bigint AS rows, pg_indexes_size(c.oid)::bigint AS indexes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [schema],
  )) as Array<{ name: string; rows: string; indexes: string }>;
  return rows.map((row) => ({ table: row.name.replace(/_\d{4}_\d{2}$/, ''), rows: Number(row.rows), indexes: Number(row.indexes) }));
}

/** Sizes by table on SQLite, from its page statistics (dbstat): a table's own pages, and its indexes'. */
async function sqliteSizes(source: DataSource): Promise<Array<{ table: string; rows: number; indexes: number }>> {
  const rows = (await source.query(
    `SELECT m.tbl_name AS tbl, m.type AS type, SUM(s.pgsize) AS bytes FROM dbstat s JOIN sqlite_schema m ON m.name = s.name GROUP BY m.tbl_name, m.type`,
  )) as Array<{ tbl: string; type: string; bytes: number }>;
  return rows.map((row) => ({ table: row.tbl, rows: row.type === 'table' ? Number(row.bytes) : 0, indexes: row.type === 'index' ? Number(row.bytes) : 0 }));
}

/** `total`: the bytes the benchmark reports for the whole ledger (the database file, or every relation of the schema). */
export async function ledgerBytes(source: DataSource, schema: string | undefined, total: number): Promise<LedgerBytes> {
  const sizes = schema ? await postgresSizes(source, schema) : await sqliteSizes(source);
  const bytes: LedgerBytes = { recordRows: 0, recordIndexes: 0, fieldRows: 0, subjectRows: 0, rest: 0 };
  for (const { table, rows, indexes } of sizes) {
    const role = TABLES[table as keyof typeof TABLES];
    if (role === 'record') {
      bytes.recordRows += rows;
      bytes.recordIndexes += indexes;
    } else if (role) bytes[role] += rows + indexes;
  }
  bytes.rest = total - bytes.recordRows - bytes.recordIndexes - bytes.fieldRows - bytes.subjectRows;
  return bytes;
}
