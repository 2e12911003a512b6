import { expect, it } from '@jest/globals';
import { join } from 'node:path';
import { projectRoot } from '#config';
import { readRegistryFiles } from '#identity';
import { createLedgerAppender, LedgerReader } from '#ledger';
import { describeGatewayDatabases } from '../../../../test/support/gateway-database.js';
import { GATEWAY_FEATURES } from '../database/gateway-database.module.js';
import { RegisteredSystemEntity } from './registered-system.entity.js';
import { RegistryStore } from './registry.store.js';

const demo = readRegistryFiles(join(projectRoot(), 'policies'));

describeGatewayDatabases('RegistryStore', GATEWAY_FEATURES, (dataSource) => {
  it('copies the demo registry in on first start, once', async () => {
    const store = new RegistryStore(dataSource(), createLedgerAppender(dataSource(), new Map()));
    await expect(store.seedWhenEmpty(demo)).resolves.toBe(true);
    await expect(store.seedWhenEmpty(demo)).resolves.toBe(false);
    const stored = await store.read();
    expect(stored.purposes).toEqual(demo.purposes);
    expect(stored.systems).toEqual([...demo.systems].sort((a, b) => a.id.localeCompare(b.id)));
    const recorded: Array<Record<string, any>> = [];
    for await (const record of new LedgerReader(dataSource()).records()) recorded.push({ chain: record.chain, ...JSON.parse(record.content) });
    expect(recorded).toEqual([expect.objectContaining({ chain: 'registry', kind: 'registry-change', actor: 'seed', action: 'seed', after: demo })]);
  });

  it('serves what the database holds from then on', async () => {
    const store = new RegistryStore(dataSource(), createLedgerAppender(dataSource(), new Map()));
    const jwks = { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }] };
    await dataSource().getRepository(RegisteredSystemEntity).update({ id: 'market-regulation.licensing' }, { clearance: 'PUBLIC', jwks });
    await dataSource().getRepository(RegisteredSystemEntity).delete({ id: 'health.vaccination-outreach' });
    await store.seedWhenEmpty(demo);
    const stored = await store.read();
    expect(stored.systems.map((system) => system.id)).not.toContain('health.vaccination-outreach');
    expect(stored.systems.find((system) => system.id === 'market-regulation.licensing')).toMatchObject({ clearance: 'PUBLIC', jwks });
  });
});
