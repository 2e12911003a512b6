import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { governedTypeDefs } from '#catalog';
import { composeSupergraph } from '#supergraph';
import { callerToken, graphql, waitForStatus, type GraphQLAnswer } from './support/http.js';
import { runCli, sleep, startApp, tempDir, type TestProcess } from './support/processes.js';

/**
 * A gateway serving a static supergraph file reloads the file when it is
 * replaced, with the checks a composed graph gets: an added field is served
 * without a restart; a lowered classification waits for an administrator;
 * a file that is not a supergraph is refused and the served graph kept.
 */
const BASE = 17100;
const GATEWAY = `http://127.0.0.1:${BASE}`;
const dataDir = tempDir('supergraph-file');
const file = join(tempDir('supergraph-file-graph'), 'supergraph.graphql');
const TAX_URL = `http://127.0.0.1:${BASE + 5}/`;
let tax: ApolloServer;
let gateway: TestProcess;

/** The tax bureau's schema as a supergraph names it: incomes at `incomeLevel`, with or without a note. */
function taxSdl(incomeLevel: string, withNote: boolean): string {
  return governedTypeDefs(`
    type Query { taxRecord(id: ID!): TaxRecord @classification(level: "PUBLIC") @sharing(mode: UNCONDITIONAL) }
    type TaxRecord {
      id: ID! @classification(level: "PUBLIC") @sharing(mode: UNCONDITIONAL)
      income: Int @classification(level: "${incomeLevel}") @sharing(mode: UNCONDITIONAL)
      ${withNote ? 'note: String @classification(level: "PUBLIC") @sharing(mode: UNCONDITIONAL)' : ''}
    }`);
}

function writeSupergraph(incomeLevel: string, withNote: boolean): void {
  writeFileSync(file, composeSupergraph([{ name: 'tax', url: TAX_URL, sdl: taxSdl(incomeLevel, withNote) }]));
}

/** A query of the admin API as the demo administrator. */
const admin = async (query: string): Promise<GraphQLAnswer> => {
  const token = (await runCli(['token', '--user', 'admin-1', '--data-dir', dataDir])).stdout.trim();
  return graphql(`${GATEWAY}/admin/graphql`, query, {}, { authorization: `Bearer ${token}` });
};

const ask = async (query: string): Promise<GraphQLAnswer> => graphql(`${GATEWAY}/graphql`, query, {}, { authorization: `Bearer ${await callerToken(dataDir)}` });

async function until(query: string, check: (answer: GraphQLAnswer) => boolean): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < 10_000; await sleep(100)) if (check(await ask(query))) return true;
  return false;
}

beforeAll(async () => {
  // The bureau serves everything every file version names; the file decides what the gateway exposes.
  tax = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(taxSdl('CORE', true)),
      resolvers: {
        Query: {
          // Record "slow" takes a while: an operation still in flight while the graph is reloaded.
          taxRecord: async (_: unknown, { id }: { id: string }) => {
            if (id === 'slow') await sleep(1_500);
            return { id, income: 1000, note: 'filed' };
          },
        },
      },
    }),
  });
  await startStandaloneServer(tax, { listen: { port: BASE + 5, host: '127.0.0.1' } });
  writeSupergraph('CORE', false);
  gateway = startApp('gateway', {
    CAUSEWAY_PORT: String(BASE),
    CAUSEWAY_DATA_DIR: dataDir,
    CAUSEWAY_SUPERGRAPH_FILE: file,
    CAUSEWAY_SUPERGRAPH_POLL_MS: '200',
    CAUSEWAY_DEV_PEOPLE_TOKENS: 'true',
  });
  await waitForStatus(`${GATEWAY}/health/ready`, 200);
});

afterAll(async () => {
  await gateway?.stop();
  await tax?.stop();
});

describe('a static supergraph file', () => {
  it('is reloaded when replaced: an added field is served without a restart, and an operation in flight is answered in full', async () => {
    expect((await ask('{ taxRecord(id: "1") { note } }')).body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const inFlight = ask('{ taxRecord(id: "slow") { id } }');
    await sleep(200);
    writeSupergraph('CORE', true);
    expect(await until('{ taxRecord(id: "1") { note } }', (answer) => (answer.body.data?.taxRecord as { note?: string } | undefined)?.note === 'filed')).toBe(true);
    expect((await inFlight).body).toMatchObject({ data: { taxRecord: { id: 'slow' } } });
    expect((await inFlight).body.errors).toBeUndefined();
  });

  it('keeps the served graph when the new file is not a supergraph', async () => {
    writeFileSync(file, 'type Query { hello: String }');
    await gateway.waitForOutput('the changed supergraph file is not served', 10_000);
    expect((await ask('{ taxRecord(id: "1") { note } }')).body.data?.taxRecord).toEqual({ note: 'filed' });
  });

  it('refuses a valid supergraph that links a feature the engine does not support, before storing it, and keeps the served graph', async () => {
    // @authenticated composes (Federation 2.9) but links a SECURITY feature no engine here enforces: it must not be served, nor
    // stored as the active version (a gateway restarted on it would not start).
    const secured = composeServices([
      {
        name: 'tax',
        url: TAX_URL,
        typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@authenticated"])
          type Query { taxRecord(id: ID!): TaxRecord @authenticated }
          type TaxRecord { id: ID! income: Int note: String }`),
      },
    ]);
    expect(secured.errors).toBeUndefined();
    const versions = async () => ((await admin('{ supergraphVersions { version } }')).body.data?.supergraphVersions as unknown[]).length;
    const before = await versions();
    writeFileSync(file, secured.supergraphSdl!);
    await gateway.waitForOutput('the federation engine cannot serve the supergraph', 10_000);
    expect(await versions()).toBe(before);
    expect((await ask('{ taxRecord(id: "1") { note } }')).body.data?.taxRecord).toEqual({ note: 'filed' });
  });

  it('holds a lowered classification until an administrator approves it', async () => {
    writeSupergraph('PUBLIC', true);
    let pending: { version: number; loosened: string[]; source: string } | undefined;
    for (const started = Date.now(); !pending && Date.now() - started < 10_000; await sleep(100)) {
      const versions = (await admin('{ supergraphVersions { version status source loosened } }')).body.data?.supergraphVersions as Array<{
        version: number;
        status: string;
        source: string;
        loosened: string[];
      }>;
      pending = versions.find((version) => version.status === 'PENDING');
    }
    expect(pending).toMatchObject({ source: 'file', loosened: ['TaxRecord.income: level lowered from CORE to PUBLIC'] });
    expect((await ask('{ taxRecord(id: "1") { income } }')).body.errors?.[0]?.extensions?.reason).toBe('CLEARANCE');
    expect((await admin(`mutation { approveSupergraph(version: ${pending!.version}) { status } }`)).body.data).toEqual({ approveSupergraph: { status: 'ACTIVE' } });
    expect((await ask('{ taxRecord(id: "1") { income } }')).body.data?.taxRecord).toEqual({ income: 1000 });
  });
});
