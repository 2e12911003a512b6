import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { SupergraphManager } from '@apollo/gateway';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, GraphQLError, parse, type GraphQLSchema } from 'graphql';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { composeSupergraph } from '#supergraph';
import { BureauCaller } from '../exchange/bureau.caller.js';
import type { ExchangeContext } from '../exchange/exchange.context.js';
import type { ExchangePipeline } from '../exchange/exchange.pipeline.js';
import type { OutgoingFetch } from '../exchange/exchange.phases.js';
import { HiveFederationEngine } from './hive.engine.js';

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const PEOPLE_SDL = `${FEDERATION}
type Query { person(idNumber: ID!): Person people(first: Int!): [Person!]! }
type Person @key(fields: "idNumber") { idNumber: ID! name: String }`;
const HEALTH_SDL = `${FEDERATION}
type Person @key(fields: "idNumber") { idNumber: ID! insured: Boolean }`;

/** How the stand-in health bureau answers: normally, down (an HTTP error naming an internal host), or with an error of its own. */
let healthMode: 'ok' | 'down' | 'error' = 'ok';
let peopleDown = false;
const received: Array<{ bureau: string; body: string; authorization: string | undefined }> = [];

const schemas: Record<string, GraphQLSchema> = {
  people: buildSubgraphSchema({
    typeDefs: parse(PEOPLE_SDL),
    resolvers: {
      Query: {
        person: (_: unknown, { idNumber }: { idNumber: string }) => ({ idNumber, name: `name of ${idNumber}` }),
        people: (_: unknown, { first }: { first: number }) => {
          if (first < 1) throw new GraphQLError('first must be at least 1', { extensions: { code: 'BAD_USER_INPUT' } });
          return [{ idNumber: '1', name: 'name of 1' }];
        },
      },
    },
  }),
  health: buildSubgraphSchema({
    typeDefs: parse(HEALTH_SDL),
    resolvers: {
      Person: {
        __resolveReference: ({ idNumber }: { idNumber: string }) => {
          if (healthMode === 'error') throw new GraphQLError('not yours', { extensions: { code: 'FORBIDDEN_FIELD' } });
          return { idNumber, insured: true };
        },
      },
    },
  }),
};

let server: Server;
let base: string;
const dispatcher = new Agent();

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const bureau = (request.url ?? '').slice(1);
      received.push({ bureau, body, authorization: request.headers.authorization });
      if (bureau === 'people' && peopleDown) return void response.writeHead(503).end('down');
      if (bureau === 'health' && healthMode === 'down') return void response.writeHead(503).end(`http://10.0.0.7:4002 is down; you sent ${body}`);
      const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      void graphql({ schema: schemas[bureau]!, source: query, variableValues: variables }).then((result) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await dispatcher.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A pipeline whose forward stage signs as the real one does: for the exchange, bound to the body. */
const pipeline = {
  async forward(exchange: ExchangeContext, fetch: OutgoingFetch) {
    fetch.headers.authorization = `Bearer ${exchange.id}:${fetch.body.length}`;
  },
} as unknown as ExchangePipeline;

function exchange(id: string): ExchangeContext {
  return { id, startedAt: new Date(), clientAddress: null, httpResponse: null, traceId: null, operationName: null, fetches: [] };
}

/** The engine over a composed supergraph of the two stand-in bureaus, loaded as Apollo Server loads it. */
async function loadEngine() {
  const sdl = composeSupergraph([
    { name: 'people', url: `${base}/people`, sdl: PEOPLE_SDL },
    { name: 'health', url: `${base}/health`, sdl: HEALTH_SDL },
  ]);
  let update: ((sdl: string) => void) | undefined;
  const supergraph = {
    initialize: async (hooks: { update: (sdl: string) => void }) => {
      update = hooks.update;
      return { supergraphSdl: sdl, cleanup: async () => {} };
    },
  } as unknown as SupergraphManager;
  const engine = new HiveFederationEngine(supergraph, {
    callerFor: (bureau, url) => new BureauCaller(bureau, url, pipeline, 1_000, dispatcher),
    reloadDrainMs: 1_000,
    documentCacheSize: 10,
  });
  let apiSchema: GraphQLSchema | undefined;
  engine.onSchemaLoadOrUpdate(({ apiSchema: schema }) => (apiSchema = schema));
  const { executor } = await engine.load();
  return { engine, executor: executor as GatewayExecutor, schema: () => apiSchema!, update: (next: string) => update!(next) };
}

function run(executor: GatewayExecutor, schema: GraphQLSchema, query: string, exchangeValue: ExchangeContext, variables: Record<string, unknown> = {}) {
  return executor({
    schema,
    document: parse(query),
    queryHash: query,
    operationName: null,
    request: { query, variables },
    context: { exchange: exchangeValue },
  } as unknown as GatewayGraphQLRequestContext);
}

const QUERY = '{ person(idNumber: "110101199003070011") { name insured } }';

describe('HiveFederationEngine', () => {
  beforeEach(() => {
    received.length = 0;
    healthMode = 'ok';
    peopleDown = false;
  });

  it('joins the bureaus’ answers, each bureau request signed for its own exchange, never merged with another exchange’s', async () => {
    const { executor, schema, engine } = await loadEngine();
    const [first, second] = [exchange('exchange-1'), exchange('exchange-2')];
    const results = await Promise.all([run(executor, schema(), QUERY, first), run(executor, schema(), QUERY, second)]);

    for (const result of results) expect(result).toEqual({ data: { person: { name: 'name of 110101199003070011', insured: true } } });
    // Two identical operations at the same moment: two requests to each bureau, one per exchange.
    expect(received.filter(({ bureau }) => bureau === 'people')).toHaveLength(2);
    expect(received.filter(({ bureau }) => bureau === 'health')).toHaveLength(2);
    for (const { body, authorization } of received) expect(authorization).toMatch(new RegExp(`^Bearer exchange-[12]:${body.length}$`));
    expect(new Set(received.map(({ authorization }) => authorization!.split(':')[0]))).toEqual(new Set(['Bearer exchange-1', 'Bearer exchange-2']));
    expect(first.fetches.map(({ bureau, ok }) => [bureau, ok])).toEqual([
      ['people', true],
      ['health', true],
    ]);
    await engine.stop();
  });

  it('answers a failed bureau’s fields as null with BUREAU_UNAVAILABLE, naming neither its URL nor the request sent', async () => {
    healthMode = 'down';
    const { executor, schema } = await loadEngine();
    const failed = exchange('exchange-3');
    const result = await run(executor, schema(), QUERY, failed);

    expect(result.data).toEqual({ person: { name: 'name of 110101199003070011', insured: null } });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toEqual({ code: 'BUREAU_UNAVAILABLE', bureau: 'health', reason: 'http-503' });
    const text = JSON.stringify(result);
    expect(text).not.toContain('10.0.0.7');
    expect(text).not.toContain(base);
    expect(text).not.toContain('_entities');
    expect(failed.fetches.find(({ bureau }) => bureau === 'health')).toMatchObject({ ok: false, failure: 'http-503' });
  });

  it('answers the root field of a failed bureau as null (data is not dropped), as @apollo/gateway does', async () => {
    peopleDown = true;
    const { executor, schema } = await loadEngine();
    const result = await run(executor, schema(), '{ person(idNumber: "1") { name } }', exchange('exchange-6'));
    expect(result.data).toEqual({ person: null });
    expect(result.errors?.map((error) => error.extensions)).toEqual([{ code: 'BUREAU_UNAVAILABLE', bureau: 'people', reason: 'http-503' }]);
  });

  it('answers null for a non-null root field a bureau refused (data null, not left out), with the bureau’s error', async () => {
    const { executor, schema } = await loadEngine();
    const result = await run(executor, schema(), '{ people(first: 0) { name } }', exchange('exchange-7'));
    expect(result.data).toBeNull();
    expect(result.errors?.map((error) => [error.message, error.extensions])).toEqual([['first must be at least 1', { code: 'BAD_USER_INPUT', serviceName: 'people' }]]);
  });

  it.each([
    ['a literal @skip', '{ person(idNumber: "1") @skip(if: true) { name } }', {}],
    ['a literal @include on a fragment', '{ ... on Query @include(if: false) { person(idNumber: "1") { name } } }', {}],
    ['a variable', 'query ($s: Boolean!) { person(idNumber: "1") @skip(if: $s) { name } ...F } fragment F on Query { people(first: 1) @include(if: false) { name } }', { s: true }],
  ])('answers an operation whose every root field is skipped (%s) with empty data, asking no bureau', async (_name, query, variables) => {
    const { executor, schema } = await loadEngine();
    expect(await run(executor, schema(), query, exchange('exchange-8'), variables)).toEqual({ data: {} });
    expect(received).toHaveLength(0);
  });

  it('refuses, as BAD_USER_INPUT, variables that do not coerce and integer literals beyond 64 bits (which the planner cannot read)', async () => {
    const { executor, schema } = await loadEngine();
    const badVariable = await run(executor, schema(), 'query ($n: Int!) { people(first: $n) { name } }', exchange('exchange-9'), { n: 'x' });
    expect(badVariable.data).toBeUndefined();
    expect(badVariable.errors?.[0]?.message).toContain('"$n" got invalid value');
    const huge = await run(executor, schema(), '{ person(idNumber: 9223372036854775808) { name } }', exchange('exchange-10'));
    expect(huge.errors?.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    const largest = await run(executor, schema(), '{ person(idNumber: 9223372036854775807) { name } }', exchange('exchange-11'));
    expect(largest.data).toEqual({ person: { name: 'name of 9223372036854775807' } });
    expect(received.filter(({ bureau }) => bureau === 'people')).toHaveLength(1);
  });

  it('names the bureau of an error the bureau reported (serviceName), so the edge treats it as the bureau’s, not as a verdict of the gateway', async () => {
    healthMode = 'error';
    const { executor, schema } = await loadEngine();
    const result = await run(executor, schema(), QUERY, exchange('exchange-4'));
    expect(result.errors?.[0]).toBeInstanceOf(GraphQLError);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', serviceName: 'health' });
  });

  it('serves a new supergraph from its update on, handing Apollo Server the new API schema', async () => {
    const { executor, schema, update } = await loadEngine();
    const before = schema();
    update(
      composeSupergraph([
        { name: 'people', url: `${base}/people`, sdl: PEOPLE_SDL },
        { name: 'health', url: `${base}/health`, sdl: HEALTH_SDL.replace('insured: Boolean', 'insured: Boolean\n  clinic: String') },
      ]),
    );
    expect(schema()).not.toBe(before);
    expect(schema().getType('Person')?.toConfig()).toMatchObject({ fields: expect.objectContaining({ clinic: expect.anything() }) });
    const result = await run(executor, schema(), QUERY, exchange('exchange-5'));
    expect(result.data).toEqual({ person: { name: 'name of 110101199003070011', insured: true } });
    expect(() => update('this is not a supergraph')).toThrow();
  });
});
