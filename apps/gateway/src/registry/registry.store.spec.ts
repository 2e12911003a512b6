import { expect, it } from '@jest/globals';
import { join } from 'node:path';
import { projectRoot } from '#config';
import { readRegistryFiles } from '#identity';
import { createLedgerAppender, LedgerReader } from '#ledger';
import { describeGatewayDatabases } from '../../../../test/support/gateway-database.js';
import { GATEWAY_FEATURES } from '../database/gateway-database.module.js';
import { RegisteredSystemEntity } from './registered-system.entity.js';
import { RegistryChangeError } from './registry-change.js';
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

describeGatewayDatabases('RegistryStore changes', GATEWAY_FEATURES, (dataSource) => {
  const jwks = { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }] };
  const system = { id: 'tax.audit', department: 'tax', clearance: 'INTERNAL', purposes: ['business-licensing'], jwks };
  const accept = () => undefined;

  it('are checked whole, versioned and recorded on the registry chain, in one transaction', async () => {
    const store = new RegistryStore(dataSource(), createLedgerAppender(dataSource(), new Map()));
    await store.seedWhenEmpty(demo);
    const first = await store.version();
    expect(await store.putSystem(system, 'admin-1', accept)).toBe(first + 1);
    expect((await store.read()).systems).toContainEqual(system);

    // A change the check refuses leaves nothing behind: no row, no version, no record.
    const refuse = (definitions: { systems: Array<{ id: string; clearance: string }> }) => {
      if (definitions.systems.some((candidate) => candidate.clearance === 'CORE' && candidate.id === 'tax.audit')) throw new Error('clearance refused');
    };
    await expect(store.putSystem({ ...system, clearance: 'CORE' }, 'admin-1', refuse)).rejects.toThrow('clearance refused');
    expect(await store.version()).toBe(first + 1);
    expect((await store.read()).systems.find((candidate) => candidate.id === 'tax.audit')?.clearance).toBe('INTERNAL');

    expect(await store.removeSystem('tax.audit', 'admin-2', accept)).toBe(first + 2);
    await expect(store.removeSystem('tax.audit', 'admin-2', accept)).rejects.toBeInstanceOf(RegistryChangeError);
    expect(await store.putPurpose('tax-audit', 'Tax audits', 'admin-1', accept)).toBe(first + 3);
    expect((await store.read()).purposes['tax-audit']).toBe('Tax audits');

    const recorded: Array<Record<string, any>> = [];
    for await (const record of new LedgerReader(dataSource()).records()) if (record.chain === 'registry') recorded.push(JSON.parse(record.content));
    expect(recorded.slice(-3)).toEqual([
      expect.objectContaining({ kind: 'registry-change', actor: 'admin-1', action: 'put', subject: 'system:tax.audit', before: null, after: system }),
      expect.objectContaining({ actor: 'admin-2', action: 'remove', subject: 'system:tax.audit', before: system, after: null }),
      expect.objectContaining({ actor: 'admin-1', action: 'put', subject: 'purpose:tax-audit', after: { name: 'tax-audit', description: 'Tax audits' } }),
    ]);
  });

  it('seeds each part once: an issuer an administrator removed is not trusted again at the next start', async () => {
    const store = new RegistryStore(dataSource(), createLedgerAppender(dataSource(), new Map()));
    const issuer = { issuer: 'https://idp.example.gov.cn', systemClaim: 'client_id', systems: ['*'], maxTokenLifetimeS: 3600, tokenReuse: 'refuse' as const };
    expect(await store.seedIssuersWhenEmpty([issuer])).toBe(true);
    await store.removeIssuer(issuer.issuer, 'admin-1', accept);
    expect(await store.seedIssuersWhenEmpty([issuer])).toBe(false);
    expect((await store.read()).issuers).toEqual([]);
  });
});
