/**
 * Causeway against a bare Apollo gateway and the direct bureau, side by side
 * in one run, with the cost of each security layer (issue 7).
 *
 *   npm run bench            full run (≈ 4½ minutes on 2 cores)
 *   npm run bench -- --quick smoke check (≈ 1 minute)
 *
 * Production builds of the four demo bureaus run once; each target is
 * started in turn on the same bureaus and loaded with autocannon (as a
 * library) on loopback, after a warm-up, at a fixed concurrency. Every
 * response is checked (status 200, no errors, the expected shape): an
 * invalid answer is an error, never throughput. Ratios are to the bare
 * gateway (and the direct bureau) measured in this run. Results go to
 * bench/results/<date>.json and a markdown table on stdout.
 */
import autocannon from 'autocannon';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { projectRoot } from '#config';
import { demoPeople } from '#demo-data';
import { bodyHash, DEFAULT_GATEWAY_ISSUER, ExchangeTokenSigner, gatewayKeyFile, GatewayKeystore } from '#exchange-token';
import { ensureDevSystemKey, signDevClientAssertion } from '#identity';
import { startScript, waitFor, type BenchProcess } from './bench-processes.js';

const quick = process.argv.includes('--quick');
const DURATION_S = quick ? 3 : 7;
const WARMUP_S = quick ? 1 : 2;
const CONNECTIONS = 16;
const BASE = 16000;
const BUREAUS = ['public-security', 'civil-affairs', 'health', 'market-regulation'] as const;
const CALLER = { system: 'civil-affairs.subsidy-review', purpose: 'subsidy-eligibility' };
const postgresUrl = process.env.CAUSEWAY_BENCH_POSTGRES_URL ?? process.env.CAUSEWAY_TEST_POSTGRES_URL;

const dataDir = mkdtempSync(join(tmpdir(), 'causeway-bench-'));
const people = demoPeople().slice(0, 200);

/** The operations: what is asked, and what a correct answer looks like. */
interface Operation {
  name: string;
  description: string;
  bodies: string[];
  check: (data: Record<string, unknown>) => boolean;
}
const gql = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
const OPERATIONS: Record<'single' | 'small' | 'deep', Operation> = {
  single: {
    name: 'single-bureau lookup',
    description: 'one person from public security: name, gender, birth date',
    bodies: people.map((p) => gql('query ($id: ID!) { person(idNumber: $id) { idNumber name gender birthDate } }', { id: p.idNumber })),
    check: (data) => typeof (data.person as { gender?: unknown } | null)?.gender === 'string',
  },
  small: {
    name: 'small cross-bureau lookup',
    description: 'one person: public security + civil affairs + health fields',
    bodies: people.map((p) =>
      gql('query ($id: ID!) { person(idNumber: $id) { name householdAddress maritalStatus medicalInsurance { status } } }', { id: p.idNumber }),
    ),
    check: (data) => {
      const person = data.person as Record<string, unknown> | null;
      return typeof person?.name === 'string' && 'maritalStatus' in person && 'medicalInsurance' in person;
    },
  },
  deep: {
    name: 'deep/wide operation',
    description: '20 enterprises, each with its legal representative’s records from three bureaus',
    bodies: [0, 20, 40, 60, 80].map((offset) =>
      gql(
        'query ($after: String) { enterprises(first: 20, after: $after) { nodes { creditCode name status legalRepresentative { name householdAddress maritalStatus medicalInsurance { status } vaccinations { vaccine date } } } } }',
        // The market-regulation bureau's cursors are base64url("seq:N").
        { after: offset === 0 ? null : Buffer.from(`seq:${offset}`).toString('base64url') },
      ),
    ),
    check: (data) => {
      const nodes = (data.enterprises as { nodes?: Array<{ legalRepresentative?: { name?: unknown } }> } | undefined)?.nodes;
      return Array.isArray(nodes) && nodes.length > 0 && nodes.every((node) => typeof node.legalRepresentative?.name === 'string');
    },
  },
};

interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  valid: number;
  errors: number;
}

/** One autocannon run; `authorization(body)` gives each request its token (null: none). */
async function load(url: string, operation: Operation, authorization: ((body: string) => string) | null, seconds: number): Promise<LoadResult> {
  let next = 0;
  let valid = 0;
  let invalid = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const body = operation.bodies[next++ % operation.bodies.length]!;
          return { ...request, body, headers: { ...request.headers, ...(authorization ? { authorization: `Bearer ${authorization(body)}` } : {}) } };
        },
        onResponse: (status, body) => {
          try {
            const answer = JSON.parse(body) as { data?: Record<string, unknown>; errors?: unknown[] };
            if (status === 200 && !answer.errors && answer.data && operation.check(answer.data)) valid++;
            else invalid++;
          } catch {
            invalid++;
          }
        },
      },
    ],
  });
  const seconds_ = result.duration || seconds;
  return {
    requestsPerSecond: valid / seconds_,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    valid,
    errors: invalid + result.errors + result.timeouts,
  };
}

/** Single-use client assertions, made before the run so the load generator only hands them out. */
async function callerTokens(count: number): Promise<() => string> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push(await signDevClientAssertion({ dataDir, system: CALLER.system, audience: 'causeway-gateway', purpose: CALLER.purpose, ttlSeconds: 300 }));
  let i = 0;
  return () => tokens[i++ % tokens.length]!;
}

/** Exchange tokens bound to each body, for calling a bureau directly as the gateway would. */
async function bureauTokens(signer: ExchangeTokenSigner, bureau: string, operation: Operation, count: number): Promise<(body: string) => string> {
  const byBody = new Map<string, string[]>();
  for (let i = 0; i < count; i++) {
    const body = operation.bodies[i % operation.bodies.length]!;
    const token = await signer.sign({ bureau, system: CALLER.system, department: 'civil-affairs', purpose: CALLER.purpose, exchangeId: randomUUID(), bodyHash: bodyHash(body) });
    byBody.set(body, [...(byBody.get(body) ?? []), token]);
  }
  return (body) => byBody.get(body)!.pop() ?? 'exhausted';
}

interface Row {
  target: string;
  operation: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  peakRssMiB: number | null;
}
const rows: Row[] = [];

async function measure(target: string, process_: BenchProcess | null, url: string, operation: Operation, authorization: () => Promise<((body: string) => string) | null>): Promise<void> {
  await load(url, operation, await authorization(), WARMUP_S);
  const result = await load(url, operation, await authorization(), DURATION_S);
  rows.push({ target, operation: operation.name, ...result, peakRssMiB: process_?.peakRssMiB() ?? null });
  console.error(`  ${target.padEnd(34)} ${operation.name.padEnd(26)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  errors ${result.errors}`);
}

// ---- set up: keys, a JWKS for the bureaus, the bureaus, the supergraph ----
const keyFile = gatewayKeyFile(dataDir);
mkdirSync(join(dataDir, 'keys'), { recursive: true });
const keystore = await GatewayKeystore.open(keyFile, { create: true });
const signer = new ExchangeTokenSigner(keystore, DEFAULT_GATEWAY_ISSUER);
await ensureDevSystemKey(dataDir, CALLER.system);
const jwks = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keystore.jwks())));
await new Promise<void>((resolve) => jwks.listen(BASE + 9, '127.0.0.1', resolve));
const bureauUrl = (i: number) => `http://127.0.0.1:${BASE + 1 + i}/graphql`;
const bureaus = BUREAUS.map((bureau, i) =>
  startScript(bureau, `dist/apps/${bureau}/src/main.js`, {
    CAUSEWAY_PORT: String(BASE + 1 + i),
    CAUSEWAY_DATA_DIR: dataDir,
    CAUSEWAY_GATEWAY_JWKS_URL: `http://127.0.0.1:${BASE + 9}/.well-known/jwks.json`,
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
    await promisify(execFile)(process.execPath, [join(projectRoot(), 'bin/causeway.js'), 'compose', '--out', supergraphFile, '--data-dir', dataDir, ...BUREAUS.flatMap((bureau, i) => ['--bureau', `${bureau}=${bureauUrl(i)}`])], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', APOLLO_TELEMETRY_DISABLED: 'true' },
    });
  }
  // Enough single-use tokens for 4,000 requests a second over a whole run (running out would show as errors).
  const tokenCount = 4_000 * (DURATION_S + 1);
  console.error(`Causeway benchmark${quick ? ' (quick)' : ''}: ${DURATION_S} s per run after ${WARMUP_S} s warm-up, ${CONNECTIONS} connections, Node ${process.version}`);

  // ---- (a) the bureau directly ----
  await measure('direct bureau (public-security)', bureaus[0]!, bureauUrl(0), OPERATIONS.single, async () => bureauTokens(signer, 'public-security', OPERATIONS.single, tokenCount));

  // ---- (b) the bare Apollo gateway ----
  const bare = startScript('bare gateway', 'dist/bench/bare-gateway.js', { BENCH_PORT: String(BASE), BENCH_SUPERGRAPH_FILE: supergraphFile, BENCH_KEYS_FILE: keyFile });
  stopAll.push(bare);
  await waitFor(`http://127.0.0.1:${BASE}/?query=%7B__typename%7D`, bare, 60_000, (status) => status < 500);
  for (const operation of Object.values(OPERATIONS)) await measure('bare @apollo/gateway', bare, `http://127.0.0.1:${BASE}/`, operation, async () => null);
  await bare.stop();

  // ---- (c)–(e) Causeway ----
  const causeway = async (label: string, env: Record<string, string>, operations: Operation[], authenticated = true) => {
    const gateway = startScript(label, 'dist/apps/gateway/src/main.js', {
      CAUSEWAY_PORT: String(BASE),
      CAUSEWAY_DATA_DIR: dataDir,
      CAUSEWAY_SUPERGRAPH_FILE: supergraphFile,
      CAUSEWAY_BUREAUS: bureauList,
      ...env,
    });
    stopAll.push(gateway);
    await waitFor(`http://127.0.0.1:${BASE}/health`, gateway);
    for (const operation of operations) {
      await measure(label, gateway, `http://127.0.0.1:${BASE}/graphql`, operation, async () => {
        if (!authenticated) return null;
        const next = await callerTokens(tokenCount);
        return () => next();
      });
    }
    await gateway.stop();
  };
  const all = Object.values(OPERATIONS);
  await causeway('Causeway, every layer (SQLite ledger)', {}, all);
  if (postgresUrl) {
    pgSchema = `causeway_bench_${process.pid}`;
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA ${pgSchema}`);
    await client.end();
    await causeway('Causeway, every layer (PostgreSQL ledger)', { CAUSEWAY_DATABASE_URL: postgresUrl, CAUSEWAY_DATABASE_SCHEMA: pgSchema }, [OPERATIONS.small, OPERATIONS.deep]);
  } else {
    console.error('  Causeway with the PostgreSQL ledger: left out (set CAUSEWAY_BENCH_POSTGRES_URL or CAUSEWAY_TEST_POSTGRES_URL)');
  }
  await causeway('Causeway, authentication off', { CAUSEWAY_BENCH_LAYERS_OFF: 'authentication' }, [OPERATIONS.small], false);
  await causeway('Causeway, policy off', { CAUSEWAY_BENCH_LAYERS_OFF: 'policy' }, [OPERATIONS.small]);
  await causeway('Causeway, ledger off', { CAUSEWAY_BENCH_LAYERS_OFF: 'ledger' }, [OPERATIONS.small]);
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
const baseline = (operation: string) => rows.find((row) => row.target === 'bare @apollo/gateway' && row.operation === operation);
const direct = rows.find((row) => row.target.startsWith('direct'));
const table = [
  '| target | operation | req/s | p50 ms | p99 ms | errors | peak RSS MiB | × bare gateway | × direct bureau |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((row) => {
    const bare = baseline(row.operation);
    const vsBare = bare && !row.target.startsWith('direct') ? (row.requestsPerSecond / bare.requestsPerSecond).toFixed(2) : '';
    const vsDirect = direct && row.operation === direct.operation ? (row.requestsPerSecond / direct.requestsPerSecond).toFixed(2) : '';
    return `| ${row.target} | ${row.operation} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50Ms} | ${row.p99Ms} | ${row.errors} | ${row.peakRssMiB?.toFixed(0) ?? ''} | ${vsBare} | ${vsDirect} |`;
  }),
].join('\n');
const date = new Date().toISOString();
const resultsDir = join(projectRoot(), 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `${date.slice(0, 19).replace(/:/g, '-')}${quick ? '-quick' : ''}.json`);
writeFileSync(file, `${JSON.stringify({ date, quick, node: process.version, durationS: DURATION_S, warmupS: WARMUP_S, connections: CONNECTIONS, operations: Object.fromEntries(Object.entries(OPERATIONS).map(([key, op]) => [key, op.description])), rows }, null, 2)}\n`);
console.log(`\n${table}\n\nResults: ${file}`);
