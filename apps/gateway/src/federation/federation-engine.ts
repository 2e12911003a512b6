import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { BureauCaller } from '../exchange/bureau.caller.js';
import type { BureauHttpClient } from '../exchange/bureau-http.client.js';
import type { ExchangePipeline } from '../exchange/exchange.pipeline.js';
import type { GatewayConfig } from '../gateway.config.js';
import type { SupergraphService } from '../supergraph/supergraph.service.js';
import { HiveFederationEngine } from './hive.engine.js';

/**
 * The federation engine behind the exchange endpoint (CAUSEWAY_FEDERATION_ENGINE):
 * what plans and runs the bureau requests of an operation the pipeline has
 * admitted, decided and filtered. Hive's runtime with the Rust planner by
 * default, @apollo/gateway on request; why, with figures: docs/federation.md,
 * "The federation engine".
 */
export async function federationEngine(config: GatewayConfig, supergraph: SupergraphService, pipeline: ExchangePipeline, http: BureauHttpClient): Promise<GatewayInterface> {
  if (config.federationEngine === 'apollo') {
    // Loaded only when chosen: @apollo/gateway and its query planner are not in the memory of a gateway on Hive's engine.
    const { apolloEngine } = await import('./apollo.engine.js');
    return apolloEngine(config, supergraph, pipeline, http);
  }
  return new HiveFederationEngine(supergraph, {
    callerFor: (bureau, url) => new BureauCaller(bureau, url, pipeline, config.bureauTimeoutMs, http.dispatcher),
    // A superseded graph serves what it admitted for as long as their bureau calls may last.
    reloadDrainMs: config.bureauTimeoutMs * 2,
    documentCacheSize: 1_000,
  });
}
