import { readFileSync } from 'node:fs';
import type { DataSourceOptions } from 'typeorm';
import type { GatewayDatabase } from '../gateway.config.js';
import { PurposeEntity } from '../registry/purpose.entity.js';
import { RegisteredSystemEntity } from '../registry/registered-system.entity.js';
import { GrantEntity } from '../policy/grant.entity.js';
import { PolicyStateEntity } from '../policy/policy-state.entity.js';
import { CreateRegistry1764100000000 } from './migrations/1764100000000-create-registry.js';
import { CreatePolicy1764200000000 } from './migrations/1764200000000-create-policy.js';
import { CreateLedger1764300000000 } from './migrations/1764300000000-create-ledger.js';
import { CreateApplications1764400000000 } from './migrations/1764400000000-create-applications.js';
import { SharingApplicationEntity } from '../governance/sharing-application.entity.js';
import { LedgerCheckpointEntity } from '../ledger/ledger-checkpoint.entity.js';
import { LedgerFieldEntity } from '../ledger/ledger-field.entity.js';
import { LedgerOperationEntity } from '../ledger/ledger-operation.entity.js';
import { LedgerRecordEntity } from '../ledger/ledger-record.entity.js';

export const GATEWAY_ENTITIES = [
  PurposeEntity,
  RegisteredSystemEntity,
  GrantEntity,
  PolicyStateEntity,
  LedgerRecordEntity,
  LedgerFieldEntity,
  LedgerOperationEntity,
  LedgerCheckpointEntity,
  SharingApplicationEntity,
];
export const GATEWAY_MIGRATIONS = [CreateRegistry1764100000000, CreatePolicy1764200000000, CreateLedger1764300000000, CreateApplications1764400000000];

/**
 * The gateway's database: embedded SQLite by default (what `npm start`
 * uses), PostgreSQL in production. Schema changes only by migration, run at
 * start; never `synchronize`.
 */
export function gatewayDataSourceOptions(database: GatewayDatabase, extra: { schema?: string } = {}): DataSourceOptions {
  const common = {
    entities: GATEWAY_ENTITIES,
    migrations: GATEWAY_MIGRATIONS,
    migrationsRun: true,
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
  return { ...common, type: 'better-sqlite3', database: database.file, timeout: 250, enableWAL: true };
}
