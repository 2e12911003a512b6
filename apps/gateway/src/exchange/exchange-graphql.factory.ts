import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import { federationEngine } from '../federation/federation-engine.js';
import type { FederationEngineDriverConfig } from '../federation/federation-engine.driver.js';
import type { GatewayConfig } from '../gateway.config.js';
import type { SupergraphService } from '../supergraph/supergraph.service.js';
import type { BureauHttpClient } from './bureau-http.client.js';
import type { GatewayContext } from './exchange.context.js';
import { formatExchangeError, formatTransparentError } from './exchange.errors.js';
import type { ExchangePipeline } from './exchange.pipeline.js';

/**
 * The exchange endpoint (`POST /graphql`) for bureau systems: Apollo Server
 * over the supergraph's federation engine, every request driven through the
 * pipeline, every bureau call through a BureauCaller.
 */
export async function exchangeGraphqlOptions(
  config: GatewayConfig,
  supergraph: SupergraphService,
  pipeline: ExchangePipeline,
  http: BureauHttpClient,
): Promise<FederationEngineDriverConfig> {
  return {
    server: {
      path: '/graphql',
      playground: false,
      // Off for callers: a schema view trimmed per caller would still
      // reveal what exists; the catalog (`causeway catalog`) is where
      // people read the graph. `__typename` keeps working.
      introspection: false,
      includeStacktraceInErrorResponses: false,
      // The parser stops counting past this many tokens: a huge document is refused before it is even parsed whole.
      parseOptions: { maxTokens: config.limits.tokens },
      // No automatic persisted queries: a caller registers no operation of its own choosing with the gateway.
      persistedQueries: false,
      context: ({ req }: { req: Request }): Promise<GatewayContext> => pipeline.open(req),
      formatError: config.policyMode === 'allow-all' ? formatTransparentError : formatExchangeError,
      // A government gateway does not phone home, whatever APOLLO_KEY says.
      plugins: [pipeline.plugin(), ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
    },
    engine: await federationEngine(config, supergraph, pipeline, http),
  };
}
