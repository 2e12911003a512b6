/**
 * Ledger commit benchmark (issue 5): committed records per second with
 * group commit, against one transaction per record as the baseline, side
 * by side in one run, on the embedded SQLite and on PostgreSQL; and how
 * long an exchange waits for its record (the ledger's share of its latency).
 * Target: ≥ 5,000 committed records/s with group commit on each database.
 *
 * Run: npm run bench:ledger  (PostgreSQL from CAUSEWAY_BENCH_POSTGRES_URL or
 * CAUSEWAY_TEST_POSTGRES_URL; without either it is left out, saying so)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type GatewayDatabase } from '#database';
import { createLedgerAppender, LEDGER_FEATURE, LedgerWriter, type ExchangeEntry } from '#ledger';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 20_000);
const BASELINE_RECORDS = Math.max(500, Math.floor(RECORDS / 10));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const RANKS = new Map(['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'].map((level, rank) => [level, rank]));

let counter = 0;
/** A typical exchange record: six fields over two bureaus, masks, one denial. */
function entry(): ExchangeEntry {
  const id = `bench-${process.pid}-${counter++}`;
  const now = new Date().toISOString();
  const field = (path: string, coordinate: string, owner: string, outcome: 'served' | 'masked' | 'denied', mask: string | null) => ({
    path,
    coordinate,
    owner,
    level: 'SENSITIVE',
    outcome,
    mask,
    reason: outcome === 'denied' ? 'DENIED_BY_GRANT' : null,
    rules: ['grant:ps-civil-person'],
  });
  return {
    kind: 'exchange',
    exchangeId: id,
    startedAt: now,
    endedAt: now,
    caller: { system: 'civil-affairs.subsidy-review', department: 'civil-affairs', issuer: 'civil-affairs.subsidy-review', tokenId: id, verified: true },
    purpose: 'subsidy-eligibility',
    operation: { name: 'Applicant', hash: 'a'.repeat(64), variablesHash: 'b'.repeat(64) },
    decision: 'PARTIAL',
    enforcement: 'filter',
    policyVersion: 7,
    fields: [
      field('person', 'Query.person', 'public-security', 'served', null),
      field('person.name', 'Person.name', 'public-security', 'masked', 'NAME'),
      field('person.idNumber', 'Person.idNumber', 'public-security', 'served', null),
      field('person.householdAddress', 'Person.householdAddress', 'public-security', 'masked', 'ADDRESS'),
      field('person.phone', 'Person.phone', 'public-security', 'denied', null),
      field('person.maritalStatus', 'Person.maritalStatus', 'civil-affairs', 'served', null),
    ],
    bureaus: [
      { bureau: 'public-security', ok: true, durationMs: 4.2, failure: null },
      { bureau: 'civil-affairs', ok: true, durationMs: 3.1, failure: null },
    ],
    errorCodes: ['FORBIDDEN_FIELD'],
    grade: { maxLevel: 'SENSITIVE', maxLevelRank: 2, piiServed: { ID_NUMBER: 1 } },
    traceId: '0af7651916cd43dd8448eb211c80319c',
    clientAddress: '10.0.0.7',
    responseBytes: 412,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(name: string, database: GatewayDatabase, schema?: string): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(database, [LEDGER_FEATURE], { schema })).initialize();
  const store = createLedgerAppender(dataSource, RANKS);
  try {
    // Baseline: one transaction per record, one exchange at a time.
    let head = await store.head('bench-baseline');
    const baselineStart = process.hrtime.bigint();
    for (let i = 0; i < BASELINE_RECORDS; i++) head = (await store.append('bench-baseline', head, [{ entry: entry(), operation: null }]))[0]!;
    const baselineSeconds = Number(process.hrtime.bigint() - baselineStart) / 1e9;
    const baselineRate = BASELINE_RECORDS / baselineSeconds;

    // Group commit: CONCURRENCY exchanges in flight, each waiting for its record's commit.
    const writer = new LedgerWriter(store, 'bench-group');
    const latencies: number[] = [];
    let issued = 0;
    const groupStart = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (issued < RECORDS) {
          issued++;
          const started = process.hrtime.bigint();
          await writer.append(entry(), { hash: 'a'.repeat(64), document: 'query Applicant { person { name } }' });
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      }),
    );
    const groupSeconds = Number(process.hrtime.bigint() - groupStart) / 1e9;
    const groupRate = RECORDS / groupSeconds;
    latencies.sort((a, b) => a - b);

    // An exchange alone: how long it waits for its record when nothing else is in flight.
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = process.hrtime.bigint();
      await writer.append(entry());
      idle.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    idle.sort((a, b) => a - b);
    return [
      `${name}: one transaction per record (baseline)   ${baselineRate.toFixed(0).padStart(7)} records/s   1.00`,
      `${name}: group commit, ${CONCURRENCY} in flight            ${groupRate.toFixed(0).padStart(7)} records/s   ${(groupRate / baselineRate).toFixed(1)}×`,
      `${name}: wait for the commit under that load     p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`,
      `${name}: wait for the commit, exchange alone     p50 ${percentile(idle, 50).toFixed(2)} ms, p99 ${percentile(idle, 99).toFixed(2)} ms`,
    ];
  } finally {
    await store.close();
    await dataSource.destroy();
  }
}

const lines: string[] = [];
lines.push(...(await measure('sqlite', { type: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'causeway-bench-')), 'gateway.sqlite') })));
const postgresUrl = process.env.CAUSEWAY_BENCH_POSTGRES_URL ?? process.env.CAUSEWAY_TEST_POSTGRES_URL;
if (postgresUrl) {
  const schema = `causeway_bench_${process.pid}`;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  try {
    lines.push(...(await measure('postgres', { type: 'postgres', url: postgresUrl }, schema)));
  } finally {
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  }
} else {
  lines.push('postgres: left out (set CAUSEWAY_BENCH_POSTGRES_URL or CAUSEWAY_TEST_POSTGRES_URL)');
}
console.log(`Ledger commits, ${RECORDS} records (baseline ${BASELINE_RECORDS}), Node ${process.version}\n`);
for (const line of lines) console.log(line);
console.log('\nTarget: ≥ 5,000 committed records/s with group commit on each database.');
