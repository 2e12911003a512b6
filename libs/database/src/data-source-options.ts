import type BetterSqlite3 from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import type { Type } from '@nestjs/common';
import type { DataSourceOptions } from 'typeorm';
import type { GatewayDatabase } from './database-location.js';

/** What a capability keeps in the gateway database: its entities and the migrations that create them. */
export interface DatabaseFeature {
  entities: Array<Type<unknown>>;
  migrations: Array<Type<unknown>>;
  /** Entities whose rows are never changed or removed once written: the runtime role may only read and add them (runtime-role.ts). */
  appendOnly?: Array<Type<unknown>>;
}

/**
 * The gateway's database: embedded SQLite by default (what `npm start`
 * uses), PostgreSQL in production, with the entities and migrations of the
 * features given. Schema changes only by migration (TypeORM orders them by
 * their timestamps), run at start; never `synchronize`.
 */
export function dataSourceOptions(database: GatewayDatabase, features: readonly DatabaseFeature[], extra: { schema?: string; migrationsRun?: boolean } = {}): DataSourceOptions {
  const common = {
    entities: features.flatMap((feature) => feature.entities),
    migrations: features.flatMap((feature) => feature.migrations),
    // A gateway that runs as a role without DDL privileges only verifies that the owner has migrated (connect-database.ts).
    migrationsRun: extra.migrationsRun ?? (database.type === 'sqlite' || database.migrations !== 'verify'),
    synchronize: false,
    // Off: TypeORM's error logging prints a failed query with its parameters,
    // which would copy ledger content and personal data into the logs. The
    // errors themselves still reach the code that handles them.
    logging: false,
  };
  if (database.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      ...(database.passwordFile ? { password: readFileSync(database.passwordFile, 'utf8').trim() } : {}),
      schema: extra.schema ?? database.schema,
      applicationName: 'causeway-gateway',
    };
  }
  // better-sqlite3 is synchronous: while another process holds the write
  // lock, a write waits on the event loop. Wait briefly and fail (the ledger
  // then refuses exchanges and retries) rather than freeze the gateway.
  //
  // Write-ahead log: a commit is one fsync of the log (synchronous stays FULL,
  // so a committed ledger record survives a power cut) instead of the
  // rollback journal's several, and readers (ledger verify, exports) never
  // block the writer.
  //
  // Pages of 8 KB, not SQLite's 4 KB: a ledger record row (its content
  // deflated) is about 850 bytes, of which a 4 KB page holds four and leaves
  // a sixth of itself unused (bench/README.md). The size is that of the file
  // when it is created; a file that exists keeps its own (a write-ahead-log
  // database cannot change it), so this is set before anything else.
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.file,
    timeout: 250,
    enableWAL: true,
    prepareDatabase: (db: BetterSqlite3.Database) => {
      db.pragma(`page_size = ${SQLITE_PAGE_SIZE}`);
    },
  };
}

/** The page size of a database file the gateway creates (above). */
const SQLITE_PAGE_SIZE = 8192;
