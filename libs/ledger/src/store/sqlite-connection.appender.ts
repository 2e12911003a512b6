import { LedgerOperationEntity } from '../entities/ledger-operation.entity.js';
import { LedgerAppender, type SealedGroup } from './ledger.appender.js';
import { FIELD_COLUMNS, fieldValues, RECORD_COLUMNS, SUBJECT_COLUMNS, subjectValues, uniqueOperations, type PendingEntry } from './ledger-columns.js';

/** An in-memory SQLite database, which no other connection can open: groups commit on TypeORM's one connection. */
export class SqliteConnectionLedgerAppender extends LedgerAppender {
  protected async commitGroup({ records, fields, subjects, rollups }: SealedGroup, pending: readonly PendingEntry[]): Promise<void> {
    const operations = uniqueOperations(pending, new Date().toISOString());
    await this.dataSource.transaction(async (manager) => {
      if (operations.length > 0) await manager.createQueryBuilder().insert().into(LedgerOperationEntity).values(operations).orIgnore().execute();
      await this.insertRows(manager, 'ledger_record', RECORD_COLUMNS, this.recordRows(records), 1000);
      await this.insertRows(manager, 'ledger_field', FIELD_COLUMNS, fields.map(fieldValues), 3000);
      await this.insertRows(manager, 'ledger_subject', SUBJECT_COLUMNS, subjects.map(subjectValues), 3000);
      await this.addRollups(manager, rollups);
    });
  }
}
