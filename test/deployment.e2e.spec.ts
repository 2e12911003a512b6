import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { demoCivilRecord, demoHealthRecord, demoPeople } from '#demo-data';
import { compose, localServices, runtimeStage, startLocal, startOrder, type LocalService } from './support/compose-stack.js';
import { caller, waitForStatus } from './support/http.js';
import { describePostgres } from './support/postgres.js';
import { runCli, tempDir, type TestProcess } from './support/processes.js';

/**
 * docker/compose.yaml as a container engine would run it, without one: the
 * PostgreSQL service stood in for by the test's server, every built service
 * a local process with exactly the environment the compose file and its
 * image give it (support/compose-stack.ts says what is translated). A
 * broken compose file — a missing variable, a wrong port, a role without
 * the grants it needs — fails here.
 */
const PORT_BASE = 16300;
const DATABASE = 'causeway_compose_e2e';
const dir = tempDir('compose');
const started: TestProcess[] = [];
const jobs = new Map<string, TestProcess>();
let services: Map<string, LocalService>;

function adminClient(url: string, database?: string): pg.Client {
  const target = new URL(url);
  if (database) target.pathname = `/${database}`;
  return new pg.Client({ connectionString: target.toString() });
}

/** What the postgres image does with POSTGRES_USER and POSTGRES_DB: the owner role and its database, fresh. */
async function emulatePostgres(url: string): Promise<void> {
  const { POSTGRES_USER: owner } = compose.services.postgres!.environment!;
  const client = adminClient(url);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    if ((await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [owner])).rowCount === 0) await client.query(`CREATE ROLE ${owner} LOGIN CREATEROLE`);
    await client.query(`CREATE DATABASE ${DATABASE} OWNER ${owner}`);
  } finally {
    await client.end();
  }
}

/** The secrets an operator creates before `docker compose up`: passwords, the gateway's keys (`causeway keys init`), the subject keyring (`causeway keys subjects-init`) and the metrics token. */
async function createSecrets(): Promise<void> {
  mkdirSync(join(dir, 'secrets'), { recursive: true });
  for (const name of Object.keys(compose.secrets).filter((secret) => secret.includes('password'))) writeFileSync(join(dir, 'secrets', name), randomBytes(16).toString('hex'));
  const written = await runCli(['keys', 'init', '--out', join(dir, 'secrets', 'gateway-keys')]);
  expect([written.code, written.stdout]).toEqual([0, expect.stringMatching(/^wrote .*gateway-keys: current key \S+\n$/)]);
  // A key file is never overwritten.
  expect((await runCli(['keys', 'init', '--out', join(dir, 'secrets', 'gateway-keys')])).code).toBe(1);
  expect((await runCli(['keys', 'subjects-init', '--out', join(dir, 'secrets', 'ledger-subject-keys')])).code).toBe(0);
  expect((await runCli(['keys', 'subjects-init', '--out', join(dir, 'secrets', 'ledger-subject-keys')])).code).toBe(1);
  writeFileSync(join(dir, 'secrets', 'metrics-token'), `${randomBytes(32).toString('hex')}\n`);
}

/** Runs a command as the image's HEALTHCHECK does, in the service's environment. */
function healthCheck(service: LocalService, command: string[]): Promise<number | null> {
  const child = spawn(process.execPath, command.slice(1), { env: { PATH: process.env.PATH, ...service.env }, stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', resolve));
}

describePostgres('docker/compose.yaml, run as local processes', (url) => {
  beforeAll(async () => {
    const server = new URL(url);
    services = localServices({ portBase: PORT_BASE, dir, postgres: { host: server.host, database: DATABASE } });
    mkdirSync(join(dir, 'home'), { recursive: true });
    await emulatePostgres(url);
    await createSecrets();
    const awaited = new Set(
      Object.values(compose.services).flatMap((service) =>
        Object.entries(service.depends_on ?? {})
          .filter(([, { condition }]) => condition === 'service_completed_successfully')
          .map(([name]) => name),
      ),
    );
    for (const name of startOrder()) {
      const service = services.get(name);
      if (!service) continue; // an image the test stands in for (postgres) or leaves out (the collector)
      const process = startLocal(service, join(dir, 'home'));
      if (awaited.has(name)) {
        jobs.set(name, process);
        await process.exited;
      } else started.push(process);
    }
    await waitForStatus(`${services.get('gateway')!.url}/health/ready`, 200, 120_000).catch((error: Error) => {
      const outputs = [...jobs.values(), ...started].map((p) => `--- ${p.name}${p.running ? '' : ' (exited)'}:\n${p.text.slice(-2000)}`);
      throw new Error(`${error.message}\n${outputs.join('\n')}`);
    });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop()));
    const client = adminClient(url);
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await client.end();
  });

  it('the migration job, as the owner role, migrates and grants the runtime role the ledger as append-only', async () => {
    const job = jobs.get('migrate')!;
    expect([(await job.exited).code, job.text]).toEqual([0, expect.stringContaining('schema causeway is current')]);
    expect(job.text).toMatch(/role causeway_gateway granted \d+ tables, append-only: ledger_record, ledger_field, ledger_operation, ledger_checkpoint/);
  });

  it("every image's health check passes: the gateway's once it is ready, each bureau's without a gateway token", async () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (!service.build || jobs.has(name)) continue;
      const { healthCheck: command } = runtimeStage(service.build.dockerfile!, service.build.args);
      expect([name, await healthCheck(services.get(name)!, command)]).toEqual([name, 0]);
    }
    // …and fails where nothing serves.
    const gateway = services.get('gateway')!;
    const { healthCheck: command } = runtimeStage('docker/gateway.Dockerfile');
    expect(await healthCheck({ ...gateway, env: { ...gateway.env, CAUSEWAY_PORT: String(PORT_BASE + 50) } }, command)).toBe(1);
  });

  it('the gateway, running as the runtime role, serves a cross-bureau exchange and records it', async () => {
    const gateway = services.get('gateway')!;
    const person = demoPeople().find((p) => demoCivilRecord(p).allowance && demoHealthRecord(p).vaccinations.length > 0)!;
    const ask = caller(`${gateway.url}/graphql`, gateway.env.CAUSEWAY_DATA_DIR!);
    const answer = await ask('query($id: ID!) { person(idNumber: $id) { idNumber maritalStatus vaccinations { vaccine } } }', { id: person.idNumber });
    expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
    expect(answer.body.data?.person).toEqual({
      idNumber: person.idNumber,
      maritalStatus: demoCivilRecord(person).maritalStatus,
      vaccinations: demoHealthRecord(person).vaccinations.map(({ vaccine }) => ({ vaccine })),
    });
    const runtime = new URL(gateway.env.CAUSEWAY_DATABASE_URL!);
    const client = new pg.Client({ connectionString: runtime.toString() });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT decision FROM causeway.ledger_record WHERE exchange_id = $1', [answer.body.extensions?.causeway?.exchangeId]);
      expect(rows).toEqual([{ decision: 'ALLOWED' }]);
    } finally {
      await client.end();
    }
  });

  it("the gateway's /metrics answers the scraper holding the stack's metrics token, and nobody else", async () => {
    const gateway = services.get('gateway')!;
    const token = readFileSync(gateway.env.CAUSEWAY_METRICS_TOKEN_FILE!, 'utf8').trim();
    const scraped = await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect([scraped.status, await scraped.text()]).toEqual([200, expect.stringMatching(/^causeway_exchanges_total\{/m)]);
    const refused = await fetch(`${gateway.url}/metrics`);
    expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('the runtime role can neither change nor remove the ledger, nor drop its guards, nor change the schema', async () => {
    const client = new pg.Client({ connectionString: services.get('gateway')!.env.CAUSEWAY_DATABASE_URL! });
    await client.connect();
    const refusal = (sql: string) =>
      client.query(sql).then(
        () => 'allowed',
        (error: { code?: string }) => error.code,
      );
    try {
      // 42501: insufficient privilege, refused before any trigger runs.
      expect(await refusal("UPDATE causeway.ledger_record SET decision = 'DENIED'")).toBe('42501');
      expect(await refusal('DELETE FROM causeway.ledger_field')).toBe('42501');
      expect(await refusal('TRUNCATE causeway.ledger_checkpoint')).toBe('42501');
      expect(await refusal('DROP TRIGGER ledger_record_append_only ON causeway.ledger_record')).toBe('42501');
      expect(await refusal('CREATE TABLE causeway.shadow (id int)')).toBe('42501');
      expect(await refusal('UPDATE causeway.policy_state SET version = version')).toBe('allowed');
    } finally {
      await client.end();
    }
  });
});
