import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IntrospectAndCompose, ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { callerToken, waitForStatus } from './support/http.js';
import { startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * Transparency: with CAUSEWAY_POLICY_MODE=allow-all, Causeway serves an
 * arbitrary Federation 2 supergraph — subgraphs it knows nothing about, no
 * governance labels, no ownership file, subgraph names of one letter — with
 * exactly the data a bare @apollo/gateway serves from the same subgraphs:
 * entities and keys across subgraphs, value types, @shareable fields,
 * @external/@requires, unions, interfaces, aliases and fragments.
 */
const BASE = 15900;
/** Each federation engine Causeway can run on, with its own gateway (port) and data directory. */
const ENGINES = [
  { engine: 'hive', port: BASE, dataDir: tempDir('conformance-hive') },
  { engine: 'apollo', port: BASE + 50, dataDir: tempDir('conformance-apollo') },
] as const;
const link =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@override", "@inaccessible", "@interfaceObject"])';
const users = [
  { id: 'u1', name: 'Ada', city: 'Hangzhou' },
  { id: 'u2', name: 'Lin', city: 'Suzhou' },
];
const products = [
  { upc: 'p1', name: 'Kettle', price: 30, weight: 2 },
  { upc: 'p2', name: 'Lamp', price: 12, weight: 1 },
];
const reviews = [
  { id: 'r1', body: 'Boils fast', author: 'u1', product: 'p1' },
  { id: 'r2', body: 'Too dim', author: 'u2', product: 'p2' },
  { id: 'r3', body: 'Fine', author: 'u1', product: 'p2' },
];

const subgraphs = {
  // One-letter names are valid Federation subgraph names.
  a: {
    typeDefs: `${link}
      type Query { users: [User!]! user(id: ID!): User media: [Media!]! broken: String things: [Thing!]! }
      interface Thing @key(fields: "id") { id: ID! }
      type User @key(fields: "id") { id: ID! name: String! address: Address }
      type Store @key(fields: "id") { id: ID! name: String! @shareable }
      type Address { city: String! }
      union Media = Book | Movie
      type Book { title: String! }
      type Movie { title: String! minutes: Int! }`,
    resolvers: {
      Query: {
        users: () => users,
        user: (_: unknown, { id }: { id: string }) => users.find((u) => u.id === id) ?? null,
        things: () => [],
        broken: () => {
          throw new GraphQLError('The register is closed for maintenance.', { extensions: { code: 'MAINTENANCE' } });
        },
        media: () => [
          { __typename: 'Book', title: 'Records of the Grand Historian' },
          { __typename: 'Movie', title: 'Hero', minutes: 99 },
        ],
      },
      User: { __resolveReference: ({ id }: { id: string }) => users.find((u) => u.id === id), address: (u: { city: string }) => ({ city: u.city }) },
      Store: { __resolveReference: ({ id }: { id: string }) => ({ id, name: 'Hefang Street store' }) },
    },
  },
  products: {
    typeDefs: `${link}
      type Query { topProducts(first: Int = 5): [Product!]! items: [Item!]! sellers: [Seller!]! }
      interface Item { id: ID! }
      type Gadget implements Item { id: ID! weight: Int! }
      type Product @key(fields: "upc") { upc: String! name: String! @shareable price: Int! weight: Int! cost: Int! @inaccessible fragile: String! }
      interface Seller @key(fields: "id") { id: ID! title: String! }
      type Shop implements Seller @key(fields: "id") { id: ID! title: String! street: String! }`,
    resolvers: {
      Query: {
        topProducts: (_: unknown, { first }: { first: number }) => products.slice(0, first),
        items: () => products.map((p) => ({ id: p.upc, weight: p.weight })),
        sellers: () => [{ id: 's1', title: 'Corner shop', street: 'Hefang Street' }],
      },
      Item: { __resolveType: () => 'Gadget' },
      Seller: { __resolveType: () => 'Shop', __resolveReference: ({ id }: { id: string }) => ({ id, title: 'Corner shop', street: 'Hefang Street' }) },
      Shop: { __resolveReference: ({ id }: { id: string }) => ({ id, title: 'Corner shop', street: 'Hefang Street' }) },
      Product: {
        __resolveReference: ({ upc }: { upc: string }) => products.find((p) => p.upc === upc),
        // Non-null, and failing for one product: its null must go up to the nearest nullable field.
        fragile: ({ upc }: { upc: string }) => {
          if (upc === 'p2') throw new GraphQLError('The lamp is out of stock.');
          return 'sturdy';
        },
      },
    },
  },
  reviews_v2: {
    typeDefs: `${link}
      type Review { id: ID! body: String! author: User! product: Product! store: Store @provides(fields: "name") }
      type Store @key(fields: "id") { id: ID! name: String! @external }
      type User @key(fields: "id") { id: ID! reviews: [Review!]! name: String! @override(from: "a") }
      type Seller @key(fields: "id") @interfaceObject { id: ID! rating: Int! }
      type Query { more: [Thing!]! }
      type Thing @key(fields: "id") @interfaceObject { id: ID! extra: String }
      type Product @key(fields: "upc") { upc: String! name: String! @shareable weight: Int! @external shippingClass: String! @requires(fields: "weight") reviews: [Review!]! }`,
    resolvers: {
      User: { reviews: ({ id }: { id: string }) => reviews.filter((r) => r.author === id), name: ({ id }: { id: string }) => users.find((u) => u.id === id)!.name.toUpperCase() },
      Query: { more: () => [{ id: 't1', extra: 'kept by the interface object' }] },
      Seller: { __resolveReference: ({ id }: { id: string }) => ({ id, rating: 4 }) },
      Review: {
        // What this subgraph provides may differ from what the store's own subgraph says: a plan that uses @provides shows it.
        store: () => ({ id: 's1', name: 'the store as reviewed' }),
        author: (r: { author: string }) => ({ __typename: 'User', id: r.author }),
        product: (r: { product: string }) => ({ __typename: 'Product', upc: r.product, name: products.find((p) => p.upc === r.product)!.name }),
      },
      Product: {
        __resolveReference: (ref: { upc: string; weight?: number }) => ({ ...ref, name: products.find((p) => p.upc === ref.upc)!.name }),
        shippingClass: (p: { weight: number }) => (p.weight > 1 ? 'HEAVY' : 'LIGHT'),
        reviews: ({ upc }: { upc: string }) => reviews.filter((r) => r.product === upc),
      },
    },
  },
};

const servers: ApolloServer[] = [];
let bare: ApolloServer;
const gateways: TestProcess[] = [];
const urls: Record<string, string> = {};

beforeAll(async () => {
  let port = BASE + 1;
  for (const [name, { typeDefs, resolvers }] of Object.entries(subgraphs)) {
    const server = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers: resolvers as never }) });
    servers.push(server);
    urls[name] = (await startStandaloneServer(server, { listen: { port: port++, host: '127.0.0.1' } })).url;
  }
  bare = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl: new IntrospectAndCompose({ subgraphs: Object.entries(urls).map(([name, url]) => ({ name, url })) }) }),
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
  });
  await bare.start();
  for (const { engine, port, dataDir } of ENGINES) {
    const bureaus = Object.entries(urls)
      .map(([name, url]) => `${name}=${url}`)
      .join(',');
    // Spans printed, to show what a trace collector would receive.
    gateways.push(startGateway(port, dataDir, { CAUSEWAY_BUREAUS: bureaus, CAUSEWAY_POLICY_MODE: 'allow-all', CAUSEWAY_FEDERATION_ENGINE: engine, OTEL_TRACES_EXPORTER: 'console' }));
  }
  for (const { port } of ENGINES) await waitForStatus(`http://127.0.0.1:${port}/health`, 200);
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  // A gateway that failed to start cannot be stopped; the subgraphs must stop all the same, or Jest never exits.
  await bare?.stop().catch(() => undefined);
  for (const server of servers) await server.stop();
});

async function viaCauseway({ port, dataDir }: (typeof ENGINES)[number], query: string, variables: Record<string, unknown>): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await callerToken(dataDir)}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

async function viaBareGateway(query: string, variables: Record<string, unknown>): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await bare.executeOperation({ query, variables });
  return response.body.kind === 'single' ? (response.body.singleResult as { data?: unknown; errors?: unknown[] }) : {};
}

describe.each(ENGINES)('allow-all, on the $engine engine, serves exactly what a bare gateway serves', (target) => {
  it.each([
    ['entities and keys across subgraphs, a value type', '{ users { id name address { city } reviews { id body } } }', {}],
    ['nested entity hops and a @shareable field', '{ users { name reviews { body product { upc name price reviews { author { name } } } } } }', {}],
    ['@external and @requires', '{ topProducts { upc shippingClass } }', {}],
    ['@provides: a field served by the subgraph that provides it', '{ users { reviews { store { id name } } } }', {}],
    ['arguments and variables', 'query ($id: ID!, $n: Int) { user(id: $id) { name } topProducts(first: $n) { name } }', { id: 'u2', n: 1 }],
    ['a union', '{ media { __typename ... on Book { title } ... on Movie { title minutes } } }', {}],
    ['an interface', '{ items { __typename id ... on Gadget { weight } } }', {}],
    ['aliases and named fragments', 'query { people: users { ...U } first: user(id: "u1") { ...U } } fragment U on User { who: name address { city } }', {}],
    ['a missing entity', '{ user(id: "nobody") { name } }', {}],
    ['every root field skipped (nothing to plan)', 'query ($s: Boolean!) { users @skip(if: $s) { id } ... on Query @include(if: false) { topProducts { upc } } }', { s: true }],
    [
      'nested conditions: an outer @include(if: false) wins over an inner @skip(if: false)',
      'query ($t: Boolean!, $f: Boolean!) { users { id ... @include(if: $f) { name @skip(if: $f) reviews @include(if: $t) { id } } } }',
      { t: true, f: false },
    ],
    [
      'nested conditions across an entity hop',
      '{ users { reviews { product { upc ... @include(if: false) { name @include(if: true) } ... @skip(if: false) { price @skip(if: true) } } } } }',
      {},
    ],
    ['@override: the field served by the subgraph that took it over', '{ users { id name } }', {}],
    ['@interfaceObject: an interface entity extended by another subgraph', '{ sellers { id title rating ... on Shop { street } } }', {}],
    ['an interface no object type implements, served through an @interfaceObject', '{ things { id } more { id extra } }', {}],
  ])('%s', async (_name, query, variables) => {
    const expected = await viaBareGateway(query, variables);
    expect(expected.errors).toBeUndefined();
    const answer = await viaCauseway(target, query, variables);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual(expected.data);
    // In the same order too: a response's keys follow the selections.
    expect(JSON.stringify(answer.data)).toBe(JSON.stringify(expected.data));
  });

  it.each([
    ['in a root list', '{ topProducts { upc fragile } }'],
    ['in an entity fetch below a nullable root field', '{ user(id: "u2") { name reviews { product { upc fragile } } } users { id } }'],
    ['in an entity fetch, up to data', '{ users { reviews { product { fragile } } } }'],
  ])('a non-null field that fails %s: its null goes up to the nearest nullable field, as far as a bare gateway takes it', async (_name, query) => {
    const expected = await viaBareGateway(query, {});
    expect(expected.errors?.length).toBeGreaterThan(0);
    const answer = await viaCauseway(target, query, {});
    expect(answer.data).toEqual(expected.data);
    expect(answer.errors?.length).toBeGreaterThan(0);
  });

  it('sends no identifier a caller wrote into an operation name, an alias or a URL to the trace collector', async () => {
    const id = '110105197706270620';
    const answer = await viaCauseway(target, `query Q${id} { u${id}: user(id: "u1") { name } }`, {});
    expect(answer.errors).toBeUndefined();
    expect((await fetch(`http://127.0.0.1:${target.port}/people/${id}`)).status).toBe(404);
    const gateway = gateways[ENGINES.indexOf(target)]!;
    await gateway.waitForOutput('/people/:redacted', 10_000);
    // @apollo/gateway's own spans name the operation: by the name the ledger stores.
    if (target.engine === 'apollo') await gateway.waitForOutput(/'graphql\.operation\.name': 'REDACTED'/, 10_000);
    expect(gateway.text).not.toContain(id);
  });

  it('@inaccessible: a field neither serves', async () => {
    const expected = await viaBareGateway('{ topProducts { cost } }', {});
    const answer = await viaCauseway(target, '{ topProducts { cost } }', {});
    expect(expected.errors).toHaveLength(1);
    expect((answer.errors as Array<{ extensions: { code: string } }>)[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.data).toEqual(expected.data);
  });

  it("a bureau's own error, with its message, path and code", async () => {
    const query = '{ broken users { name } }';
    const expected = await viaBareGateway(query, {});
    expect(expected.errors).toHaveLength(1);
    const answer = await viaCauseway(target, query, {});
    expect(answer.data).toEqual(expected.data);
    expect(answer.errors).toEqual(expected.errors);
  });
});
