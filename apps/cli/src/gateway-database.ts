import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadGovernancePolicies } from '#catalog';
import { policiesDirOf } from '#config';
import { dataSourceOptions } from '#database';
import { LEDGER_FEATURE, withoutUrls } from '#ledger';
import { CommandFailedError } from './cli.error.js';
import { cliConfig } from './cli.config.js';

/**
 * The gateway's database as the CLI finds it: the same variables as the
 * gateway (CAUSEWAY_DATABASE_URL, _SCHEMA, _PASSWORD_FILE), else the
 * embedded SQLite file in the data directory; the ledger's tables only. The
 * CLI never migrates: a database the gateway has not created is an error.
 */
export async function openGatewayDatabase(dataDir: string): Promise<DataSource> {
  const database = cliConfig().database(dataDir);
  if (database.type === 'sqlite' && !existsSync(database.file)) {
    throw new CommandFailedError(`no gateway database at ${database.file} (the gateway creates it on first start; or pass --data-dir)`);
  }
  try {
    return await new DataSource(dataSourceOptions(database, [LEDGER_FEATURE], { migrationsRun: false })).initialize();
  } catch (error) {
    // The driver's message may carry the URL; say only what kind of database failed.
    throw new CommandFailedError(`cannot open the gateway's ${database.type === 'postgres' ? 'PostgreSQL' : 'SQLite'} database: ${withoutUrls((error as Error).message)}`);
  }
}

/** Level name → rank, from the policies directory the gateway reads. */
export function levelRanks(): ReadonlyMap<string, number> {
  return loadGovernancePolicies(policiesDirOf(cliConfig().policiesDir())).scheme.ranks;
}
