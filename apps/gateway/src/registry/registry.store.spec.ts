import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { projectRoot } from '#config';
import { readRegistryFiles } from '#identity';
import { createTestSchema, describePostgres } from '../../../../test/support/postgres.js';
import { gatewayDataSourceOptions } from '../database/gateway.data-source.js';
import { RegisteredSystemEntity } from './registered-system.entity.js';
import { RegistryStore } from './registry.store.js';

const demo = readRegistryFiles(join(projectRoot(), 'policies'));

/** The same behaviour on the embedded default and on production's PostgreSQL. */
function registryStoreBehaviour(open: () => Promise<DataSource>): void {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await open();
  });
  afterAll(() => dataSource?.destroy());

  it('copies the demo registry in on first start, once', async () => {
    const store = new RegistryStore(dataSource);
    await expect(store.seedWhenEmpty(demo)).resolves.toBe(true);
    await expect(store.seedWhenEmpty(demo)).resolves.toBe(false);
    const stored = await store.read();
    expect(stored.purposes).toEqual(demo.purposes);
    expect(stored.systems).toEqual([...demo.systems].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('serves what the database holds from then on', async () => {
    const store = new RegistryStore(dataSource);
    const jwks = { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }] };
    await dataSource.getRepository(RegisteredSystemEntity).update({ id: 'market-regulation.licensing' }, { clearance: 'PUBLIC', jwks });
    await dataSource.getRepository(RegisteredSystemEntity).delete({ id: 'health.vaccination-outreach' });
    await store.seedWhenEmpty(demo);
    const stored = await store.read();
    expect(stored.systems.map((system) => system.id)).not.toContain('health.vaccination-outreach');
    expect(stored.systems.find((system) => system.id === 'market-regulation.licensing')).toMatchObject({ clearance: 'PUBLIC', jwks });
  });
}

describe('RegistryStore on SQLite', () => {
  registryStoreBehaviour(() =>
    new DataSource(gatewayDataSourceOptions({ type: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'causeway-registry-')), 'gateway.sqlite') })).initialize(),
  );
});

describePostgres('RegistryStore on PostgreSQL', (url) => {
  let drop: () => Promise<void> = async () => {};
  afterAll(() => drop());
  registryStoreBehaviour(async () => {
    const created = await createTestSchema(url);
    drop = created.drop;
    return new DataSource(gatewayDataSourceOptions({ type: 'postgres', url }, { schema: created.schema })).initialize();
  });
});
