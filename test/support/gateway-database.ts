import { afterAll, beforeAll, describe } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type DatabaseFeature } from '#database';
import { createTestSchema, describePostgres } from './postgres.js';

/**
 * Runs the same tests against a fresh database migrated for `features`, on the
 * embedded default (SQLite) and on production's PostgreSQL (see
 * `describePostgres` for when that one is skipped or fails).
 */
export function describeGatewayDatabases(name: string, features: readonly DatabaseFeature[], body: (dataSource: () => DataSource) => void): void {
  const suite = (open: () => Promise<DataSource>, cleanUp: () => Promise<void> = async () => {}) => {
    let dataSource: DataSource | undefined;
    beforeAll(async () => {
      dataSource = await open();
    });
    afterAll(async () => {
      await dataSource?.destroy();
      await cleanUp();
    });
    body(() => dataSource!);
  };
  describe(`${name} on SQLite`, () => {
    suite(() => new DataSource(dataSourceOptions({ type: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'causeway-gateway-db-')), 'gateway.sqlite') }, features)).initialize());
  });
  describePostgres(`${name} on PostgreSQL`, (url) => {
    let drop: () => Promise<void> = async () => {};
    suite(
      async () => {
        const created = await createTestSchema(url);
        drop = created.drop;
        return new DataSource(dataSourceOptions({ type: 'postgres', url }, features, { schema: created.schema })).initialize();
      },
      () => drop(),
    );
  });
}
