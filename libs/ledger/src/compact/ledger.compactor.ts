import type { DataSource } from 'typeorm';
import { PARTITIONED_TABLES } from '../migrations/1765300000000-monthly-partitions.js';
import { ledgerSchema, partitionsOf } from '../migrations/ledger-schema.js';

/** What compacting one month's partition did. */
export interface CompactedPartition {
  table: (typeof PARTITIONED_TABLES)[number];
  /** YYYY-MM. */
  month: string;
  bytesBefore: number;
  bytesAfter: number;
}

/** The mark a compacted partition carries (its table comment), with when. */
const MARK = 'causeway ledger compact: compacted at ';

/**
 * Compacts the ledger's partitions of months that have ended (PostgreSQL).
 *
 * A month's partitions are written in time order, but most of their indexes
 * lead with a column of few values (purpose, system, owner, level…) and are
 * filled in the middle, one insertion point per value. A B-tree page split
 * there leaves both halves half full, and later keys only ever go to the
 * right half: those indexes end a month at half to two thirds full (at a
 * million records, compacting took the ledger from 2,990 to 2,521 bytes a
 * record: bench/README.md). Once a
 * month has ended nothing more is written to it (a record's partition is the
 * month its exchange started in), so it is compacted once:
 *   - VACUUM (FREEZE, ANALYZE): its rows marked visible and frozen (no
 *     anti-wraparound vacuum of a large, old month later; index-only scans
 *     for the statistics) and its planner statistics taken;
 *   - REINDEX TABLE CONCURRENTLY: its indexes built again, full (fillfactor
 *     100: no room kept for inserts that will not come), while auditors go
 *     on reading it (neither blocks reads or writes).
 * Neither runs in a transaction, and both need the tables' owner: the
 * migration job's role, never the gateway's runtime role (as for pruning).
 *
 * A compacted partition is marked by its table comment and skipped later,
 * unless its month is asked for again. SQLite (the embedded default, for
 * small deployments) has no partitions: an empty list.
 */
export async function compactClosedMonths(dataSource: DataSource, now: number, only?: string): Promise<CompactedPartition[]> {
  if (dataSource.options.type !== 'postgres') return [];
  const current = new Date(now).toISOString().slice(0, 7);
  if (only !== undefined && !(/^\d{4}-(0[1-9]|1[0-2])$/.test(only) && only < current)) {
    throw new RangeError(`${only} is not a month that has ended (YYYY-MM, before ${current})`);
  }
  const { schema, q } = await ledgerSchema(dataSource, dataSource.options);
  const partitions = await partitionsOf(dataSource, schema, PARTITIONED_TABLES);
  const compacted: CompactedPartition[] = [];
  for (const { parent, name, comment } of partitions) {
    // Partitions are named <table>_YYYY_MM by causeway_ledger_partition(); anything else is not ours to touch.
    const found = new RegExp(`^${parent}_(\\d{4})_(\\d{2})$`).exec(name);
    if (!found) continue;
    const month = `${found[1]}-${found[2]}`;
    if (only !== undefined ? month !== only : month >= current || comment?.startsWith(MARK)) continue;
    const bytesBefore = await bytesOf(dataSource, q(name));
    await dataSource.query(`VACUUM (FREEZE, ANALYZE) ${q(name)}`);
    // Nothing more is written to the month: its indexes are built full (B-tree indexes keep a tenth free by default, for inserts to come).
    const indexes = (await dataSource.query(`SELECT c.relname AS index FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = $1::regclass`, [q(name)])) as Array<{
      index: string;
    }>;
    for (const { index } of indexes) await dataSource.query(`ALTER INDEX ${q(index)} SET (fillfactor = 100)`);
    await dataSource.query(`REINDEX TABLE CONCURRENTLY ${q(name)}`);
    await dataSource.query(`COMMENT ON TABLE ${q(name)} IS '${MARK}${new Date(now).toISOString()}'`);
    compacted.push({ table: parent as CompactedPartition['table'], month, bytesBefore, bytesAfter: await bytesOf(dataSource, q(name)) });
  }
  return compacted;
}

async function bytesOf(dataSource: DataSource, table: string): Promise<number> {
  const [{ bytes }] = (await dataSource.query('SELECT pg_total_relation_size($1::regclass)::bigint AS bytes', [table])) as Array<{ bytes: string }>;
  return Number(bytes);
}
