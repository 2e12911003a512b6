import { ApolloGateway } from '@apollo/gateway';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { BureauHttpClient } from '../exchange/bureau-http.client.js';
import { BureauDataSource } from '../exchange/bureau.data-source.js';
import type { ExchangePipeline } from '../exchange/exchange.pipeline.js';
import { redactedName } from '../exchange/operation-redaction.js';
import type { GatewayConfig } from '../gateway.config.js';
import type { SupergraphService } from '../supergraph/supergraph.service.js';

/** @apollo/gateway (Elastic License 2.0) as the federation engine: its query planner, every bureau call through a BureauDataSource. */
export function apolloEngine(config: GatewayConfig, supergraph: SupergraphService, pipeline: ExchangePipeline, http: BureauHttpClient): GatewayInterface {
  return withRedactedSpanNames(
    new ApolloGateway({
      supergraphSdl: supergraph,
      buildService: ({ name, url }) => {
        if (!url) throw new Error(`bureau ${name} has no URL in the supergraph`);
        return new BureauDataSource(name, url, pipeline, config.bureauTimeoutMs, http.dispatcher);
      },
    }),
  );
}

/**
 * @apollo/gateway writes the operation's name into its spans
 * (`graphql.operation.name`, `operationName`) and has no option to leave it
 * out; the caller chooses that name and can write an ID number into it
 * (`query Q110105…`). Its executor is handed the name redacted as
 * `redactedName` does outside a document's numbering (`REDACTED`;
 * operation-redaction.ts); it plans and runs by the request's own
 * `operationName`, which stays as sent.
 */
export function withRedactedSpanNames(gateway: GatewayInterface): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    load: async (options) => {
      const { executor } = await gateway.load(options);
      return {
        executor: executor && ((context) => executor({ ...context, operationName: context.operationName === null ? null : redactedName(context.operationName) })),
      };
    },
  };
}
