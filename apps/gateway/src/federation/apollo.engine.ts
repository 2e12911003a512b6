import { ApolloGateway } from '@apollo/gateway';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { BureauHttpClient } from '../exchange/bureau-http.client.js';
import { BureauDataSource } from '../exchange/bureau.data-source.js';
import type { ExchangePipeline } from '../exchange/exchange.pipeline.js';
import type { GatewayConfig } from '../gateway.config.js';
import type { SupergraphService } from '../supergraph/supergraph.service.js';

/** @apollo/gateway (Elastic License 2.0) as the federation engine: its query planner, every bureau call through a BureauDataSource. */
export function apolloEngine(config: GatewayConfig, supergraph: SupergraphService, pipeline: ExchangePipeline, http: BureauHttpClient): GatewayInterface {
  return new ApolloGateway({
    supergraphSdl: supergraph,
    buildService: ({ name, url }) => {
      if (!url) throw new Error(`bureau ${name} has no URL in the supergraph`);
      return new BureauDataSource(name, url, pipeline, config.bureauTimeoutMs, http.dispatcher);
    },
  });
}
