import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';

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
    const schema = options.type === 'postgres' ? options.schema : undefined;
    // Only when missing: creating a schema needs CREATE on the database, which a role confined to its schema lacks.
    if (schema && (await dataSource.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).length === 0) {
      await dataSource.query(`CREATE SCHEMA "${schema.replace(/"/g, '""')}"`);
    }
    if (options.migrationsRun) await dataSource.runMigrations({ transaction: options.migrationsTransactionMode ?? 'all' });
    return dataSource;
  }
}
