import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { callerToken, graphql, httpStatus, waitForStatus, type GraphQLAnswer } from './support/http.js';
import { createTestSchema, describePostgres } from './support/postgres.js';
import { runCli, sleep, startBureaus, tempDir, type TestProcess, startGateway } from './support/processes.js';

/**
 * The ledger on PostgreSQL through real processes. The gateway connects as
 * a role of its own; the test takes the database away from it mid-load
 * (the role may no longer log in and its connections are terminated),
 * then gives it back.
 */
const BASE = 15000;
const GATEWAY = `http://127.0.0.1:${BASE}/graphql`;
const dataDir = tempDir('ledger-pg');

describePostgres('the ledger on PostgreSQL', (url) => {
  const processes: TestProcess[] = [];
  const role = `causeway_gw_${randomBytes(4).toString('hex')}`;
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let admin: pg.Client;
  let gatewayUrl: string;

  beforeAll(async () => {
    schema = await createTestSchema(url);
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`GRANT USAGE, CREATE ON SCHEMA ${schema.schema} TO ${role}`);
    const target = new URL(url);
    target.username = role;
    target.password = '';
    gatewayUrl = target.toString();
    processes.push(...startBureaus(BASE, dataDir));
    processes.push(
      startGateway(BASE, dataDir, {
        // The ledger under load from one system: its rate limit is not what these tests are about.
        CAUSEWAY_RATE_LIMIT: '100000',
        CAUSEWAY_DATABASE_URL: gatewayUrl,
        CAUSEWAY_DATABASE_SCHEMA: schema.schema,
        CAUSEWAY_LEDGER_CHECKPOINT_MS: '300',
        CAUSEWAY_DEV_PEOPLE_TOKENS: 'true',
        CAUSEWAY_ADMIN_QUERY_TIMEOUT_MS: '300',
      }),
    );
    await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await admin.query(`ALTER ROLE ${role} LOGIN`).catch(() => undefined);
    await schema?.drop();
    await admin.query(`DROP OWNED BY ${role}`).catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    await admin.end();
  });

  async function ask(): Promise<GraphQLAnswer> {
    return graphql(
      GATEWAY,
      '{ enterprises(first: 2) { nodes { name } } }',
      {},
      {
        authorization: `Bearer ${await callerToken(dataDir, 'market-regulation.licensing', 'business-licensing')}`,
      },
    );
  }

  async function recordedIds(): Promise<Set<string>> {
    const { rows } = await admin.query<{ exchange_id: string }>(`SELECT exchange_id FROM ${schema.schema}.ledger_record`);
    return new Set(rows.map((row) => row.exchange_id));
  }

  it('records exchanges in append-only tables the gateway role cannot rewrite', async () => {
    const answer = await ask();
    const exchangeId = (answer.body.extensions?.causeway as { exchangeId: string }).exchangeId;
    expect((await recordedIds()).has(exchangeId)).toBe(true);
    const asGateway = new pg.Client({ connectionString: gatewayUrl });
    await asGateway.connect();
    try {
      await expect(asGateway.query(`UPDATE ${schema.schema}.ledger_record SET decision = 'ALLOWED'`)).rejects.toThrow(/append-only/);
      await expect(asGateway.query(`DELETE FROM ${schema.schema}.ledger_record`)).rejects.toThrow(/append-only/);
    } finally {
      await asGateway.end();
    }
  });

  it('releases no data without a committed record while the database is gone, and recovers by itself', async () => {
    const answers: GraphQLAnswer[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        answers.push(await ask());
        await sleep(20);
      }
    })();
    await sleep(300);
    await admin.query(`ALTER ROLE ${role} NOLOGIN`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
    const deadline = Date.now() + 10_000;
    while ((await httpStatus(`http://127.0.0.1:${BASE}/health`)) !== 503 && Date.now() < deadline) await sleep(100);
    expect(await httpStatus(`http://127.0.0.1:${BASE}/health`)).toBe(503);
    await sleep(500);
    await admin.query(`ALTER ROLE ${role} LOGIN`);
    await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200, 15_000);
    await sleep(300);
    loading = false;
    await load;

    const recorded = await recordedIds();
    const withData = answers.filter((answer) => answer.body.data);
    const unavailable = answers.filter((answer) => answer.body.errors?.[0]?.extensions?.code === 'LEDGER_UNAVAILABLE');
    expect(withData.length + unavailable.length).toBe(answers.length);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const answer of unavailable) {
      expect(answer.status).toBe(503);
      expect(answer.body.data).toBeUndefined();
    }
    for (const answer of withData) expect(recorded.has((answer.body.extensions?.causeway as { exchangeId: string }).exchangeId)).toBe(true);
    const after = await ask();
    expect(after.status).toBe(200);
  });

  it('verifies: every chain, checkpoint signatures included', async () => {
    await sleep(500);
    const result = await runCli(['ledger', 'verify', '--data-dir', dataDir, '--json'], {
      CAUSEWAY_DATABASE_URL: url,
      CAUSEWAY_DATABASE_SCHEMA: schema.schema,
    });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: true, broken: null });
    expect(report.verified).toBeGreaterThan(5);
    expect(report.checkpoints).toBeGreaterThan(0);
    // On worker threads, each with its own connection to the schema: the same report.
    const onWorkers = await runCli(['ledger', 'verify', '--data-dir', dataDir, '--json', '--jobs', '2'], { CAUSEWAY_DATABASE_URL: url, CAUSEWAY_DATABASE_SCHEMA: schema.schema });
    expect([onWorkers.stderr, JSON.parse(onWorkers.stdout)]).toEqual(['', report]);
    const deep = await runCli(['ledger', 'verify', '--data-dir', dataDir, '--json', '--deep', '--jobs', '2'], { CAUSEWAY_DATABASE_URL: url, CAUSEWAY_DATABASE_SCHEMA: schema.schema });
    expect([deep.stderr, JSON.parse(deep.stdout)]).toEqual(['', report]);
  });

  it('compacts the partitions of months that have ended, once, and the ledger verifies the same after', async () => {
    // A clock two months past the newest record: its month has ended, whatever today is.
    const { rows } = await admin.query<{ month: string }>(`SELECT substr(MAX(started_at), 1, 7) AS month FROM ${schema.schema}.ledger_record`);
    const later = new Date(`${rows[0]!.month}-01T00:00:00Z`);
    later.setUTCMonth(later.getUTCMonth() + 2);
    const env = { CAUSEWAY_DATABASE_SCHEMA: schema.schema, CAUSEWAY_TEST_CLOCK: later.toISOString() };
    const compacted = await runCli(['ledger', 'compact', '--data-dir', dataDir], { ...env, CAUSEWAY_DATABASE_URL: url });
    expect([compacted.code, compacted.stderr]).toEqual([0, '']);
    expect(compacted.stdout).toContain(`${rows[0]!.month} ledger_record:`);
    const again = await runCli(['ledger', 'compact', '--data-dir', dataDir], { ...env, CAUSEWAY_DATABASE_URL: url });
    expect(again.stdout).toMatch(/^nothing to compact/);
    // A month asked for by name: one without partitions is said so, one that has not ended is a usage error.
    const none = await runCli(['ledger', 'compact', '--data-dir', dataDir, '--month', '2020-01'], { ...env, CAUSEWAY_DATABASE_URL: url });
    expect([none.code, none.stdout]).toEqual([0, 'nothing to compact: the ledger has no partitions of 2020-01\n']);
    const open = await runCli(['ledger', 'compact', '--data-dir', dataDir, '--month', '2999-01'], { ...env, CAUSEWAY_DATABASE_URL: url });
    expect([open.code, open.stderr]).toEqual([2, expect.stringContaining('not a month that has ended')]);
    const verified = await runCli(['ledger', 'verify', '--data-dir', dataDir, '--json'], { CAUSEWAY_DATABASE_URL: url, CAUSEWAY_DATABASE_SCHEMA: schema.schema });
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, broken: null });
  });

  it("stops an auditor's search that runs past its time (QUERY_TOO_COSTLY), and searches again once the database is free", async () => {
    const token = (await runCli(['token', '--user', 'auditor-1', '--data-dir', dataDir])).stdout.trim();
    const search = () => graphql(`http://127.0.0.1:${BASE}/admin/graphql`, '{ exchanges(first: 5) { nodes { exchangeId } } }', {}, { authorization: `Bearer ${token}` });
    // Another session holds the table: the search waits on it, and its statement timeout stops it.
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${schema.schema}.ledger_record IN ACCESS EXCLUSIVE MODE`);
    const pending = search();
    await sleep(1_000);
    await locker.query('ROLLBACK');
    await locker.end();
    const stopped = await pending;
    expect(stopped.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 'time', allowed: 300 });
    expect(stopped.body.errors?.[0]?.message).toContain('narrow the filter');
    const again = await search();
    expect(again.body.errors).toBeUndefined();
  });
});
