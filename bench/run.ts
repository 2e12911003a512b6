/**
 * Causeway against the gateways people would pick instead — a bare Apollo
 * gateway, Hive Gateway and Hive Gateway with its Rust planner, each fetching
 * per caller — and the direct bureau, side by side in one run, with the cost
 * of each security layer.
 *
 *   npm run bench            full run (≈ 4½ minutes on 2 cores)
 *   npm run bench -- --quick smoke check (≈ 2 minutes)
 *   npm run bench -- --only bare,sqlite --profile /tmp/prof
 *                            some targets only (direct, bare, hive, sqlite, apollo-engine,
 *                            postgres, layers), each gateway under --cpu-prof into DIR
 *   npm run bench -- --operations small   some operations only (single, small, deep)
 *   npm run bench -- --env OTEL_SDK_DISABLED=true   extra environment for the Causeway targets (experiments)
 *   npm run bench -- --variant OTEL_SDK_DISABLED=true  one more Causeway (SQLite) target with that environment,
 *                            measured side by side with the others (A/B experiments)
 *
 * Production builds of the four demo bureaus run once; every target is
 * started on the same bureaus before any is loaded, warmed up on every
 * operation, then loaded with autocannon (as a library) on loopback at a
 * fixed concurrency in interleaved rounds, target after target. Every
 * response is checked (status 200, no errors, the expected shape): an
 * invalid answer is an error, never throughput. Ratios are to the bare
 * gateway, to the fastest per-caller peer and to the direct bureau, all
 * measured in this run. Results go to
 * bench/results/<date>.json and a markdown table on stdout.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '#config';
import { demoPeople } from '#demo-data';
import { DEFAULT_GATEWAY_ISSUER, ExchangeTokenSigner, gatewayKeyFile, GatewayKeystore } from '#exchange-token';
import { ensureDevSystemKey } from '#identity';
import { load } from './bench-load.js';
import { bureauTokens, CALLER, callerTokens } from './bench-tokens.js';
import { PER_CALLER_PEERS, resultsTable, writeResults } from './bench-report.js';
import { barePeer, hivePeers } from './peer-targets.js';
import { checkSameAnswers } from './same-answers.js';
import type { Row, Target } from './run.types.js';
import { benchOperations, type Operation } from './bench-operations.js';
import { appScript, parseBenchArgs, slug } from './bench-args.js';
import { startScript, waitFor, type BenchProcess } from './bench-processes.js';

const { TARGETS, args, quick, only, extraEnv, variants } = parseBenchArgs();
/** Node flags for a gateway target: a CPU profile per target when --profile DIR is given. */
const profiled = (label: string) => (args.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(args.profile, slug(label))}`] : []);
/** Each target is loaded ROUNDS times for ROUND_S seconds, interleaved with the others, after the warm-up. */
const ROUNDS = quick ? 2 : 4;
const ROUND_S = quick ? 1 : 2;
const WARMUP_S = quick ? 1 : 1.5;
/** Single-use tokens made per second of load (running out shows as errors: the direct bureau has answered 4,500 requests a second here). */
const TOKENS_PER_S = 8_000;
const CONNECTIONS = 16;
const BASE = 16000;
const BUREAUS = ['public-security', 'civil-affairs', 'health', 'market-regulation'] as const;
const postgresUrl = process.env.CAUSEWAY_BENCH_POSTGRES_URL ?? process.env.CAUSEWAY_TEST_POSTGRES_URL;

const dataDir = mkdtempSync(join(tmpdir(), 'causeway-bench-'));
const OPERATIONS = benchOperations(demoPeople().slice(0, 200));

const operationKeys = new Set(args.operations ? args.operations.split(',').map((key) => key.trim()) : Object.keys(OPERATIONS));
for (const key of operationKeys) {
  if (!(key in OPERATIONS)) throw new Error(`--operations: unknown operation "${key}" (known: ${Object.keys(OPERATIONS).join(', ')})`);
}
/** The operations this run measures, among those a target is measured with. */
const chosen = (...operations: Operation[]) => operations.filter((operation) => [...operationKeys].some((key) => OPERATIONS[key as keyof typeof OPERATIONS] === operation));

const rows: Row[] = [];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Loads every target with every operation it can serve, before anything is
 * measured (JIT, caches, connection pools) — the same sequence for all, so
 * that no process is measured with code the others' warm-up optimised
 * differently (a gateway measured on one operation only would otherwise
 * run colder than one that saw all three).
 */
async function warmUp(targets: Target[]): Promise<void> {
  for (const target of targets) {
    for (const operation of target.servable) {
      await load(target.url, operation, await target.authorization(operation, TOKENS_PER_S * (WARMUP_S + 1)), WARMUP_S, CONNECTIONS);
    }
  }
}

/**
 * Measures one operation on every target that runs it, interleaved (after
 * the warm-up of all): ROUNDS rounds in which each target is loaded in turn.
 * A drift of the machine's speed during the run (a noisy neighbour, a
 * throttled core) then falls on every target alike instead of on whichever
 * happened to run at that time.
 */
async function measureInterleaved(operation: Operation, targets: Target[]): Promise<void> {
  const tokensFor = (target: Target, seconds: number) => target.authorization(operation, TOKENS_PER_S * (seconds + 1));
  const totals = new Map(targets.map((target) => [target, { valid: 0, errors: 0, seconds: 0, p50: [] as number[], p99: [] as number[], targetMs: 0, bureausMs: 0 }]));
  const bureausCpu = () => bureaus.reduce((sum, bureau) => sum + (bureau.cpuMs() ?? Number.NaN), 0);
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      const tokens = await tokensFor(target, ROUND_S);
      const before = { target: target.process.cpuMs() ?? Number.NaN, bureaus: bureausCpu() };
      const result = await load(target.url, operation, tokens, ROUND_S, CONNECTIONS);
      const total = totals.get(target)!;
      total.targetMs += (target.process.cpuMs() ?? Number.NaN) - before.target;
      total.bureausMs += bureausCpu() - before.bureaus;
      total.valid += result.valid;
      total.errors += result.errors;
      total.seconds += result.seconds;
      total.p50.push(result.p50Ms);
      total.p99.push(result.p99Ms);
    }
  }
  for (const target of targets) {
    const total = totals.get(target)!;
    const perRequest = (ms: number) => (Number.isFinite(ms) && total.valid > 0 ? (ms * 1000) / total.valid : null);
    // The direct bureau is one of the bureaus: its CPU is the target's, not counted twice.
    const direct = bureaus.includes(target.process);
    const row: Row = {
      target: target.label,
      operation: operation.name,
      requestsPerSecond: total.valid / total.seconds,
      p50Ms: median(total.p50),
      p99Ms: median(total.p99),
      errors: total.errors,
      peakRssMiB: target.process.peakRssMiB(),
      targetCpuUs: perRequest(total.targetMs),
      bureausCpuUs: direct ? null : perRequest(total.bureausMs),
    };
    rows.push(row);
    console.error(
      `  ${row.target.padEnd(42)} ${operation.name.padEnd(26)} ${row.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms  errors ${row.errors}  cpu/req ${row.targetCpuUs?.toFixed(0)} µs (bureaus ${row.bureausCpuUs?.toFixed(0) ?? '-'} µs)`,
    );
  }
}

// ---- set up: keys, a JWKS for the bureaus, the bureaus, the supergraph ----
const keyFile = gatewayKeyFile(dataDir);
mkdirSync(join(dataDir, 'keys'), { recursive: true });
const keystore = await GatewayKeystore.open(keyFile, { create: true });
const signer = new ExchangeTokenSigner(keystore, DEFAULT_GATEWAY_ISSUER);
await ensureDevSystemKey(dataDir, CALLER.system);
const jwks = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keystore.jwks())));
await new Promise<void>((resolve) => jwks.listen(BASE + 99, '127.0.0.1', resolve));
const bureauUrl = (i: number) => `http://127.0.0.1:${BASE + 1 + i}/graphql`;
const bureaus = BUREAUS.map((bureau, i) =>
  startScript(bureau, appScript(bureau), {
    CAUSEWAY_PORT: String(BASE + 1 + i),
    CAUSEWAY_DATA_DIR: dataDir,
    CAUSEWAY_GATEWAY_JWKS_URL: `http://127.0.0.1:${BASE + 99}/.well-known/jwks.json`,
  }),
);
const stopAll: BenchProcess[] = [...bureaus];
let pgSchema: string | null = null;
try {
  // A bureau answers a request without an exchange token with 401: it is up.
  for (const [i, bureau] of bureaus.entries()) await waitFor(bureauUrl(i), bureau, 60_000, (status) => status < 500);
  const supergraphFile = join(dataDir, 'supergraph.graphql');
  const bureauList = BUREAUS.map((bureau, i) => `${bureau}=${bureauUrl(i)}`).join(',');
  {
    // The same supergraph for every gateway, composed once from the running bureaus.
    // Asynchronously: the bureaus fetch the JWKS from this very process while compose runs.
    await promisify(execFile)(
      process.execPath,
      [join(projectRoot(), 'bin/causeway.js'), 'compose', '--out', supergraphFile, '--data-dir', dataDir, ...BUREAUS.flatMap((bureau, i) => ['--bureau', `${bureau}=${bureauUrl(i)}`])],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', APOLLO_TELEMETRY_DISABLED: 'true' },
      },
    );
  }
  console.error(
    `Causeway benchmark${quick ? ' (quick)' : ''}: ${WARMUP_S} s warm-up per target and operation, then ${ROUNDS} interleaved rounds of ${ROUND_S} s each, ${CONNECTIONS} connections, Node ${process.version}`,
  );

  // ---- the targets, all started before any is loaded; idle ones cost nothing ----
  const targets: Target[] = [];
  if (only.has('direct')) {
    targets.push({
      label: 'direct bureau (public-security)',
      process: bureaus[0]!,
      url: bureauUrl(0),
      ready: null,
      operations: [OPERATIONS.single],
      servable: [OPERATIONS.single],
      authorization: (operation, count) => bureauTokens(signer, 'public-security', operation, count),
    });
  }
  const peers = { supergraphFile, keyFile, profiled, operations: OPERATIONS };
  if (only.has('bare')) targets.push(barePeer(peers, BASE + 10));
  if (only.has('hive')) targets.push(...hivePeers(peers, BASE + 30));
  for (const peer of targets) if (peer.process !== bureaus[0]) stopAll.push(peer.process);
  const causeway = async (port: number, label: string, env: Record<string, string>, operations: Operation[], authenticated = true) => {
    const gateway = startScript(
      label,
      // The production entry point, but for the layers-off targets: only the benchmark's gateway can switch a layer off.
      appScript('gateway', env.CAUSEWAY_BENCH_LAYERS_OFF ? 'bench-main' : 'main'),
      // The load is one system's: its rate limit is lifted (the check itself still runs).
      {
        CAUSEWAY_PORT: String(port),
        CAUSEWAY_DATA_DIR: dataDir,
        CAUSEWAY_DEV_SYSTEM_KEYS: 'true',
        CAUSEWAY_SUPERGRAPH_FILE: supergraphFile,
        CAUSEWAY_BUREAUS: bureauList,
        CAUSEWAY_RATE_LIMIT: '1000000',
        ...env,
        ...extraEnv,
      },
      profiled(label),
    );
    stopAll.push(gateway);
    targets.push({
      label,
      process: gateway,
      url: `http://127.0.0.1:${port}/graphql`,
      ready: { url: `http://127.0.0.1:${port}/health`, accept: (status) => status === 200 },
      operations,
      servable: Object.values(OPERATIONS),
      authorization: async (_operation, count) => (authenticated ? callerTokens(dataDir, count) : null),
    });
    // The SQLite targets share one database file: each opens it (runs or checks its migrations) before the next starts.
    if (!env.CAUSEWAY_DATABASE_URL) await waitFor(`http://127.0.0.1:${port}/health`, gateway, 60_000, (status) => status === 200);
  };
  if (only.has('sqlite')) await causeway(BASE + 11, 'Causeway, every layer (SQLite ledger)', {}, Object.values(OPERATIONS));
  // The default federation engine is Hive's runtime; this is Causeway on the other one, side by side.
  if (only.has('apollo-engine'))
    await causeway(BASE + 16, 'Causeway, every layer, @apollo/gateway engine (SQLite ledger)', { CAUSEWAY_FEDERATION_ENGINE: 'apollo' }, Object.values(OPERATIONS));
  for (const [i, [key, value]] of variants.entries()) await causeway(BASE + 20 + i, `Causeway (SQLite), ${key}=${value}`, { [key]: value }, Object.values(OPERATIONS));
  if (!only.has('postgres')) {
    // not asked for
  } else if (postgresUrl) {
    pgSchema = `causeway_bench_${process.pid}`;
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA ${pgSchema}`);
    await client.end();
    await causeway(BASE + 12, 'Causeway, every layer (PostgreSQL ledger)', { CAUSEWAY_DATABASE_URL: postgresUrl, CAUSEWAY_DATABASE_SCHEMA: pgSchema }, [OPERATIONS.small, OPERATIONS.deep]);
  } else {
    console.error('  Causeway with the PostgreSQL ledger: left out (set CAUSEWAY_BENCH_POSTGRES_URL or CAUSEWAY_TEST_POSTGRES_URL)');
  }
  if (only.has('layers')) {
    await causeway(BASE + 13, 'Causeway, authentication off', { CAUSEWAY_BENCH_LAYERS_OFF: 'authentication' }, [OPERATIONS.small], false);
    await causeway(BASE + 14, 'Causeway, policy off', { CAUSEWAY_BENCH_LAYERS_OFF: 'policy' }, [OPERATIONS.small]);
    await causeway(BASE + 15, 'Causeway, ledger off', { CAUSEWAY_BENCH_LAYERS_OFF: 'ledger' }, [OPERATIONS.small]);
  }
  // Causeway is ready when /health says 200; the bare gateway when it answers at all.
  for (const { ready, process: started } of targets) if (ready) await waitFor(ready.url, started, 60_000, ready.accept);

  await checkSameAnswers(
    targets.filter((target) => PER_CALLER_PEERS.includes(target.label) || target.label.startsWith('Hive')),
    chosen(...Object.values(OPERATIONS)),
  );
  await warmUp(targets);
  for (const operation of chosen(...Object.values(OPERATIONS))) {
    await measureInterleaved(
      operation,
      targets.filter((target) => target.operations.includes(operation)),
    );
  }
} finally {
  await Promise.all(stopAll.map((process_) => process_.stop()));
  jwks.close();
  if (pgSchema && postgresUrl) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
    await client.end();
  }
}

// ---- report ----
const partial = only.size < TARGETS.length || operationKeys.size < Object.keys(OPERATIONS).length;
const settings = { quick, rounds: ROUNDS, roundS: ROUND_S, warmupS: WARMUP_S, connections: CONNECTIONS };
const file = writeResults(rows, settings, Object.fromEntries(Object.entries(OPERATIONS).map(([key, op]) => [key, op.description])), partial);
console.log(`\n${resultsTable(rows)}\n\nResults: ${file}`);
