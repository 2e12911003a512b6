import type { EntityManager } from 'typeorm';
import { PARTITION_FUNCTION } from '../migrations/1765300000000-monthly-partitions.js';
import { LedgerAppender, type SealedGroup } from './ledger.appender.js';
import { ROLLUP_TABLES, upsertClause } from './ledger-rollups.js';
import {
  FIELD_COLUMNS,
  FIELD_TYPES,
  fieldValues,
  OPERATION_COLUMNS,
  operationValues,
  RECORD_COLUMNS,
  RECORD_TYPES,
  SUBJECT_COLUMNS,
  SUBJECT_TYPES,
  subjectValues,
  uniqueOperations,
  type PendingEntry,
} from './ledger-columns.js';

/** PostgreSQL: the whole group is one statement (atomic by itself), one round trip. */
export class PostgresLedgerAppender extends LedgerAppender {
  private statement: string | null = null;
  /** Months whose partitions are known to exist. */
  private readonly months = new Set<string>();

  protected async commitGroup({ records, fields, subjects, rollups }: SealedGroup, pending: readonly PendingEntry[]): Promise<void> {
    await this.prepareMonths(null, records);
    this.statement ??= this.groupStatement();
    await this.dataSource.query(this.statement, [
      ...columnsOf(uniqueOperations(pending, new Date().toISOString()).map(operationValues), OPERATION_COLUMNS.length),
      ...columnsOf(this.recordRows(records), RECORD_COLUMNS.length),
      ...columnsOf(fields.map(fieldValues), FIELD_COLUMNS.length),
      ...columnsOf(subjects.map(subjectValues), SUBJECT_COLUMNS.length),
      ...ROLLUP_TABLES.flatMap((table, i) => columnsOf(rollups[i]!, table.keys.length + table.counts.length)),
    ]);
  }

  /**
   * Creates the monthly partitions (1765300000000-monthly-partitions.ts) of
   * the records' months, and of the month after, so that a new month's
   * partitions are usually made before its first exchange rather than at it.
   */
  protected override async prepareMonths(manager: EntityManager | null, records: ReadonlyArray<{ startedAt: string }>): Promise<void> {
    const months = new Set(records.flatMap(({ startedAt }) => [startedAt.slice(0, 7), monthAfter(startedAt.slice(0, 7))]));
    for (const month of months) {
      if (this.months.has(month)) continue;
      await (manager ?? this.dataSource).query(`SELECT ${this.table(PARTITION_FUNCTION)}($1)`, [month]);
      // Inside the caller's transaction the partitions exist once it commits, which it may not.
      if (!manager) this.months.add(month);
    }
  }

  /**
   * One INSERT of a whole group into the four tables, and the group's
   * counts added to the statistics rollups: each table's rows
   * arrive as one array per column (unnest), so the text is the same for
   * every group size. Data-modifying CTEs run in one statement, which
   * PostgreSQL commits or refuses as a whole — a group is never half-stored.
   */
  private groupStatement(): string {
    let n = 0;
    const unnest = (types: readonly string[]) => `SELECT * FROM unnest(${types.map((type) => `$${++n}::${type}[]`).join(', ')})`;
    const columns = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');
    return [
      `WITH operation AS (INSERT INTO ${this.table('ledger_operation')} (${columns(OPERATION_COLUMNS)}) ${unnest(OPERATION_COLUMNS.map(() => 'text'))} ON CONFLICT DO NOTHING),`,
      `record AS (INSERT INTO ${this.table('ledger_record')} (${columns(RECORD_COLUMNS)}) ${unnest(RECORD_TYPES)}),`,
      `field AS (INSERT INTO ${this.table('ledger_field')} (${columns(FIELD_COLUMNS)}) ${unnest(FIELD_TYPES)}),`,
      `subject AS (INSERT INTO ${this.table('ledger_subject')} (${columns(SUBJECT_COLUMNS)}) ${unnest(SUBJECT_TYPES)}),`,
      ROLLUP_TABLES.map(
        (table, i) =>
          `rollup${i} AS (INSERT INTO ${this.table(table.table)} AS t (${columns([...table.keys, ...table.counts])}) ` +
          `${unnest([...table.keys.map(() => 'text'), ...table.counts.map(() => 'int')])} ${upsertClause(table)})`,
      ).join(', '),
      'SELECT 1',
    ].join(' ');
  }
}

/** Rows as one array per column. */
function columnsOf(rows: readonly unknown[][], width: number): unknown[][] {
  const columns: unknown[][] = Array.from({ length: width }, () => []);
  for (const row of rows) for (let i = 0; i < width; i++) columns[i]!.push(row[i]);
  return columns;
}

/** YYYY-MM of the month after. */
function monthAfter(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}
