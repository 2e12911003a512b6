import { afterAll, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createTestSchema, describePostgres } from './support/postgres.js';
import { sleep, startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * Start-up against a database as operators meet it: a PostgreSQL schema
 * that does not exist yet is created and migrated; an unreachable database
 * is one line per attempt, saying why, not a stack trace per attempt.
 */
const BASE = 16000;
const started: TestProcess[] = [];

afterAll(async () => {
  await Promise.all(started.map((p) => p.stop()));
});

async function tablesIn(url: string, schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    return rows.map((row) => row.table_name);
  } finally {
    await client.end();
  }
}

describePostgres('the gateway database at start', (url) => {
  it('creates a PostgreSQL schema that does not exist yet, and migrates it', async () => {
    const schema = `causeway_new_${randomBytes(6).toString('hex')}`;
    const gateway = startGateway(BASE, tempDir('new-schema'), { CAUSEWAY_DATABASE_URL: url, CAUSEWAY_DATABASE_SCHEMA: schema });
    started.push(gateway);
    try {
      let tables: string[] = [];
      for (let i = 0; i < 120 && !tables.includes('ledger_record'); i++) {
        await sleep(250);
        tables = await tablesIn(url, schema);
      }
      expect(tables).toEqual(expect.arrayContaining(['ledger_record', 'registered_system', 'policy_grant', 'registered_operation', 'migrations']));
      expect(gateway.running).toBe(true);
    } finally {
      await gateway.stop();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  it('a gateway that only verifies migrations refuses, in one line, a schema the owner role has not migrated', async () => {
    const { schema, drop } = await createTestSchema(url);
    const gateway = startGateway(BASE + 20, tempDir('unmigrated'), { CAUSEWAY_DATABASE_URL: url, CAUSEWAY_DATABASE_SCHEMA: schema, CAUSEWAY_DATABASE_MIGRATIONS: 'verify' });
    started.push(gateway);
    try {
      expect((await gateway.exited).code).toBe(78);
      expect(gateway.text).toMatch(/CAUSEWAY_DATABASE_MIGRATIONS: is verify, and \d+ migration\(s\) have not run \(CreateRegistry1764100000000, .*\): run them as the owner role first/);
      expect(gateway.text).not.toMatch(/^\s+at /m);
      expect(await tablesIn(url, schema)).toEqual([]);
    } finally {
      await drop();
    }
  });
});

it('says in one line per attempt that the database cannot be reached, and why', async () => {
  const gateway = startGateway(BASE + 10, tempDir('no-database'), { CAUSEWAY_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' });
  started.push(gateway);
  await gateway.waitForOutput(/attempt 2 of \d+/, 30_000);
  const lines = gateway.text.split('\n').filter((line) => line.includes('cannot be reached'));
  expect(lines.length).toBeGreaterThanOrEqual(2);
  expect(lines[0]).toMatch(/the database cannot be reached \(.*ECONNREFUSED.*\); attempt 1 of \d+, retrying in \d+ s/);
  // No stack trace: no line of the output is a stack frame.
  expect(gateway.text).not.toMatch(/^\s+at /m);
  await gateway.stop();
});
