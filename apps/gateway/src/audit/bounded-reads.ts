import { LedgerReader } from '#ledger';
import { AdminError, AdminErrorCode } from '../admin/admin.error.js';

/** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout. */
const QUERY_CANCELED = '57014';

/**
 * Runs a person's read of the ledger so that it cannot hold the database
 * indefinitely: on PostgreSQL inside a read-only transaction with a
 * `statement_timeout` (a search past it is refused as QUERY_TOO_COSTLY,
 * asking for a narrower filter). On the embedded SQLite database reads run
 * as they are; its statements cannot be interrupted from here.
 */
export async function boundedRead<T>(reader: LedgerReader, timeoutMs: number, read: (reader: LedgerReader) => Promise<T>): Promise<T> {
  const dataSource = reader.dataSource;
  if (dataSource.options.type !== 'postgres') return read(reader);
  try {
    return await dataSource.transaction(async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      // A whole number of milliseconds, from validated configuration: no value of a person's reaches this statement.
      await manager.query(`SET LOCAL statement_timeout = ${Math.trunc(timeoutMs)}`);
      return read(new LedgerReader(dataSource, manager));
    });
  } catch (error) {
    if ((error as { driverError?: { code?: string }; code?: string }).driverError?.code === QUERY_CANCELED || (error as { code?: string }).code === QUERY_CANCELED) {
      throw new AdminError(AdminErrorCode.QUERY_TOO_COSTLY, `The search took longer than ${timeoutMs} ms and was stopped: narrow the filter (a shorter time range, a system, an owner).`, {
        limit: 'time',
        allowed: timeoutMs,
      });
    }
    throw error;
  }
}
