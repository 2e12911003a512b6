import { LedgerReader, ReadTimeoutError, type ReadExecutor } from '#ledger';
import { AdminError, AdminErrorCode } from '../admin/admin.error.js';

/** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout. */
const QUERY_CANCELED = '57014';

/**
 * Runs a person's read of the ledger so that it can neither hold the
 * database indefinitely nor stall exchanges: on PostgreSQL inside a
 * read-only transaction with a `statement_timeout`; on the embedded SQLite
 * database in the read process (`readProcess`, off the event loop), which stops a
 * statement at the same timeout. A search past it is refused as
 * QUERY_TOO_COSTLY, asking for a narrower filter.
 */
export async function boundedRead<T>(reader: LedgerReader, readProcess: ReadExecutor | null, timeoutMs: number, read: (reader: LedgerReader) => Promise<T>): Promise<T> {
  const dataSource = reader.dataSource;
  if (dataSource.options.type !== 'postgres') {
    try {
      return await read(reader.on(readProcess));
    } catch (error) {
      if (error instanceof ReadTimeoutError) throw tooCostly(timeoutMs);
      throw error;
    }
  }
  try {
    return await dataSource.transaction(async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      // A whole number of milliseconds, from validated configuration: no value of a person's reaches this statement.
      await manager.query(`SET LOCAL statement_timeout = ${Math.trunc(timeoutMs)}`);
      return read(new LedgerReader(dataSource, manager));
    });
  } catch (error) {
    if ((error as { driverError?: { code?: string }; code?: string }).driverError?.code === QUERY_CANCELED || (error as { code?: string }).code === QUERY_CANCELED) {
      throw tooCostly(timeoutMs);
    }
    throw error;
  }
}

function tooCostly(timeoutMs: number): AdminError {
  return new AdminError(AdminErrorCode.QUERY_TOO_COSTLY, `The search took longer than ${timeoutMs} ms and was stopped: narrow the filter (a shorter time range, a system, an owner).`, {
    limit: 'time',
    allowed: timeoutMs,
  });
}
