import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { DataSource } from 'typeorm';
import { governedTypeDefs } from '#catalog';
import { dataSourceOptions } from '#database';
import { demoPeople } from '#demo-data';
import { LedgerReader } from '#ledger';
import { GATEWAY_FEATURES } from '../apps/gateway/src/database/gateway-database.module.js';
import { callerToken, graphql, waitForStatus, type GraphQLAnswer } from './support/http.js';
import { createTestSchema, describePostgres } from './support/postgres.js';
import { runCli, sleep, startBureaus, startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * A bureau joins two running replicas sharing PostgreSQL, through the admin
 * API, with no restart; a schema change that lowers a classification waits
 * for a second administrator; a replica restarted while that bureau is down
 * serves the last approved graph. Polling is set to a minute, so only
 * NOTIFY can bring a change to the other replica in time.
 */
const BASE = 17000;
const TAX_PORT = BASE + 5;
const REPLICAS = [`http://127.0.0.1:${BASE}`, `http://127.0.0.1:${BASE + 9}`];
const dataDir = tempDir('bureaus');
const person = demoPeople()[3]!;

/** The tax bureau's subgraph; `incomeLevel` is the classification it gives incomes. */
function taxSubgraph(incomeLevel: string): ApolloServer {
  const typeDefs = governedTypeDefs(`
    type Query { taxRecord(id: ID!): TaxRecord @classification(level: "PUBLIC") @sharing(mode: UNCONDITIONAL) }
    type TaxRecord {
      id: ID! @classification(level: "PUBLIC") @sharing(mode: UNCONDITIONAL)
      income: Int @classification(level: "${incomeLevel}") @sharing(mode: UNCONDITIONAL)
    }`);
  const resolvers = { Query: { taxRecord: (_: unknown, { id }: { id: string }) => ({ id, income: 1000 }) } };
  return new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers }) });
}

describePostgres('bureaus join and change without a restart', (url) => {
  const processes: TestProcess[] = [];
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let dataSource: DataSource;
  let tax: ApolloServer | null = null;
  const replicaEnv = () => ({
    CAUSEWAY_DATABASE_URL: url,
    CAUSEWAY_DATABASE_SCHEMA: schema.schema,
    CAUSEWAY_POLICY_POLL_MS: '60000',
    CAUSEWAY_SUPERGRAPH_POLL_MS: '60000',
    CAUSEWAY_DEV_PEOPLE_TOKENS: 'true',
  });
  const startTax = async (incomeLevel: string) => {
    tax = taxSubgraph(incomeLevel);
    await startStandaloneServer(tax, { listen: { port: TAX_PORT, host: '127.0.0.1' } });
  };
  const tokens: Record<string, string> = {};
  const admin = async (user: string, query: string, variables: Record<string, unknown> = {}) => {
    tokens[user] ??= (await runCli(['token', '--user', user, '--data-dir', dataDir])).stdout.trim();
    return graphql(`${REPLICAS[0]}/admin/graphql`, query, variables, { authorization: `Bearer ${tokens[user]}` });
  };
  const ask = async (replica: string, query: string): Promise<GraphQLAnswer> => graphql(`${replica}/graphql`, query, {}, { authorization: `Bearer ${await callerToken(dataDir)}` });
  /** Milliseconds until `check` holds on every replica (checked every 50 ms), or Infinity after 5 s. */
  const untilBoth = async (query: string, check: (answer: GraphQLAnswer) => boolean): Promise<number> => {
    const started = Date.now();
    const pending = new Set(REPLICAS);
    while (pending.size > 0 && Date.now() - started < 5000) {
      for (const replica of [...pending]) if (check(await ask(replica, query))) pending.delete(replica);
      if (pending.size > 0) await sleep(50);
    }
    return pending.size === 0 ? Date.now() - started : Infinity;
  };
  const PUT_BUREAU = 'mutation ($input: BureauInput!) { putBureau(input: $input) { served supergraph { version status loosened unlabelled added } } }';
  const taxBureau = { name: 'tax', department: 'tax', url: `http://127.0.0.1:${TAX_PORT}/` };
  const TAX_QUERY = '{ taxRecord(id: "7") { id income } }';

  beforeAll(async () => {
    schema = await createTestSchema(url);
    await startTax('CORE');
    processes.push(...startBureaus(BASE, dataDir));
    processes.push(startGateway(BASE, dataDir, replicaEnv()));
    await waitForStatus(`${REPLICAS[0]}/health/ready`, 200);
    processes.push(startGateway(BASE, dataDir, replicaEnv(), BASE + 9));
    await waitForStatus(`${REPLICAS[1]}/health/ready`, 200);
    dataSource = await new DataSource(dataSourceOptions({ type: 'postgres', url, schema: schema.schema }, GATEWAY_FEATURES)).initialize();
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await tax?.stop();
    await dataSource?.destroy();
    await schema?.drop();
  });

  it('serves a bureau registered through the admin API on both running replicas within a second', async () => {
    for (const replica of REPLICAS) expect((await ask(replica, TAX_QUERY)).body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await admin('officer-ca', PUT_BUREAU, { input: taxBureau })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const joined = await admin('admin-1', PUT_BUREAU, { input: taxBureau });
    expect(joined.body.errors).toBeUndefined();
    expect(joined.body.data!.putBureau).toMatchObject({
      served: true,
      supergraph: { status: 'ACTIVE', loosened: [], unlabelled: [], added: expect.arrayContaining(['Query.taxRecord', 'TaxRecord.income']) },
    });
    // The income is CORE, above this caller's clearance; the record's id is served.
    const served = (answer: GraphQLAnswer) => (answer.body.data?.taxRecord as { id?: string } | undefined)?.id === '7';
    expect(await untilBoth(TAX_QUERY, served)).toBeLessThan(1000);
    const answer = await ask(REPLICAS[1]!, TAX_QUERY);
    expect(answer.body.errors?.map((error) => error.extensions?.reason)).toEqual(['CLEARANCE']);

    const unreachable = await admin('admin-1', PUT_BUREAU, { input: { name: 'nowhere', department: 'nowhere', url: `http://127.0.0.1:${BASE + 8}/` } });
    expect(unreachable.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input' });
    expect(unreachable.body.errors?.[0]?.message).toContain('nowhere is unreachable');
    // A password in the address would be kept in the registry and its records, and listed to administrators.
    const withPassword = await admin('admin-1', PUT_BUREAU, { input: { ...taxBureau, url: taxBureau.url.replace('http://', 'http://tax:s3cret@') } });
    expect(withPassword.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.url' });
    expect(JSON.stringify(withPassword.body)).not.toContain('s3cret');
  });

  it('holds a lowered classification until a second administrator approves it, then serves it on both', async () => {
    await tax!.stop();
    await startTax('PUBLIC');
    const changed = await admin('admin-1', PUT_BUREAU, { input: taxBureau });
    expect(changed.body.errors).toBeUndefined();
    const offered = changed.body.data!.putBureau as { served: boolean; supergraph: { version: number; status: string; loosened: string[] } };
    expect(offered).toMatchObject({ served: false, supergraph: { status: 'PENDING', loosened: ['TaxRecord.income: level lowered from CORE to PUBLIC'] } });
    for (const replica of REPLICAS) expect((await ask(replica, TAX_QUERY)).body.errors?.[0]?.extensions?.reason).toBe('CLEARANCE');

    const approve = `mutation { approveSupergraph(version: ${offered.supergraph.version}) { status decidedBy } }`;
    expect((await admin('admin-1', approve)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const approved = await admin('admin-2', approve);
    expect(approved.body.data!.approveSupergraph).toEqual({ status: 'ACTIVE', decidedBy: 'admin-2' });
    const income = (answer: GraphQLAnswer) => (answer.body.data?.taxRecord as { income?: number } | undefined)?.income === 1000;
    expect(await untilBoth(TAX_QUERY, income)).toBeLessThan(1000);

    const recorded: Array<Record<string, unknown>> = [];
    for await (const record of new LedgerReader(dataSource).records()) if (record.chain === 'registry') recorded.push(JSON.parse(record.content) as Record<string, unknown>);
    const steps = recorded.map((entry) => [entry.actor, entry.action, entry.subject]);
    expect(steps).toEqual(
      expect.arrayContaining([
        ['admin-1', 'put', 'bureau:tax'],
        ['admin-1', 'apply', `supergraph:${offered.supergraph.version}`],
        ['admin-2', 'approve', `supergraph:${offered.supergraph.version}`],
      ]),
    );
  });

  it('a replica restarted while a bureau is down serves the last approved graph; that bureau answers BUREAU_UNAVAILABLE', async () => {
    await processes.pop()!.stop();
    await tax!.stop();
    tax = null;
    processes.push(startGateway(BASE, dataDir, replicaEnv(), BASE + 9));
    await waitForStatus(`${REPLICAS[1]}/health/ready`, 200);
    const both = await ask(REPLICAS[1]!, `{ person(idNumber: "${person.idNumber}") { gender } taxRecord(id: "7") { id } }`);
    expect(both.body.data?.person).toEqual({ gender: person.gender });
    expect(both.body.data?.taxRecord).toBeNull();
    expect(both.body.errors?.map((error) => error.extensions?.code)).toEqual(['BUREAU_UNAVAILABLE']);
  });
});
