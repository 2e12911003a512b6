/**
 * A candidate storage layout for the ledger, measured before anything is
 * built on it (issue 15 asks ≤ 1 KB a record; the ledger takes about twice
 * that, bench/README.md). The same demo-like records as
 * `bench:ledger-scale`, sealed and compressed exactly as the ledger does,
 * stored in tables that keep every auditor filter an index walk (name,
 * time, id) but hold names as numbers from one name table, times as integer
 * milliseconds and hashes as bytes, and whose indexes, field rows and
 * data-subject rows refer to a record by one integer id instead of its
 * chain, sequence number and time as text (ledger-layout.rows.ts).
 *
 * Reports bytes per record by part, as ledger-bytes.ts does for the real
 * ledger: on SQLite, and with CAUSEWAY_BENCH_POSTGRES_URL on PostgreSQL too,
 * as written and compacted (indexes rebuilt full, as `ledger compact` does).
 * Nothing is timed: the layout's speed is a question for the code that
 * adopts it.
 *
 * Run: npm run bench:ledger-layout (BENCH_LAYOUT_RECORDS, default 200,000).
 * Results: bench/results/ledger-layout-<time>.json.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { GENESIS_HASH } from '#ledger';
import { layoutRows, NameTable, type LayoutRows } from './ledger-layout.rows.js';
import { SCALE_CHAIN as CHAIN, scaleEntry, SCALE_RANKS as RANKS } from './ledger-scale.records.js';

const RECORDS = Number(process.env.BENCH_LAYOUT_RECORDS ?? 200_000);
const BATCH = 500;

/** Tables and indexes: `$ID` an integer key, `$BIG` a 64-bit integer, `$BYTES` bytes (per database). */
const SCHEMA = [
  'CREATE TABLE r (id $ID PRIMARY KEY, chain integer NOT NULL, seq integer NOT NULL, t $BIG NOT NULL, system integer, department integer, purpose integer, decision integer, lvl integer, kind integer, exchange_id text NOT NULL, trace $BYTES, op $BYTES, prev $BYTES, hash $BYTES, content $BYTES)',
  'CREATE UNIQUE INDEX r_chain ON r (chain, seq)',
  'CREATE UNIQUE INDEX r_exchange ON r (exchange_id)',
  'CREATE INDEX r_trace ON r (trace)',
  ...['t', 'system', 'department', 'purpose', 'decision', 'lvl'].map((column) => `CREATE INDEX r_${column} ON r (${column === 't' ? '' : `${column}, `}t$ROWID)`),
  'CREATE TABLE f (record $BIG NOT NULL, t $BIG NOT NULL, owner integer NOT NULL, grade integer, fields $BYTES, PRIMARY KEY (record, owner)) $WITHOUT',
  'CREATE INDEX f_owner ON f (owner, t$RECORD)',
  'CREATE TABLE s (record $BIG NOT NULL, t $BIG NOT NULL, token $BYTES NOT NULL, owners $BYTES, PRIMARY KEY (record, token)) $WITHOUT',
  'CREATE INDEX s_token ON s (token, t$RECORD)',
  'CREATE TABLE n (id integer PRIMARY KEY, name text NOT NULL UNIQUE)',
];

/** SQLite's rowid ends every index of a rowid table by itself; PostgreSQL's indexes name the id, for the same keyset order. */
function schemaFor(postgres: boolean): string[] {
  const types: Record<string, string> = postgres
    ? { $ID: 'bigint', $BIG: 'bigint', $BYTES: 'bytea', $ROWID: ', id', $RECORD: ', record', $WITHOUT: '' }
    : { $ID: 'integer', $BIG: 'integer', $BYTES: 'blob', $ROWID: '', $RECORD: '', $WITHOUT: 'WITHOUT ROWID' };
  return SCHEMA.map((statement) => statement.replace(/\$[A-Z]+/g, (name) => types[name]!));
}

/** Every record's rows, in order, a batch at a time. */
function* batches(names: NameTable): Generator<LayoutRows[]> {
  let previous = GENESIS_HASH;
  for (let start = 0; start < RECORDS; start += BATCH) {
    const rows: LayoutRows[] = [];
    for (let i = start; i < Math.min(RECORDS, start + BATCH); i++) {
      const row = layoutRows(i + 1, CHAIN, i + 1, previous, scaleEntry(i, RECORDS), names, RANKS);
      previous = row.hash;
      rows.push(row);
    }
    yield rows;
  }
}

type Part = 'recordRows' | 'recordIndexes' | 'fieldRows' | 'subjectRows' | 'rest';

/** Bytes per record by part, from each table's and index's size. */
function perRecord(sizes: Array<{ name: string; bytes: number }>): Record<Part | 'total', number> {
  const parts: Record<Part, number> = { recordRows: 0, recordIndexes: 0, fieldRows: 0, subjectRows: 0, rest: 0 };
  for (const { name, bytes } of sizes) {
    const part: Part = name === 'r' ? 'recordRows' : name.startsWith('r_') ? 'recordIndexes' : /^f(_|$)/.test(name) ? 'fieldRows' : /^s(_|$)/.test(name) ? 'subjectRows' : 'rest';
    parts[part] += bytes;
  }
  const total = Object.values(parts).reduce((sum, bytes) => sum + bytes, 0);
  return Object.fromEntries(Object.entries({ total, ...parts }).map(([part, bytes]) => [part, Math.round(bytes / RECORDS)])) as Record<Part | 'total', number>;
}

function onSqlite(): Record<Part | 'total', number> {
  const dir = mkdtempSync(join(tmpdir(), 'causeway-layout-'));
  const db = new Database(join(dir, 'layout.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    for (const statement of schemaFor(false)) db.exec(statement);
    const names = new NameTable();
    const insert = (table: string, width: number) => db.prepare(`INSERT INTO ${table} VALUES (${Array(width).fill('?').join(', ')})`);
    const [record, field, subject] = [insert('r', 16), insert('f', 5), insert('s', 4)];
    for (const rows of batches(names)) {
      db.transaction(() => {
        for (const row of rows) {
          record.run(...row.record);
          for (const values of row.fields) field.run(...values);
          for (const values of row.subjects) subject.run(...values);
        }
      })();
    }
    const name = insert('n', 2);
    db.transaction(() => names.names.forEach((id, text) => name.run(id, text)))();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return perRecord(
      (db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{ name: string; bytes: number }>).filter((row) => !row.name.startsWith('sqlite_')),
    );
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function insertRows(client: pg.Client, table: string, rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const width = rows[0]!.length;
  const tuples = rows.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
  await client.query(`INSERT INTO ${table} VALUES ${tuples.join(', ')}`, rows.flat());
}

async function pgSizes(client: pg.Client, schema: string): Promise<Array<{ name: string; bytes: number }>> {
  const { rows } = await client.query<{ name: string; bytes: string }>(
    `SELECT c.relname AS name, pg_relation_size(c.oid) + COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0) AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'i')`,
    [schema],
  );
  // Named as on SQLite: r_pkey (the record's id) counts with the record indexes, f_pkey and s_pkey with their rows.
  return rows.map((row) => ({ name: row.name, bytes: Number(row.bytes) }));
}

async function onPostgres(url: string): Promise<{ asWritten: Record<Part | 'total', number>; compacted: Record<Part | 'total', number> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = `bench_layout_${process.pid}`;
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path = ${schema}`);
    for (const statement of schemaFor(true)) await client.query(statement);
    const names = new NameTable();
    for (const rows of batches(names)) {
      await client.query('BEGIN');
      await insertRows(
        client,
        'r',
        rows.map((row) => row.record),
      );
      await insertRows(
        client,
        'f',
        rows.flatMap((row) => row.fields),
      );
      await insertRows(
        client,
        's',
        rows.flatMap((row) => row.subjects),
      );
      await client.query('COMMIT');
    }
    await insertRows(
      client,
      'n',
      [...names.names].map(([text, id]) => [id, text]),
    );
    const asWritten = perRecord(await pgSizes(client, schema));
    // As `ledger compact` does a month that has ended: indexes full (nothing more is inserted), tables rewritten.
    const { rows: indexes } = await client.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = $1`, [schema]);
    for (const { name } of indexes) await client.query(`ALTER INDEX ${name} SET (fillfactor = 100)`);
    for (const table of ['r', 'f', 's']) await client.query(`VACUUM FULL ${table}`);
    const compacted = perRecord(await pgSizes(client, schema));
    return { asWritten, compacted };
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await client.end();
  }
}

async function main(): Promise<void> {
  const url = process.env.CAUSEWAY_BENCH_POSTGRES_URL;
  const results = {
    records: RECORDS,
    sqlite: onSqlite(),
    postgres: url ? await onPostgres(url) : 'not measured: CAUSEWAY_BENCH_POSTGRES_URL unset',
    node: process.version,
    at: new Date().toISOString(),
  };
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `ledger-layout-${results.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to ${file}\n`);
}

await main();
