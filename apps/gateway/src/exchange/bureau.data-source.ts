import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Dispatcher } from 'undici';
import { BureauCaller } from './bureau.caller.js';
import type { GatewayContext } from './exchange.context.js';
import type { ExchangePipeline } from './exchange.pipeline.js';

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type IncomingOperation = Extract<ProcessOptions, { incomingRequestContext: unknown }>;

/** GraphQLDataSourceRequestKind.INCOMING_OPERATION; @apollo/gateway does not export the enum. */
function isIncomingOperation(options: ProcessOptions): options is IncomingOperation {
  return (options.kind as string) === 'incoming operation';
}

/**
 * One bureau as a GraphQL data source of @apollo/gateway: its calls go
 * through a BureauCaller (signed, deadlined, counted, failures as
 * BUREAU_UNAVAILABLE).
 *
 * It implements the data-source interface directly rather than extending
 * RemoteGraphQLDataSource: that class builds node-fetch Headers and Request
 * objects around every call and hands the body to a fetcher that receives
 * no context, which made the exchange travel by AsyncLocalStorage. Here the
 * exchange comes with the call.
 */
export class BureauDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly caller: BureauCaller;

  constructor(bureau: string, url: string, pipeline: ExchangePipeline, timeoutMs: number, dispatcher: Dispatcher) {
    this.caller = new BureauCaller(bureau, url, pipeline, timeoutMs, dispatcher);
  }

  process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const exchange = isIncomingOperation(options) ? options.context.exchange : undefined;
    const { request } = options;
    return this.caller.call({ query: request.query ?? '', variables: request.variables, operationName: request.operationName, headers: request.http?.headers ?? [] }, exchange);
  }
}
