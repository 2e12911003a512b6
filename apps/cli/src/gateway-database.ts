import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadGovernancePolicies } from '#catalog';
import { projectRoot, resolveFromCwd } from '#config';
import { gatewayDataSourceOptions } from '../../gateway/src/database/gateway.data-source.js';
import { gatewayDatabaseOf } from '../../gateway/src/gateway.config.js';
import { LedgerStore } from '../../gateway/src/ledger/ledger.store.js';
import { CommandFailedError } from './cli.error.js';

/**
 * The gateway's database as the CLI finds it: the same variables as the
 * gateway (CAUSEWAY_DATABASE_URL, _SCHEMA, _PASSWORD_FILE), else the
 * embedded SQLite file in the data directory. The CLI never migrates: a
 * database the gateway has not created is an error.
 */
export async function openGatewayDatabase(dataDir: string): Promise<DataSource> {
  const database = gatewayDatabaseOf(process.env, dataDir);
  if (database.type === 'sqlite' && !existsSync(database.file)) {
    throw new CommandFailedError(`no gateway database at ${database.file} (the gateway creates it on first start; or pass --data-dir)`);
  }
  try {
    return await new DataSource({ ...gatewayDataSourceOptions(database), migrationsRun: false }).initialize();
  } catch (error) {
    // The driver's message may carry the URL; say only what kind of database failed.
    throw new CommandFailedError(`cannot open the gateway's ${database.type === 'postgres' ? 'PostgreSQL' : 'SQLite'} database: ${(error as Error).message.replace(/postgres(ql)?:\/\/\S+/g, '<url>')}`);
  }
}

/** The ledger of the gateway database, with level ranks from the policies directory. */
export function ledgerStoreOf(dataSource: DataSource): LedgerStore {
  const dir = process.env.CAUSEWAY_POLICIES_DIR ? resolveFromCwd(process.env.CAUSEWAY_POLICIES_DIR) : join(projectRoot(), 'policies');
  const { scheme } = loadGovernancePolicies(dir);
  return new LedgerStore(dataSource, new Map(scheme.levels.map((level) => [level.name, level.rank])));
}
