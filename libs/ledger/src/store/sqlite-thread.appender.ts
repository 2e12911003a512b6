import type { DataSource } from 'typeorm';
import { LedgerAppender, type SealedGroup } from './ledger.appender.js';
import { ROLLUP_TABLES, upsertClause } from './ledger-rollups.js';
import { FIELD_COLUMNS, fieldValues, OPERATION_COLUMNS, operationValues, RECORD_COLUMNS, SUBJECT_COLUMNS, subjectValues, uniqueOperations, type PendingEntry } from './ledger-columns.js';
import { SqliteCommitThread } from './sqlite-commit.thread.js';

/** An SQLite file: groups commit on a thread of their own (sqlite-commit.thread.ts), never on the event loop. */
export class SqliteThreadLedgerAppender extends LedgerAppender {
  private readonly thread: SqliteCommitThread;

  constructor(dataSource: DataSource, levelRanks: ReadonlyMap<string, number>, file: string) {
    super(dataSource, levelRanks);
    this.thread = new SqliteCommitThread({
      file,
      busyTimeoutMs: (dataSource.options as { timeout?: number }).timeout ?? 250,
      operationColumns: OPERATION_COLUMNS,
      recordColumns: RECORD_COLUMNS,
      fieldColumns: FIELD_COLUMNS,
      subjectColumns: SUBJECT_COLUMNS,
      rollups: ROLLUP_TABLES.map((table) => ({ table: table.table, columns: [...table.keys, ...table.counts], tail: upsertClause(table) })),
    });
  }

  protected async commitGroup({ records, fields, subjects, rollups }: SealedGroup, pending: readonly PendingEntry[]): Promise<void> {
    await this.thread.commit({
      operations: uniqueOperations(pending, new Date().toISOString()).map(operationValues),
      records: this.recordRows(records),
      fields: fields.map(fieldValues),
      subjects: subjects.map(subjectValues),
      rollups,
    });
  }

  override async close(): Promise<void> {
    await this.thread.close();
  }
}
