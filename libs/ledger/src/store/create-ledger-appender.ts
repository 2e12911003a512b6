import type { DataSource } from 'typeorm';
import type { LedgerAppender } from './ledger.appender.js';
import { PostgresLedgerAppender } from './postgres.appender.js';
import { SqliteConnectionLedgerAppender } from './sqlite-connection.appender.js';
import { SqliteThreadLedgerAppender } from './sqlite-thread.appender.js';

/** The appender for this database, chosen once: PostgreSQL, an SQLite file, or an in-memory SQLite database. */
export function createLedgerAppender(dataSource: DataSource, levelRanks: ReadonlyMap<string, number>): LedgerAppender {
  const options = dataSource.options as { type: string; database?: unknown };
  if (options.type === 'postgres') return new PostgresLedgerAppender(dataSource, levelRanks);
  if (typeof options.database === 'string' && options.database !== ':memory:') return new SqliteThreadLedgerAppender(dataSource, levelRanks, options.database);
  return new SqliteConnectionLedgerAppender(dataSource, levelRanks);
}
