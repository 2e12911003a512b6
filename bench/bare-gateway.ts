/**
 * The baseline gateway of the benchmark: Apollo Server + @apollo/gateway on
 * the same supergraph and bureaus, with nothing of Causeway — no caller
 * authentication, no field policy, no ledger, no receipts, no telemetry.
 *
 * The one thing it must do like Causeway is sign each request to a bureau
 * (the bureaus answer nobody else), so signing is in the baseline and both
 * sides pay for it.
 *
 * Run by bench/run.ts: BENCH_PORT, BENCH_SUPERGRAPH_FILE, BENCH_KEYS_FILE.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { bodyHash, DEFAULT_GATEWAY_ISSUER, ExchangeTokenSigner, GatewayKeystore } from '#exchange-token';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const port = Number(process.env.BENCH_PORT);
const signer = new ExchangeTokenSigner(await GatewayKeystore.open(process.env.BENCH_KEYS_FILE!, { create: false }), DEFAULT_GATEWAY_ISSUER);

class SignedDataSource extends RemoteGraphQLDataSource {
  constructor(
    private readonly bureau: string,
    url: string,
  ) {
    super({ url });
    this.fetcher = (async (target: string, init: { method?: string; headers: Record<string, string>; body?: string }) => {
      const token = await signer.sign({
        bureau: this.bureau,
        system: 'civil-affairs.subsidy-review',
        department: 'civil-affairs',
        purpose: 'subsidy-eligibility',
        exchangeId: randomUUID(),
        bodyHash: bodyHash(init.body ?? ''),
      });
      return fetch(target, { method: init.method, headers: { ...init.headers, authorization: `Bearer ${token}` }, body: init.body });
    }) as unknown as RemoteGraphQLDataSource['fetcher'];
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.BENCH_SUPERGRAPH_FILE!, 'utf8'),
  buildService: ({ name, url }) => new SignedDataSource(name, url!),
});
const server = new ApolloServer({ gateway, plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()] });
await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
console.log(`bare gateway on http://127.0.0.1:${port}/`);
