import { Logger } from '@nestjs/common';
import { DataSource, MigrationExecutor, type DataSourceOptions } from 'typeorm';
import { ConfigError } from '#config';

/** How often, and how long apart, the gateway tries to reach its database at start. */
export const CONNECT_ATTEMPTS = 10;
export const CONNECT_DELAY_MS = 3_000;

const logger = new Logger('Database');

/**
 * Opens the database and migrates it, instead of @nestjs/typeorm's own
 * retry, which logs a stack trace per attempt: here an unreachable
 * database is one line per attempt with its cause, and a PostgreSQL schema
 * that does not exist yet is created (by the owner role that runs the
 * migrations) before they run.
 */
export async function connectDatabase(options: DataSourceOptions, attempts = CONNECT_ATTEMPTS, delayMs = CONNECT_DELAY_MS): Promise<DataSource> {
  for (let attempt = 1; ; attempt++) {
    const dataSource = new DataSource({ ...options, migrationsRun: false } as DataSourceOptions);
    try {
      await dataSource.initialize();
    } catch (error) {
      const cause = (error as Error).message.split('\n')[0];
      if (attempt >= attempts) throw new Error(`the database could not be reached after ${attempts} attempts: ${cause}`, { cause: error });
      logger.warn(`the database cannot be reached (${cause}); attempt ${attempt} of ${attempts}, retrying in ${delayMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      continue;
    }
    if (options.migrationsRun) await migrate(dataSource);
    else await requireMigrated(dataSource);
    return dataSource;
  }
}

/** The owner role's start: the schema when missing, then the migrations, all in one transaction. */
export async function migrate(dataSource: DataSource): Promise<void> {
  const options = dataSource.options;
  const schema = options.type === 'postgres' ? options.schema : undefined;
  // Only when missing: creating a schema needs CREATE on the database, which a role confined to its schema lacks.
  if (schema && (await dataSource.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).length === 0) {
    await dataSource.query(`CREATE SCHEMA "${schema.replace(/"/g, '""')}"`);
  }
  await dataSource.runMigrations({ transaction: options.migrationsTransactionMode ?? 'all' });
}

/**
 * A gateway that does not migrate (its role may not) refuses to start on a
 * schema the owner role has not brought up to date, in one line, rather
 * than fail on its first query.
 */
async function requireMigrated(dataSource: DataSource): Promise<void> {
  // TypeORM's own reading of its migrations table (schema-qualified; it creates nothing when only reading).
  const pending = (await new MigrationExecutor(dataSource).getPendingMigrations()).map((migration) => migration.name);
  if (pending.length === 0) return;
  await dataSource.destroy();
  throw new ConfigError('gateway', [
    {
      variable: 'CAUSEWAY_DATABASE_MIGRATIONS',
      message: `is verify, and ${pending.length} migration(s) have not run (${pending.join(', ')}): run them as the owner role first (node dist/apps/gateway/src/migrate.js)`,
    },
  ]);
}
