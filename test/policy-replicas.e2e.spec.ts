import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#database';
import { createLedgerAppender, LedgerReader } from '#ledger';
import { GATEWAY_FEATURES } from '../apps/gateway/src/database/gateway-database.module.js';
import { GovernanceChain } from '../apps/gateway/src/policy/governance-chain.service.js';
import { PolicyStore } from '../apps/gateway/src/policy/policy.store.js';
import { demoPeople } from '#demo-data';
import { callerToken, graphql, waitForStatus } from './support/http.js';
import { createTestSchema, describePostgres } from './support/postgres.js';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { runCli, sleep, startBureaus, tempDir, type TestProcess, startGateway } from './support/processes.js';

/**
 * Two gateway replicas on one PostgreSQL database. Polling is set to a
 * minute, so only LISTEN/NOTIFY can bring a change to a replica in time: a
 * grant written through the gateways' policy store must be enforced by both
 * within one second, and so must its revocation; a calling system
 * registered through one replica's admin API is served by both within one
 * second, and once removed, refused by both.
 */
const BASE = 14700;
const REPLICAS = [`http://127.0.0.1:${BASE}/graphql`, `http://127.0.0.1:${BASE + 9}/graphql`];
const dataDir = tempDir('replicas');
const person = demoPeople()[3]!;
const QUERY = `{ person(idNumber: "${person.idNumber}") { gender maritalStatus } }`;
const LEVELS = ['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'];

describePostgres('policy changes reach every replica sharing PostgreSQL', (url) => {
  const processes: TestProcess[] = [];
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let store: PolicyStore;
  let dataSource: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema(url);
    processes.push(...startBureaus(BASE, dataDir));
    const gateway = (port: number) =>
      startGateway(
        BASE,
        dataDir,
        { CAUSEWAY_DATABASE_URL: url, CAUSEWAY_DATABASE_SCHEMA: schema.schema, CAUSEWAY_POLICY_POLL_MS: '60000', CAUSEWAY_REGISTRY_REFRESH_MS: '60000', CAUSEWAY_DEV_PEOPLE_TOKENS: 'true' },
        port,
      );
    // The first replica migrates and seeds the schema; the second finds it ready.
    processes.push(gateway(BASE));
    await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
    processes.push(gateway(BASE + 9));
    await waitForStatus(`http://127.0.0.1:${BASE + 9}/health`, 200);
    dataSource = await new DataSource(dataSourceOptions({ type: 'postgres', url, schema: schema.schema }, GATEWAY_FEATURES)).initialize();
    const ranks = new Map(LEVELS.map((level, rank) => [level, rank]));
    store = new PolicyStore(dataSource, new GovernanceChain(createLedgerAppender(dataSource, ranks), new LedgerReader(dataSource)), { policies: { scheme: { names: LEVELS } } });
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await dataSource?.destroy();
    await schema?.drop();
  });

  async function maritalStatusServed(replica: string): Promise<boolean> {
    const answer = await graphql(
      replica,
      QUERY,
      {},
      {
        authorization: `Bearer ${await callerToken(dataDir, 'health.vaccination-outreach', 'vaccination-outreach')}`,
      },
    );
    expect(answer.status).toBe(200);
    const forbidden = (answer.body.errors ?? []).some((error) => error.extensions?.coordinate === 'Person.maritalStatus');
    return !forbidden;
  }

  /** Milliseconds until every replica answers `served`, checked every 50 ms, or Infinity after 5 s. */
  async function untilEveryReplica(served: boolean): Promise<number> {
    const started = Date.now();
    const pending = new Set(REPLICAS);
    while (pending.size > 0 && Date.now() - started < 5000) {
      for (const replica of [...pending]) if ((await maritalStatusServed(replica)) === served) pending.delete(replica);
      if (pending.size > 0) await sleep(50);
    }
    return pending.size === 0 ? Date.now() - started : Infinity;
  }

  it('enforces a new grant on both replicas within a second, and its revocation too', async () => {
    for (const replica of REPLICAS) expect(await maritalStatusServed(replica)).toBe(false);

    await store.put(
      {
        id: 'civil-outreach-marital',
        subject: 'health.vaccination-outreach',
        owner: 'civil-affairs',
        target: 'Person.maritalStatus',
        maxLevel: 'SENSITIVE',
        purpose: 'vaccination-outreach',
        validUntil: null,
        effect: 'allow',
        obligations: [],
        basis: 'replica propagation test',
        dailyLimit: null,
        duties: [],
      },
      'officer-1',
    );
    expect(await untilEveryReplica(true)).toBeLessThan(1000);

    await store.revoke('civil-outreach-marital', 'officer-1');
    expect(await untilEveryReplica(false)).toBeLessThan(1000);
  });

  it('serves a system registered through one replica on both within a second, and refuses it on both once removed', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'tax-1', alg: 'EdDSA', use: 'sig' };
    const admin = (await runCli(['token', '--user', 'admin-1', '--data-dir', dataDir])).stdout.trim();
    const adminApi = (query: string, variables: Record<string, unknown> = {}) =>
      graphql(REPLICAS[0]!.replace('/graphql', '/admin/graphql'), query, variables, { authorization: `Bearer ${admin}` });
    const authenticated = async (replica: string): Promise<boolean> => {
      const token = await new SignJWT({ purpose: 'business-licensing' })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'tax-1' })
        .setIssuer('tax.audit')
        .setSubject('tax.audit')
        .setAudience('causeway-gateway')
        .setIssuedAt()
        .setExpirationTime('60s')
        .setJti(randomUUID())
        .sign(privateKey);
      return (await graphql(replica, '{ __typename }', {}, { authorization: `Bearer ${token}` })).status === 200;
    };
    const untilBoth = async (expected: boolean): Promise<number> => {
      const started = Date.now();
      const pending = new Set(REPLICAS);
      while (pending.size > 0 && Date.now() - started < 5000) {
        for (const replica of [...pending]) if ((await authenticated(replica)) === expected) pending.delete(replica);
        if (pending.size > 0) await sleep(50);
      }
      return pending.size === 0 ? Date.now() - started : Infinity;
    };
    for (const replica of REPLICAS) expect(await authenticated(replica)).toBe(false);

    const input = { id: 'tax.audit', department: 'tax', clearance: 'INTERNAL', purposes: ['business-licensing'], jwks: JSON.stringify({ keys: [jwk] }) };
    const put = await adminApi('mutation ($input: SystemInput!) { putSystem(input: $input) { version } }', { input });
    expect(put.body.errors).toBeUndefined();
    expect(await untilBoth(true)).toBeLessThan(1000);

    const removed = await adminApi('mutation { removeSystem(id: "tax.audit") { version } }');
    expect(removed.body.errors).toBeUndefined();
    expect(await untilBoth(false)).toBeLessThan(1000);

    const recorded: Array<Record<string, unknown>> = [];
    for await (const record of new LedgerReader(dataSource).records()) if (record.chain === 'registry') recorded.push(JSON.parse(record.content) as Record<string, unknown>);
    expect(recorded.filter((entry) => entry.subject === 'system:tax.audit').map((entry) => [entry.actor, entry.action])).toEqual([
      ['admin-1', 'put'],
      ['admin-1', 'remove'],
    ]);
  });
});
