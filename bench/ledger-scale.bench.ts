/**
 * Ledger at scale (issue 15): fills a fresh ledger with demo-like exchange
 * records through the gateway's own appender, seals it with a signed
 * checkpoint, then measures what auditors and operators meet:
 *   - fill: committed records/s (groups of 1,000, as a busy writer commits);
 *   - bytes per record on disk, and where they are (ledger-bytes.ts): the
 *     record rows themselves, their indexes, field and data-subject rows;
 *   - `verify`: records/s and the process's peak memory while it runs, on
 *     one thread and on one worker thread per core (`verifyParallel`), and
 *     `--deep` on those workers (`verifyDeepParallel`);
 *   - the first page (50) of every auditor filter, p50 and p95 of 15 runs;
 *   - statistics for one day and for the whole ledger (median of 3);
 *   - CSV export: rows/s over one day of records;
 *   - the floors of fill and verify on one thread, and of verify on every
 *     core at once (ledger-floor.ts), and each rate as a share of its floor.
 *
 * Run: npm run bench:ledger-scale (SQLite, BENCH_SCALE_RECORDS, default
 * 1,000,000); with CAUSEWAY_BENCH_POSTGRES_URL set, on PostgreSQL instead.
 * Results: bench/results/ledger-scale-<database>-<time>.json.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type GatewayDatabase } from '#database';
import {
  CheckpointSealer,
  compactClosedMonths,
  createLedgerAppender,
  exportLedger,
  LEDGER_FEATURE,
  ledgerStatistics,
  LedgerReader,
  MIN_SEGMENT,
  searchLedger,
  verifyLedger,
  WorkerSegmentRunner,
  type LedgerFilter,
  type VerificationReport,
} from '#ledger';
import { ledgerBytes } from './ledger-bytes.js';
import { ledgerFloors } from './ledger-floor.js';
import { SCALE_CHAIN as CHAIN, scaleEntry, SCALE_DAYS, SCALE_RANKS as RANKS, SCALE_START } from './ledger-scale.records.js';

const RECORDS = Number(process.env.BENCH_SCALE_RECORDS ?? 1_000_000);
/**
 * PostgreSQL: a schema an earlier run filled with BENCH_SCALE_RECORDS records
 * (and stopped before it dropped it), measured again without filling it: the
 * reads and the bytes only (its checkpoints' signing key is gone with that run,
 * so no verify); kept afterwards.
 */
const REUSE = process.env.BENCH_SCALE_SCHEMA;
const GROUP = 1000;
const DAY = 86_400_000;

async function database(): Promise<{ location: GatewayDatabase; schema?: string; bytes: (source: DataSource) => Promise<number>; drop: () => Promise<void> }> {
  const url = process.env.CAUSEWAY_BENCH_POSTGRES_URL;
  if (!url) {
    const file = join(mkdtempSync(join(tmpdir(), 'causeway-scale-')), 'gateway.sqlite');
    return {
      location: { type: 'sqlite', file },
      bytes: async (source) => {
        await source.query('PRAGMA wal_checkpoint(TRUNCATE)');
        return statSync(file).size;
      },
      drop: async () => {},
    };
  }
  const schema = REUSE ?? `bench_scale_${process.pid}`;
  if (!REUSE) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
  }
  return {
    location: { type: 'postgres', url },
    schema,
    bytes: async (source) => {
      const [row] = (await source.query(
        `SELECT SUM(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
        [schema],
      )) as Array<{ bytes: string }>;
      return Number(row!.bytes);
    },
    drop: async () => {
      if (REUSE) return;
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
      await dropper.end();
    },
  };
}

/** A subject of one of the last records (refused records have none). */
function someSubject(): string {
  for (let i = RECORDS - 1; ; i--) {
    const subjects = scaleEntry(i, RECORDS).subjects;
    if (subjects) return subjects[0]!.token;
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** RECORDS records on one chain, committed in groups. */
async function fillLedger(appender: ReturnType<typeof createLedgerAppender>, reader: LedgerReader): Promise<void> {
  let head = await reader.head(CHAIN);
  for (let start = 0; start < RECORDS; start += GROUP) {
    const pending = Array.from({ length: Math.min(GROUP, RECORDS - start) }, (_, i) => ({ entry: scaleEntry(start + i, RECORDS), operation: null }));
    const positions = await appender.append(CHAIN, head, pending);
    head = positions[positions.length - 1]!;
    if ((start / GROUP) % 100 === 0) process.stderr.write(`  filled ${start + pending.length}\r`);
  }
}

/** The reads people make: the first page of every filter, statistics for a day and for everything, a day's CSV export. */
async function reads(reader: LedgerReader) {
  const someDay = new Date(Date.parse(SCALE_START) + Math.floor(SCALE_DAYS / 2) * DAY).toISOString();
  const nextDay = new Date(Date.parse(someDay) + DAY).toISOString();
  const filters: Record<string, LedgerFilter> = {
    system: { system: 'health.vaccination-outreach' },
    department: { department: 'market-regulation' },
    owner: { ownerDepartment: 'civil-affairs' },
    coordinate: { coordinate: 'Person.subsistenceAllowance' },
    purpose: { purpose: 'business-licensing' },
    decision: { decision: 'DENIED' },
    level: { minLevelRank: 2 },
    'time range': { from: someDay, to: nextDay },
    subject: { subjectTokens: [someSubject()] },
  };
  const pages: Record<string, { p50: number; p95: number; found: number }> = {};
  for (const [name, filter] of Object.entries(filters)) {
    const runs: number[] = [];
    let found = 0;
    for (let i = 0; i < 15; i++) {
      const run = await timed(() => searchLedger(reader, filter, 50, null));
      runs.push(run.ms);
      found = run.value.records.length;
    }
    pages[name] = { p50: quantile(runs, 0.5), p95: quantile(runs, 0.95), found };
  }
  const median = async (run: () => Promise<unknown>) => quantile([(await timed(run)).ms, (await timed(run)).ms, (await timed(run)).ms], 0.5);
  const statistics = {
    dayMs: await median(() => ledgerStatistics(reader, someDay, nextDay)),
    wholeMs: await median(() => ledgerStatistics(reader, SCALE_START, '2100-01-01T00:00:00Z')),
  };
  let rows = 0;
  const exported = await timed(() =>
    pipeline(
      exportLedger(reader, { from: someDay, to: nextDay }, 'csv'),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          rows += chunk.toString('utf8').split('\n').length - 1;
          done();
        },
      }),
    ),
  );
  return { pages, statistics, csvExport: { rows: rows - 1, rowsPerSecond: Math.round((rows - 1) / (exported.ms / 1000)) } };
}

/**
 * One verification of the whole ledger: records/s, and the peak memory of
 * this process and its worker threads (RSS covers both) while it ran.
 */
async function measureVerify(run: () => Promise<VerificationReport>): Promise<{ recordsPerSecond: number; peakRssMiB: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const { ms, value } = await timed(run).finally(() => clearInterval(sampler));
  if (!value.ok || value.verified !== RECORDS) throw new Error(`the filled ledger does not verify: ${JSON.stringify(value.broken)}`);
  return { recordsPerSecond: Math.round(value.verified / (ms / 1000)), peakRssMiB: Math.round(peak / 2 ** 20) };
}

/** Workers that failed leave the ledger verified on this thread: not the rate the parallel line reports, so the run stops. */
function unlessOnWorkers(error: Error): never {
  throw error;
}

async function verifyOnWorkers(location: GatewayDatabase, schema: string | undefined, jobs: number, run: (runner: WorkerSegmentRunner) => Promise<VerificationReport>) {
  const runner = new WorkerSegmentRunner(location, RANKS, jobs, schema);
  try {
    return await measureVerify(() => run(runner));
  } finally {
    await runner.close();
  }
}

/** A record's share of the ledger's bytes now, in all and by where they are (ledger-bytes.ts). */
async function bytesPerRecord(db: Awaited<ReturnType<typeof database>>, source: DataSource) {
  const bytes = await db.bytes(source);
  const where = await ledgerBytes(source, db.schema, bytes);
  const perRecord = (total: number) => Math.round(total / RECORDS);
  return { bytesPerRecord: perRecord(bytes), bytesPerRecordBy: Object.fromEntries(Object.entries(where).map(([part, total]) => [part, perRecord(total)])) };
}

function write(results: { database: string; at: string }): void {
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `ledger-scale-${results.database}-${results.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to ${file}\n`);
}

async function main(): Promise<void> {
  const db = await database();
  const source = await new DataSource(dataSourceOptions(db.location, [LEDGER_FEATURE], db.schema ? { schema: db.schema } : {})).initialize();
  const appender = createLedgerAppender(source, RANKS);
  const reader = new LedgerReader(source);
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'EdDSA' }] };
  const sealer = new CheckpointSealer(appender, CHAIN, { issuer: 'causeway-gateway', signer: async () => ({ kid: 'bench', key: privateKey }) });
  try {
    const fill = REUSE ? null : await timed(() => sealer.announce().then(() => fillLedger(appender, reader)));
    if (!REUSE) await sealer.seal(true);
    await appender.close();
    const written = await bytesPerRecord(db, source);
    const verify = REUSE ? null : await measureVerify(() => verifyLedger(reader, jwks, RANKS));
    const jobs = availableParallelism();
    const onWorkers = (deep: boolean) =>
      verifyOnWorkers(db.location, db.schema, jobs, (runner) => verifyLedger(reader, jwks, RANKS, { deep, parallel: { runner, minimum: MIN_SEGMENT, failed: unlessOnWorkers } }));
    const parallel = REUSE ? null : await onWorkers(false);
    // `ledger verify --deep`: every record parsed and its rows derived from its content as well, on the same workers.
    const deep = REUSE ? null : await onWorkers(true);
    const floors = await ledgerFloors(RECORDS, jobs);
    const share = (rate: number | undefined, floor: number) => (rate === undefined ? undefined : Math.round((100 * rate) / floor) / 100);
    const { pages, statistics, csvExport } = await reads(reader);
    // The month filled has ended: compacted as `causeway ledger compact` does it monthly (PostgreSQL), after the reads above.
    const compaction = db.location.type === 'postgres' ? await timed(() => compactClosedMonths(source, Date.now())) : null;
    const compacted = compaction ? await bytesPerRecord(db, source) : null;
    const fillRate = fill ? Math.round(RECORDS / (fill.ms / 1000)) : undefined;
    const results = {
      database: db.location.type,
      records: RECORDS,
      ...(REUSE ? { reused: REUSE } : {}),
      fill: fill && { recordsPerSecond: fillRate, ofFloor: share(fillRate, floors.fillPerThread) },
      ...written,
      compacted: compaction && { seconds: Math.round(compaction.ms / 100) / 10, partitions: compaction.value.length, ...compacted },
      verify: verify && { ...verify, ofFloor: share(verify.recordsPerSecond, floors.verifyPerThread) },
      verifyParallel: parallel && {
        jobs,
        ...parallel,
        ofFloor: share(parallel.recordsPerSecond, floors.verifyPerThread),
        ofAllThreadsFloor: share(parallel.recordsPerSecond, floors.verifyAllThreads),
      },
      verifyDeepParallel: deep && { jobs, ...deep, ofAllThreadsFloor: share(deep.recordsPerSecond, floors.verifyAllThreads) },
      // The least one record costs on one thread here, measured in this run (bench/ledger-floor.ts): rates above as shares of it.
      floorPerThread: { verify: floors.verifyPerThread, fill: floors.fillPerThread },
      // The verify floor on `jobs` threads at once: the most any verification could reach on this machine.
      floorAllThreads: { threads: jobs, verify: floors.verifyAllThreads },
      firstPageMs: pages,
      statistics,
      csvExport,
      node: process.version,
      at: new Date().toISOString(),
    };
    write(results);
  } finally {
    await source.destroy();
    await db.drop();
  }
}

await main();
