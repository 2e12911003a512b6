import { expect, it } from '@jest/globals';
import { join } from 'node:path';
import { projectRoot } from '#config';
import { parseGrant, readSeedGrants } from '#policy';
import type { DataSource } from 'typeorm';
import { createLedgerAppender, LedgerReader } from '#ledger';
import { describeGatewayDatabases } from '../../../../test/support/gateway-database.js';
import { GATEWAY_FEATURES } from '../database/gateway-database.module.js';
import { GovernanceChain } from './governance-chain.service.js';
import { PolicyStore } from './policy.store.js';

const LEVELS = ['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'];
const RANKS = new Map(LEVELS.map((level, rank) => [level, rank]));
const seed = readSeedGrants(join(projectRoot(), 'policies'), LEVELS);

/** A policy store on `dataSource`, its changes recorded in the governance chain there. */
function storeOn(dataSource: DataSource): PolicyStore {
  return new PolicyStore(dataSource, new GovernanceChain(createLedgerAppender(dataSource, RANKS), new LedgerReader(dataSource)), { policies: { scheme: { names: LEVELS } } });
}

describeGatewayDatabases('PolicyStore', GATEWAY_FEATURES, (dataSource) => {
  it('seeds once, at version 1', async () => {
    const store = storeOn(dataSource());
    await expect(store.seedWhenEmpty(seed)).resolves.toBe(true);
    await expect(store.seedWhenEmpty(seed)).resolves.toBe(false);
    const { version, grants } = await store.read();
    expect(version).toBe(1);
    expect(grants).toEqual([...seed].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('keeps every field of a grant through a round trip, empty strings and all', async () => {
    const store = storeOn(dataSource());
    const grant = parseGrant(
      {
        id: 'round-trip',
        subject: 'health.vaccination-outreach',
        owner: 'civil-affairs',
        target: 'pii:FINANCIAL',
        maxLevel: 'SENSITIVE',
        purpose: 'vaccination-outreach',
        validUntil: '2029-01-31T00:00:00+08:00',
        effect: 'allow',
        obligations: ['mask:REDACT', 'clear', 'mask:NAME', 'mask:PHONE', 'mask:ADDRESS', 'mask:ID_NUMBER', 'mask:BIRTH_DATE', 'mask:REDACT'],
        basis: '',
      },
      LEVELS,
    );
    const version = await store.put(grant, 'officer-1');
    expect(version).toBe(2);
    const { grants } = await store.read();
    expect(grants.find((g) => g.id === 'round-trip')).toEqual(grant);
    await expect(store.revoke('round-trip', 'officer-1')).resolves.toBe(3);
    expect((await store.read()).grants.map((g) => g.id)).not.toContain('round-trip');
  });

  it('refuses an invalid grant without changing the version', async () => {
    const store = storeOn(dataSource());
    const before = await store.version();
    await expect(store.put({ ...seed[0]!, maxLevel: 'TOP_SECRET' }, 'officer-1')).rejects.toThrow(/unknown level/);
    await expect(store.version()).resolves.toBe(before);
  });

  it('records every change in the governance chain of the ledger: who, what, before, after', async () => {
    const ledger = new LedgerReader(dataSource());
    const entries: Array<Record<string, any>> = [];
    for await (const record of ledger.records()) if (record.chain === 'governance') entries.push(JSON.parse(record.content));
    expect(entries.map((entry) => [entry.kind, entry.actor, entry.action, entry.subject, entry.policyVersion])).toEqual([
      ['policy-change', 'seed', 'seed', 'grants', 1],
      ['policy-change', 'officer-1', 'put', 'round-trip', 2],
      ['policy-change', 'officer-1', 'revoke', 'round-trip', 3],
    ]);
    expect(entries[1]).toMatchObject({ before: null, after: { id: 'round-trip', target: 'pii:FINANCIAL' } });
    expect(entries[2]).toMatchObject({ before: { id: 'round-trip' }, after: null });
    expect(entries[0]!.after).toHaveLength(seed.length);
  });
});
