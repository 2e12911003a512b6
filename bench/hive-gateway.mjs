/**
 * Hive Gateway (MIT) as a peer of the benchmark: `@graphql-hive/gateway-runtime`
 * on the same supergraph and bureaus, with nothing of Causeway — like the bare
 * Apollo gateway, it only signs each request to a bureau (the bureaus answer
 * nobody else).
 *
 *   BENCH_HIVE_PLANNER=js|rust  its JavaScript planner, or the Rust query
 *                               planner of `@graphql-hive/router-runtime`
 *   BENCH_HIVE_MERGING=off|on   off (the comparison that counts): every
 *                               bureau request is its caller's own, as in
 *                               Causeway; on: Hive's default, which merges
 *                               identical bureau requests in flight at the
 *                               same moment across different callers
 *
 * Run by bench/run.ts: BENCH_PORT, BENCH_SUPERGRAPH_FILE, BENCH_KEYS_FILE.
 *
 * Plain JavaScript, outside the TypeScript program on purpose: Hive's
 * typings augment graphql's `GraphQLErrorExtensions` (graphql-yoga's `http`)
 * and bring `@types/node` 25, which clash with Apollo Server's augmentation
 * and the project's Node types once any file of the program imports them.
 * It runs from the source tree and imports the built libraries (`#…` resolve to dist/).
 */
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { bodyHash, DEFAULT_GATEWAY_ISSUER, ExchangeTokenSigner, GatewayKeystore } from '#exchange-token';

const port = Number(process.env.BENCH_PORT);
const rust = process.env.BENCH_HIVE_PLANNER === 'rust';
const merging = process.env.BENCH_HIVE_MERGING === 'on';
const supergraph = readFileSync(process.env.BENCH_SUPERGRAPH_FILE, 'utf8');
const signer = new ExchangeTokenSigner(await GatewayKeystore.open(process.env.BENCH_KEYS_FILE, { create: false }), DEFAULT_GATEWAY_ISSUER);

/** Bureau by endpoint, from the supergraph's join__Graph values: a signed token names the bureau it is for. */
const bureauOf = new Map([...supergraph.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map(([, name, url]) => [url, name]));

/** Signs each bureau request as the bare gateway does: a fresh exchange token bound to the body. */
/** @type {import('@graphql-hive/gateway-runtime').GatewayPlugin} */
const signing = {
  async onFetch({ url, options, setOptions }) {
    const bureau = bureauOf.get(url);
    if (!bureau) return;
    const body = typeof options.body === 'string' ? options.body : '';
    const token = await signer.sign({
      bureau,
      system: 'civil-affairs.subsidy-review',
      department: 'civil-affairs',
      purpose: 'subsidy-eligibility',
      exchangeId: randomUUID(),
      bodyHash: bodyHash(body),
    });
    setOptions({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } });
  },
};

const gateway = createGatewayRuntime({
  supergraph,
  transports: { http: import('@graphql-mesh/transport-http') },
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: merging } } },
  ...(rust ? { unifiedGraphHandler } : {}),
  plugins: () => [signing],
  graphqlEndpoint: '/',
  landingPage: false,
  logging: 'error',
});
createServer(gateway).listen(port, '127.0.0.1', () => console.log(`Hive Gateway (${rust ? 'Rust' : 'JavaScript'} planner, merging ${merging ? 'on' : 'off'}) on http://127.0.0.1:${port}/`));
